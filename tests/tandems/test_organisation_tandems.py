"""Tandems: an expert by experience and a professional of the same organisation, with a team, status and coach."""

import datetime

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Member
from samenspel.tandems.models import CoachRole, Professional, Tandem
from samenspel.tandems.services import organisation as services
from tests.factories.members import MemberFactory
from tests.factories.tandems import ExpertFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(org_world):
    expert = ExpertFactory(organisation=org_world.organisation, team=org_world.team, internal_reference="ED-2")
    professional = ProfessionalFactory(
        organisation=org_world.organisation, team=org_world.team, internal_reference="P-2"
    )
    return expert, professional


def tandem_data(w, first, second, **overrides):
    data = {
        "expert": first.pk,
        "professional": second.pk,
        "team": w.team.pk,
        "started_on": "2024-04-01",
        "status": "forming",
        "ended_on": "",
        "coach": "",
    }
    return {**data, **overrides}


def create(client, w, *args, **overrides):
    return client.post(reverse("tandems:tandem_create", args=[w.organisation.slug]), tandem_data(w, *args, **overrides))


def test_a_representative_forms_a_tandem_with_a_coach(org_world, client_for, pair):
    coach = MemberFactory(name="Carla Coach")
    CoachRole.objects.create(member=coach)
    client = client_for(org_world.personas.orgrep)
    response = create(client, org_world, *pair, coach=coach.pk)
    assert response.status_code == 302
    tandem = Tandem.objects.get(expert=pair[0])
    assert (tandem.professional, tandem.organisation, tandem.coach, tandem.status) == (
        pair[1],
        org_world.organisation,
        coach,
        Tandem.Status.FORMING,
    )
    assert AuditLogEntry.objects.filter(action="tandems.tandem.created", target_id=str(tandem.pk)).exists()
    page = client.get(reverse("tandems:org_detail", args=[org_world.organisation.slug]))
    assert "Carla Coach" in page.text


def test_the_status_changes_and_an_ended_tandem_has_an_end_date(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    w = org_world
    url = reverse("tandems:tandem_edit", args=[w.organisation.slug, w.tandem.pk])
    data = tandem_data(w, w.expert, w.professional, started_on="2023-03-01")
    assert client.post(url, {**data, "status": "paused"}).status_code == 302
    w.tandem.refresh_from_db()
    assert w.tandem.status == Tandem.Status.PAUSED
    response = client.post(url, {**data, "status": "ended"})
    assert "Fill in the end date of a tandem that has ended." in response.text
    assert client.post(url, {**data, "status": "ended", "ended_on": "2025-01-31"}).status_code == 302
    w.tandem.refresh_from_db()
    assert (w.tandem.status, w.tandem.ended_on) == (Tandem.Status.ENDED, datetime.date(2025, 1, 31))


def test_the_same_person_on_both_sides_is_refused(org_world, client_for):
    member = MemberFactory(organisation=org_world.organisation)
    expert = ExpertFactory(organisation=org_world.organisation, team=org_world.team, member=member)
    professional = ProfessionalFactory(organisation=org_world.organisation, team=org_world.team, member=member)
    client = client_for(org_world.personas.orgrep)
    response = create(client, org_world, expert, professional)
    assert response.status_code == 200
    assert "are the same person" in response.text
    assert not Tandem.objects.filter(expert=expert).exists()


def test_people_of_another_organisation_are_refused(org_world, client_for, pair):
    client = client_for(org_world.personas.orgrep)
    for expert, professional in ((org_world.other_expert, pair[1]), (pair[0], org_world.other_professional)):
        response = create(client, org_world, expert, professional)
        assert response.status_code == 200
        assert "Choose someone of this organisation from the list." in response.text
    response = create(client, org_world, *pair, team=org_world.other_team.pk)
    assert "Choose a team of this organisation." in response.text
    assert not Tandem.objects.filter(expert=pair[0]).exists()


def test_the_service_refuses_partners_of_different_organisations(org_world):
    """The form offers only the organisation's people; the service checks again for other callers."""
    with pytest.raises(services.OrganisationDataError, match="another organisation"):
        services.save_tandem(
            actor=org_world.personas.orgrep,
            organisation=org_world.organisation,
            expert=org_world.expert,
            professional=org_world.other_professional,
            team=org_world.team,
            started_on=datetime.date(2024, 1, 1),
        )
    assert Tandem.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"expert": ""}, "Choose an expert by experience."),
        ({"professional": "abc"}, "Choose someone of this organisation from the list."),
        ({"started_on": ""}, "Fill in a date."),
        ({"status": "dancing"}, "Choose a status from the list."),
        ({"status": "active", "ended_on": "2024-05-01"}, "Only a tandem that has ended has an end date."),
        ({"status": "ended", "ended_on": "2024-01-01"}, "The end date is before the start date."),
        ({"coach": "999999"}, "Choose a coach from the list."),
        ({"started_on": "<script>"}, "Fill in a date, like"),
    ],
)
def test_bad_tandem_input_is_refused(org_world, client_for, pair, overrides, message):
    client = client_for(org_world.personas.orgrep)
    response = create(client, org_world, *pair, **overrides)
    assert response.status_code == 200
    assert message in response.text
    assert not Tandem.objects.filter(expert=pair[0]).exists()


def test_a_pending_member_cannot_be_coach(org_world, client_for, pair):
    pending = MemberFactory(status=Member.Status.PENDING)
    client = client_for(org_world.personas.orgrep)
    CoachRole.objects.create(member=pending)
    response = create(client, org_world, *pair, coach=pending.pk)
    assert "Choose a coach from the list." in response.text


def test_the_same_pair_cannot_form_two_open_tandems(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    response = create(client, org_world, org_world.expert, org_world.professional)
    assert response.status_code == 200
    assert "These two people already form a tandem." in response.text
    assert Tandem.objects.filter(expert=org_world.expert).count() == 1


def test_a_tandem_cannot_start_after_the_expert_left(org_world, client_for, pair):
    pair[0].ended_on = datetime.date(2024, 1, 31)
    pair[0].save()
    client = client_for(org_world.personas.orgrep)
    response = create(client, org_world, *pair)
    assert "after the employment of the expert by experience has ended" in response.text


# --- Professionals --------------------------------------------------------------------------


def test_a_representative_adds_and_edits_a_professional(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    url = reverse("tandems:professional_create", args=[org_world.organisation.slug])
    data = {"team": org_world.team.pk, "member": "", "initials": "K.L.", "internal_reference": "P-50"}
    assert client.post(url, data).status_code == 302
    professional = Professional.objects.get(internal_reference="P-50")
    edit = reverse("tandems:professional_edit", args=[org_world.organisation.slug, professional.pk])
    assert client.post(edit, {**data, "initials": "K.M."}).status_code == 302
    professional.refresh_from_db()
    assert professional.initials == "K.M."


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"initials": ""}, "Choose a platform member, or fill in the initials"),
        ({"internal_reference": "P-1"}, "is already used in this organisation"),
        ({"team": ""}, "Choose a team."),
        ({"initials": "x" * 11}, "This is too long"),
    ],
)
def test_bad_professional_input_is_refused(org_world, client_for, overrides, message):
    client = client_for(org_world.personas.orgrep)
    url = reverse("tandems:professional_create", args=[org_world.organisation.slug])
    data = {"team": org_world.team.pk, "member": "", "initials": "K.L.", "internal_reference": "P-50"}
    before = Professional.objects.count()
    response = client.post(url, {**data, **overrides})
    assert response.status_code == 200
    assert message in response.text
    assert Professional.objects.count() == before


def test_a_professional_in_a_tandem_is_not_removed(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    url = reverse("tandems:professional_delete", args=[org_world.organisation.slug, org_world.professional.pk])
    response = client.post(url, follow=True)
    assert "This person is in a tandem." in response.text
    assert Professional.objects.filter(pk=org_world.professional.pk).exists()
