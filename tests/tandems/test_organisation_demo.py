"""The organisations' demo data: three buurtteam organisations with experts, training, professionals and
tandems that tell the seeds' story, loaded once (a second run changes nothing), valid by the services' rules."""

import pytest
from django.urls import reverse

from samenspel.demo import base as demo
from samenspel.organisations.models import Organisation
from samenspel.tandems.models import CoachRole, EmployedExpert, Enrolment, Professional, Tandem, Training
from samenspel.tandems.services.organisation import HOURS_MAX, HOURS_MIN

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_network")]  # loaded once (tests/fixtures/demo.py)

DEMO_ORGANISATIONS = {"buurtteams-noord-west", "samen-in-de-buurt-zuid", "buurtwerk-oost"}


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list(*fields))
        for model, fields in (
            (EmployedExpert, ("pk", "internal_reference", "team_id", "member_id", "hours_per_week", "ended_on")),
            (Training, ("pk", "expert_id", "course", "completed_on")),
            (Professional, ("pk", "internal_reference", "team_id", "member_id")),
            (Tandem, ("pk", "expert_id", "professional_id", "status", "coach_id")),
        )
    }


def test_the_demo_holds_the_three_organisations_data_and_loads_once():
    first = snapshot()
    organisations = {e.organisation.slug for e in EmployedExpert.objects.select_related("organisation")}
    assert organisations == DEMO_ORGANISATIONS
    assert len(first["EmployedExpert"]) == 13
    assert len(first["Tandem"]) == 11
    for slug in DEMO_ORGANISATIONS:
        organisation = Organisation.objects.get(slug=slug)
        at_work = EmployedExpert.objects.filter(organisation=organisation, ended_on__isnull=True)
        assert at_work.exists()
        assert Tandem.objects.filter(organisation=organisation, status=Tandem.Status.ACTIVE).exists()
    # Samen in de Buurt Zuid: two teams with an expert by experience, the others still looking.
    sbz_teams = EmployedExpert.objects.filter(organisation__slug="samen-in-de-buurt-zuid", ended_on__isnull=True)
    assert sbz_teams.values("team").distinct().count() == 2
    # Someone who is not a member of the platform: initials and a reference only.
    assert EmployedExpert.objects.filter(member__isnull=True).exists()
    assert Training.objects.filter(completed_on__isnull=True).exists()  # someone still in training
    demo.load_demo()
    assert snapshot() == first
    # The trajectory demo (called at the end of this section) enrolled tandems that started before.
    enrolments = Enrolment.objects.select_related("tandem")
    assert enrolments.exists()
    assert all(e.tandem.started_on <= e.enrolled_on for e in enrolments)


def test_the_demo_data_keeps_the_rules_of_the_services():
    for expert in EmployedExpert.objects.select_related("team", "member"):
        assert expert.team.organisation_id == expert.organisation_id
        assert HOURS_MIN <= expert.hours_per_week <= HOURS_MAX
        assert expert.ended_on is None or expert.ended_on >= expert.started_on
        assert expert.member is None or expert.member.organisation_id == expert.organisation_id
        assert expert.internal_reference
    for tandem in Tandem.objects.select_related("expert", "professional"):
        assert tandem.expert.organisation_id == tandem.professional.organisation_id == tandem.organisation_id
        assert (tandem.status == Tandem.Status.ENDED) == (tandem.ended_on is not None)
        assert tandem.expert.member_id is None or tandem.expert.member_id != tandem.professional.member_id
        assert tandem.expert.ended_on is None or tandem.started_on <= tandem.expert.ended_on
    for training in Training.objects.all():
        assert training.completed_on is None or training.completed_on >= training.started_on
        assert training.certificate_on is None or training.completed_on is not None


def test_every_demo_coach_has_the_coach_role_and_sees_their_tandem(client):
    coached = Tandem.objects.filter(coach__isnull=False).select_related("coach")
    assert coached.exists()
    assert all(CoachRole.objects.filter(member=tandem.coach).exists() for tandem in coached)
    enrolment = Enrolment.objects.filter(tandem__coach__isnull=False).select_related("tandem__coach").first()
    client.force_login(enrolment.tandem.coach)
    assert client.get(reverse("tandems:enrolment_detail", args=[enrolment.pk])).status_code == 200
