"""The three-level self-assessment through its form: saving, changing, and bad input."""

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.monitor import services
from samenspel.monitor.models import LevelAssessment, Period

from .test_permissions import VALID


@pytest.fixture
def edit_url(personas):
    period = services.current_period()
    return reverse("monitor:assessment_edit", args=[personas.organisation.slug, period.year, period.quarter])


def test_a_representative_fills_in_the_three_levels(personas, client_for, edit_url):
    data = {**VALID, "board_step": "3", "board_evidence": "Board decision of 1 March."}
    response = client_for(personas.orgrep).post(edit_url, data)
    assert response.status_code == 302
    saved = {a.level: a for a in LevelAssessment.objects.filter(organisation=personas.organisation)}
    assert set(saved) == {"board", "team_leaders", "professionals"}
    assert saved["board"].step == 3
    assert saved["board"].evidence == "Board decision of 1 March."
    assert saved["board"].updated_by == personas.orgrep
    assert AuditLogEntry.objects.filter(action="monitor.assessment.created").count() == 3
    # Changing it later in the same quarter updates the rows.
    client_for(personas.orgrep).post(edit_url, {**VALID, "board_step": "4"})
    assert LevelAssessment.objects.get(organisation=personas.organisation, level="board").step == 4
    assert LevelAssessment.objects.count() == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"board_step": ""}, "Choose a step for this level."),
        ({"board_step": "9"}, "Select a valid choice"),
        ({"board_step": "two"}, "Select a valid choice"),
        ({"team_leaders_explanation": ""}, "Explain in a few sentences"),
        ({"team_leaders_explanation": "   "}, "Explain in a few sentences"),
        ({"professionals_explanation": "x" * 2001}, "at most 2000 characters"),
        ({"professionals_evidence": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_input_shows_a_message_and_saves_nothing(personas, client_for, edit_url, change, message):
    response = client_for(personas.orgrep).post(edit_url, {**VALID, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LevelAssessment.objects.exists()


def test_html_in_the_explanation_is_kept_as_text_and_escaped(personas, client_for, edit_url):
    data = {**VALID, "board_explanation": "<script>alert(1)</script> We <b>did</b> it."}
    client_for(personas.orgrep).post(edit_url, data)
    detail = client_for(personas.municipality).get(reverse("monitor:detail", args=[personas.organisation.slug]))
    page = detail.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_quarter_that_has_not_begun_is_404(personas, client_for):
    period = services.current_period()
    url = reverse("monitor:assessment_edit", args=[personas.organisation.slug, period.year + 1, period.quarter])
    assert client_for(personas.orgrep).get(url).status_code == 404


def test_a_closed_quarter_is_read_only_and_a_post_changes_nothing(personas, client_for):
    period = Period.objects.create(year=2024, quarter=1)
    LevelAssessment.objects.create(
        organisation=personas.organisation, period=period, level="board", step=2, explanation="Old."
    )
    services.close_period(actor=personas.coordinator, period=period)
    url = reverse("monitor:assessment_edit", args=[personas.organisation.slug, 2024, 1])
    page = client_for(personas.orgrep).get(url).content.decode()
    assert "Ask a coordinator to record a correction" in page
    assert '<form method="post"' not in page.split("<main")[1]
    response = client_for(personas.orgrep).post(url, {**VALID, "board_step": "4"}, follow=True)
    assert "Ask a coordinator to record a correction" in response.content.decode()
    assert LevelAssessment.objects.get(organisation=personas.organisation, level="board").step == 2
    assert LevelAssessment.objects.count() == 1


def test_a_coordinator_records_a_correction_through_the_form(personas, client_for):
    period = Period.objects.create(year=2024, quarter=1)
    services.close_period(actor=personas.coordinator, period=period)
    url = reverse("monitor:correction_create", args=[2024, 1])
    client = client_for(personas.coordinator)
    assert client.get(url).status_code == 200
    data = {"organisation": personas.organisation.pk, "indicator": "experts_employed", "new_value": "3", "reason": "x"}
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("monitor:period_list")).content.decode()
    assert "Experts by experience employed" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"organisation": "999999"}, "Select a valid choice"),
        ({"organisation": "abc"}, "Select a valid choice"),
        ({"indicator": "share_trained"}, "Select a valid choice"),
        ({"new_value": "-3"}, "whole number"),
        ({"new_value": "<b>3</b>"}, "whole number"),
        ({"reason": ""}, "This field is required"),
        ({"reason": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_a_bad_correction_form_shows_a_message(personas, client_for, change, message):
    from samenspel.monitor.models import Correction

    period = Period.objects.create(year=2024, quarter=1)
    services.close_period(actor=personas.coordinator, period=period)
    data = {"organisation": personas.organisation.pk, "indicator": "experts_employed", "new_value": "3", "reason": "x"}
    response = client_for(personas.coordinator).post(
        reverse("monitor:correction_create", args=[2024, 1]), {**data, **change}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Correction.objects.exists()


def test_an_open_quarter_has_no_correction_form(personas, client_for):
    Period.objects.create(year=2024, quarter=1)
    url = reverse("monitor:correction_create", args=[2024, 1])
    assert client_for(personas.coordinator).get(url).status_code == 404
