"""Every monitor form, posted through the client as the person who uses it, every field read back."""

import pytest
from django.urls import reverse

from samenspel.monitor import services
from samenspel.monitor.models import Correction, LevelAssessment, Period
from tests.round_trip import assert_page_offers

pytestmark = pytest.mark.django_db

LEVELS = ("board", "team_leaders", "professionals")


def assessment_data(steps=(1, 2, 3), suffix=""):
    data = {}
    for level, step in zip(LEVELS, steps, strict=True):
        data[f"{level}_step"] = str(step)
        data[f"{level}_explanation"] = f"Uitleg {level}{suffix}"
        data[f"{level}_evidence"] = f"Bewijs {level}{suffix}"
    return data


def saved_assessments(organisation):
    rows = LevelAssessment.objects.filter(organisation=organisation)
    return {a.level: (a.step, a.explanation, a.evidence, a.updated_by) for a in rows}


def test_assessment_form_saves_every_level_and_changes_them_later(personas, client_for):
    period = services.current_period()
    url = reverse("monitor:assessment_edit", args=[personas.organisation.slug, period.year, period.quarter])
    client = client_for(personas.orgrep)
    assert_page_offers(client.get(url), assessment_data())
    assert client.post(url, assessment_data()).status_code == 302
    rep = personas.orgrep
    assert saved_assessments(personas.organisation) == {
        "board": (1, "Uitleg board", "Bewijs board", rep),
        "team_leaders": (2, "Uitleg team_leaders", "Bewijs team_leaders", rep),
        "professionals": (3, "Uitleg professionals", "Bewijs professionals", rep),
    }
    board = LevelAssessment.objects.get(organisation=personas.organisation, level="board")
    # The same quarter again: every field changes, evidence may become empty.
    data = {**assessment_data(steps=(4, 3, 2), suffix=" (nieuw)"), "board_evidence": ""}
    assert client.post(url, data).status_code == 302
    board.refresh_from_db()
    assert (board.step, board.explanation, board.evidence) == (4, "Uitleg board (nieuw)", "")
    assert saved_assessments(personas.organisation)["professionals"][:3] == (
        2,
        "Uitleg professionals (nieuw)",
        "Bewijs professionals (nieuw)",
    )
    # The form shows what is stored.
    page = client.get(url).content.decode()
    assert "Uitleg team_leaders (nieuw)" in page


@pytest.mark.parametrize(
    ("indicator", "typed", "stored"),
    [("experts_employed", "3", 3), ("experts_fte", "2,5", 2.5), ("level_board", "4", 4), ("level_board", "", None)],
)
def test_correction_form_records_the_correction(personas, client_for, indicator, typed, stored):
    period = Period.objects.create(year=2024, quarter=1)
    services.close_period(actor=personas.coordinator, period=period)
    url = reverse("monitor:correction_create", args=[2024, 1])
    data = {"organisation": personas.organisation.pk, "indicator": indicator, "new_value": typed, "reason": "Telfout"}
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(url), data)
    response = client.post(url, data)
    if stored is None:  # the stored figure is already "not filled in": nothing to correct
        assert response.status_code == 200
        assert "The new value is the same as the current one." in response.content.decode()
        assert not Correction.objects.exists()
        return
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.period == period
    assert correction.organisation == personas.organisation
    assert correction.indicator == indicator
    assert correction.new_value == stored
    assert correction.reason == "Telfout"
    assert correction.recorded_by == personas.coordinator
