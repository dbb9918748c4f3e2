"""The organisation representative's and the municipality viewer's sections of the home page."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samenspel.monitor.models import LevelAssessment, Period
from samenspel.monitor.services import close_period, save_assessments
from samenspel.tandems.models import Tandem
from tests.factories.members import MemberFactory
from tests.factories.organisations import OrganisationFactory, TeamFactory
from tests.factories.tandems import EnrolmentFactory, ModuleFactory, TandemFactory, TrajectoryFactory
from tests.home.helpers import section, sections

pytestmark = pytest.mark.usefixtures("english")

LAST_MONTH = datetime.datetime(2026, 6, 10, 10, tzinfo=datetime.UTC)
AFTER_THE_QUARTER = datetime.datetime(2026, 7, 6, 10, tzinfo=datetime.UTC)
MID_QUARTER = datetime.datetime(2026, 5, 6, 10, tzinfo=datetime.UTC)


def _levels() -> list[dict]:
    return [
        {"level": level, "step": 3, "explanation": "Het team werkt ermee.", "evidence": ""}
        for level in LevelAssessment.Level.values
    ]


@time_machine.travel(LAST_MONTH)
def test_the_quarters_self_assessment_is_due_in_its_last_month_until_it_is_complete(personas, client_for):
    client = client_for(personas.orgrep)
    body = section(client, "organisation")
    assert "Self-assessment of Buurtteam Organisatie Noord for Q2 2026" in body
    assert "0 of 3 filled in" in body
    assert "Due: " in body and 'datetime="2026-06-30"' in body
    url = reverse("monitor:assessment_edit", args=[personas.organisation.slug, 2026, 2])
    assert f'href="{url}"' in body
    assert client.get(url).status_code == 200  # the link leads to the form

    period = Period.objects.get(year=2026, quarter=2)
    save_assessments(actor=personas.orgrep, organisation=personas.organisation, period=period, levels=_levels()[:2])
    assert "2 of 3 filled in" in section(client, "organisation")
    save_assessments(actor=personas.orgrep, organisation=personas.organisation, period=period, levels=_levels())
    assert "Self-assessment" not in section(client, "organisation")


@time_machine.travel(MID_QUARTER)
def test_no_self_assessment_is_due_in_the_middle_of_a_quarter(personas, client_for):
    Period.objects.create(year=2026, quarter=1, closed_at=timezone.now())
    assert "Self-assessment" not in section(client_for(personas.orgrep), "organisation")


@time_machine.travel(AFTER_THE_QUARTER)
def test_the_quarter_that_ended_is_due_until_the_coordinator_closes_it(personas, client_for):
    Period.objects.create(year=2026, quarter=2)
    client = client_for(personas.orgrep)
    body = section(client, "organisation")
    assert "Self-assessment of Buurtteam Organisatie Noord for Q2 2026" in body
    assert "The quarter is over. Fill it in before the coordinator closes the quarter." in body
    url = reverse("monitor:assessment_edit", args=[personas.organisation.slug, 2026, 2])
    assert client.get(url).status_code == 200

    close_period(actor=personas.coordinator, period=Period.objects.get(year=2026, quarter=2))
    assert "Self-assessment" not in section(client, "organisation")


def test_tandems_without_a_coach_until_one_is_chosen(personas, client_for):
    tandem = TandemFactory(organisation=personas.organisation, coach=None)
    TandemFactory(organisation=personas.organisation, coach=None, status=Tandem.Status.ENDED)
    client = client_for(personas.orgrep)
    body = section(client, "organisation")
    assert "Tandems without a coach at Buurtteam Organisatie Noord" in body
    assert "1 tandem has no coach yet." in body
    assert f'href="{reverse("tandems:org_detail", args=[personas.organisation.slug])}#tandems"' in body

    tandem.coach = MemberFactory()
    tandem.save()
    assert "without a coach" not in section(client, "organisation")


def test_enrolments_in_progress_until_completed(personas, client_for):
    trajectory = TrajectoryFactory(title="Tandem Ontwikkel Traject")
    ModuleFactory(trajectory=trajectory, position=1)
    ModuleFactory(trajectory=trajectory, position=2)
    tandem = TandemFactory(organisation=personas.organisation, team=TeamFactory(organisation=personas.organisation))
    enrolment = EnrolmentFactory(tandem=tandem, trajectory=trajectory)
    client = client_for(personas.orgrep)
    body = section(client, "organisation")
    assert f"{tandem} in Tandem Ontwikkel Traject".replace("&", "&amp;") in body
    assert "0 of 2 modules done." in body
    assert f'href="{reverse("tandems:enrolment_detail", args=[enrolment.pk])}"' in body

    enrolment.completed_on = datetime.date(2026, 1, 1)
    enrolment.save()
    assert "Tandem Ontwikkel Traject" not in section(client, "organisation")


def test_a_representative_sees_nothing_of_another_organisation(personas, client_for):
    other = OrganisationFactory(name="Buurtteam Zuid")
    TandemFactory(organisation=other, coach=None)
    EnrolmentFactory(tandem=TandemFactory(organisation=other), trajectory=TrajectoryFactory(title="Ander traject"))
    body = section(client_for(personas.orgrep), "organisation")
    assert "Buurtteam Zuid" not in body and "Ander traject" not in body
    # A coordinator manages every organisation's data but has no organisation section of their own.
    assert "organisation" not in sections(client_for(personas.coordinator))
    assert "organisation" not in sections(client_for(personas.municipality))


def test_the_municipality_viewer_gets_the_latest_closed_quarter_and_the_team_figures(personas, client_for):
    client = client_for(personas.municipality)
    body = section(client, "municipality")
    assert "The figures of" not in body
    assert "Figures per team" in body and f'href="{reverse("monitor:detail_list")}"' in body

    close_period(actor=personas.coordinator, period=Period.objects.create(year=2024, quarter=1))
    close_period(actor=personas.coordinator, period=Period.objects.create(year=2024, quarter=2))
    body = section(client, "municipality")
    assert "The figures of Q2 2024" in body and "Q1 2024" not in body
    assert f'href="{reverse("monitor:dashboard")}"' in body
    assert client.get(reverse("monitor:detail_list")).status_code == 200
    for person in (personas.member, personas.orgrep, personas.kartrekker):
        assert "municipality" not in sections(client_for(person))
