"""Who sees and changes what in the monitor, per persona, including another organisation's representative."""

import pytest
from django.urls import reverse

from samenspel.members.models import Member
from samenspel.monitor import services
from samenspel.monitor.models import LevelAssessment, Period
from tests.factories.members import MemberFactory
from tests.factories.organisations import OrganisationFactory, TeamFactory
from tests.factories.tandems import expert

VALID = {
    f"{level}_{part}": value
    for level in ("board", "team_leaders", "professionals")
    for part, value in (("step", "2"), ("explanation", "We decided to hire experts."), ("evidence", ""))
}


@pytest.fixture
def other_rep(personas):
    """A representative of another organisation."""
    other = OrganisationFactory(name="Buurtteams Zuid", slug="bt-zuid")
    rep = MemberFactory(name="Rita Rep", kind=Member.Kind.ALLY)
    other.representatives.add(rep)
    return rep


def status(client_for, person, url, method="get", data=None):
    client = client_for(person)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("name", ["monitor:dashboard", "monitor:indicators", "monitor:open_data"])
def test_public_pages_are_open_to_everyone(personas, client_for, name):
    for person in (None, personas.member, personas.orgrep, personas.municipality, personas.coordinator):
        assert status(client_for, person, reverse(name)) == 200


def test_the_detail_list_is_for_coordinators_the_municipality_and_representatives(personas, client_for):
    url = reverse("monitor:detail_list")
    assert status(client_for, None, url) == "login"
    for person in (personas.member, personas.outsider, personas.kartrekker):
        assert status(client_for, person, url) == 403
    for person in (personas.coordinator, personas.municipality, personas.orgrep):
        assert status(client_for, person, url) == 200


def test_a_representative_sees_only_their_own_organisation_in_the_detail_list(personas, client_for, other_rep):
    page = client_for(other_rep).get(reverse("monitor:detail_list")).content.decode()
    assert "Buurtteams Zuid" in page
    assert personas.organisation.name not in page


def test_per_team_detail_is_hidden_from_everyone_outside(personas, client_for, other_rep):
    TeamFactory(organisation=personas.organisation, name="Team Geheim")
    url = reverse("monitor:detail", args=[personas.organisation.slug])
    for person in (personas.member, personas.outsider, other_rep):
        assert status(client_for, person, url) == 404
    assert status(client_for, None, url) == "login"
    for person in (personas.coordinator, personas.municipality, personas.orgrep):
        response = client_for(person).get(url)
        assert response.status_code == 200
        assert "Team Geheim" in response.content.decode()


def test_the_detail_of_an_unknown_or_partner_organisation_is_404(personas, client_for):
    from samenspel.organisations.models import Organisation

    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, slug="partner")
    for slug in ("nope", partner.slug):
        assert status(client_for, personas.coordinator, reverse("monitor:detail", args=[slug])) == 404


def test_assessments_are_for_the_representatives_and_coordinators(personas, client_for, other_rep):
    period = services.current_period()
    overview = reverse("monitor:assessment_overview", args=[personas.organisation.slug])
    edit = reverse("monitor:assessment_edit", args=[personas.organisation.slug, period.year, period.quarter])
    assert status(client_for, personas.orgrep, reverse("monitor:assessment_list")) == 200
    assert status(client_for, personas.coordinator, reverse("monitor:assessment_list")) == 200
    for person in (personas.member, personas.municipality):
        assert status(client_for, person, reverse("monitor:assessment_list")) == 403
    for url in (overview, edit):
        assert status(client_for, personas.orgrep, url) == 200
        assert status(client_for, personas.coordinator, url) == 200
        assert status(client_for, personas.municipality, url) == 403  # reads, does not write
        assert status(client_for, other_rep, url) == 404
        assert status(client_for, personas.member, url) == 404
        assert status(client_for, None, url) == "login"


def test_another_organisations_representative_cannot_write_its_assessment(personas, client_for, other_rep):
    period = services.current_period()
    edit = reverse("monitor:assessment_edit", args=[personas.organisation.slug, period.year, period.quarter])
    assert status(client_for, other_rep, edit, "post", VALID) == 404
    assert status(client_for, personas.municipality, edit, "post", VALID) == 403
    assert not LevelAssessment.objects.exists()


def test_periods_and_corrections_are_for_coordinators(personas, client_for):
    period = Period.objects.create(year=2024, quarter=1)
    services.close_period(actor=personas.coordinator, period=period)
    urls = [
        ("get", reverse("monitor:period_list")),
        ("post", reverse("monitor:period_close", args=[2024, 1])),
        ("get", reverse("monitor:correction_create", args=[2024, 1])),
    ]
    for method, url in urls:
        assert status(client_for, None, url, method) == "login"
        for person in (personas.member, personas.orgrep, personas.municipality, personas.kartrekker):
            assert status(client_for, person, url, method) == 403
    assert status(client_for, personas.coordinator, reverse("monitor:period_list")) == 200


def test_the_coordinator_closes_a_quarter_over_http_and_the_dashboard_shows_it(personas, client_for):
    expert(
        TeamFactory(organisation=personas.organisation), start=services.current_period().starts_on.replace(year=2023)
    )
    Period.objects.create(year=2024, quarter=1)
    client = client_for(personas.coordinator)
    response = client.post(reverse("monitor:period_close", args=[2024, 1]), follow=True)
    assert "is closed" in response.content.decode()
    assert Period.objects.get(year=2024, quarter=1).is_closed
    assert "Q1 2024" in client_for(None).get(reverse("monitor:dashboard")).content.decode()


def test_closing_the_current_quarter_is_refused_with_a_message(personas, client_for):
    period = services.current_period()
    response = client_for(personas.coordinator).post(
        reverse("monitor:period_close", args=[period.year, period.quarter]), follow=True
    )
    assert "You can close it from the next day on" in response.content.decode()
    period.refresh_from_db()
    assert not period.is_closed


def test_closing_an_unknown_quarter_is_404(personas, client_for):
    response = client_for(personas.coordinator).post(reverse("monitor:period_close", args=[2019, 2]))
    assert response.status_code == 404
