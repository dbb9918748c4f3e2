"""The coordinator's section of the home page: each item appears when something waits, and goes when done."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from samenspel.circles.services import set_lead
from samenspel.consultations.models import Comment
from samenspel.consultations.services.reactienota import publish_reactienota, set_next_version, set_outcome
from samenspel.meetings.models import Meeting
from samenspel.meetings.services.afterwards import publish_report, save_report
from samenspel.members.services import decide_sign_up
from samenspel.monitor.models import LevelAssessment, Period
from samenspel.monitor.services import close_period, save_assessments
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.consultations import CommentFactory, RoundFactory, VersionFactory
from tests.factories.meetings import MeetingFactory
from tests.home.helpers import section, sections

pytestmark = pytest.mark.usefixtures("english")

# A day in the middle of a quarter's first month: only the quarter before is to close, no
# self-assessment is due yet.
MID_QUARTER = datetime.datetime(2026, 4, 15, 10, tzinfo=datetime.UTC)
LAST_MONTH = datetime.datetime(2026, 6, 10, 10, tzinfo=datetime.UTC)


def _closed_round(**kwargs):
    return RoundFactory(
        title="Ronde over het advies",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=2),
        **kwargs,
    )


def test_sign_ups_waiting_appear_and_go_once_decided(personas, client_for):
    client = client_for(personas.coordinator)
    body = section(client, "coordinator")
    assert "Sign-ups waiting" in body
    assert "1 person waits for your decision." in body
    assert f'href="{reverse("members:pending")}"' in body

    decide_sign_up(member=personas.pending, approve=True, actor=personas.coordinator)
    assert "Sign-ups waiting" not in section(client, "coordinator")


def test_a_circle_without_a_lead_appears_until_one_is_named(personas, client_for):
    circle = CircleFactory(name="Kring Zonder Trekker", slug="zonder-trekker")
    CircleFactory(name="Kring Gestopt", slug="gestopt", is_active=False)
    client = client_for(personas.coordinator)
    body = section(client, "coordinator")
    assert "Kring Zonder Trekker has no circle lead" in body
    assert f'href="{reverse("circles:leads", args=["zonder-trekker"])}"' in body
    assert "Kring Gestopt" not in body  # an inactive circle needs no lead
    assert "Kring Onderzoek" not in body  # it has one

    newcomer = CircleMembershipFactory(circle=circle).member
    set_lead(circle=circle, member=newcomer, is_lead=True, actor=personas.coordinator)
    assert "Kring Zonder Trekker" not in section(client, "coordinator")


def test_a_lead_whose_membership_is_only_requested_does_not_count(personas, client_for):
    circle = CircleFactory(name="Kring Half", slug="half")
    CircleMembershipFactory(circle=circle, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.REQUESTED)
    assert "Kring Half has no circle lead" in section(client_for(personas.coordinator), "coordinator")


def test_a_closed_round_waits_for_outcomes_then_for_its_reactienota(personas, client_for):
    round_ = _closed_round()
    comment = CommentFactory(round=round_, author=personas.member)
    CommentFactory(round=round_, author=personas.outsider, withdrawn_at=timezone.now())  # needs no outcome
    CommentFactory(round=RoundFactory(title="Nog open ronde"), author=personas.member)  # still open
    client = client_for(personas.coordinator)

    body = section(client, "coordinator")
    assert "Outcomes for Ronde over het advies" in body
    assert "1 comment has no outcome yet." in body
    assert f'href="{reverse("consultations:outcomes", args=[round_.pk])}"' in body
    assert "Nog open ronde" not in body

    set_outcome(
        round_=round_, comment=comment, outcome=Comment.Outcome.ADOPTED, reason="Goed punt.", actor=personas.coordinator
    )
    body = section(client, "coordinator")
    assert "Outcomes for Ronde over het advies" not in body
    assert "Publish the reactienota of Ronde over het advies" in body
    assert f'href="{reverse("consultations:reactienota", args=[round_.pk])}"' in body

    set_next_version(
        round_=round_, version=VersionFactory(document=round_.version.document), actor=personas.coordinator
    )
    publish_reactienota(round_=round_, actor=personas.coordinator)
    assert "Ronde over het advies" not in section(client, "coordinator")


def test_a_round_with_only_withdrawn_comments_asks_nothing(personas, client_for):
    round_ = _closed_round()
    CommentFactory(round=round_, author=personas.member, withdrawn_at=timezone.now())
    assert "Ronde over het advies" not in section(client_for(personas.coordinator), "coordinator")


def test_a_held_meeting_waits_for_its_report_until_it_is_published(personas, client_for):
    held = MeetingFactory(
        title="Kringavond in november",
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - datetime.timedelta(days=5),
        ends_at=timezone.now() - datetime.timedelta(days=5, hours=-2),
    )
    MeetingFactory(
        title="Lang geleden",
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - datetime.timedelta(days=200),
        ends_at=timezone.now() - datetime.timedelta(days=200, hours=-2),
    )
    MeetingFactory(title="Nog te komen")
    client = client_for(personas.coordinator)
    body = section(client, "coordinator")
    assert "Report of Kringavond in november" in body
    assert f'href="{reverse("meetings:report_edit", args=[held.pk])}"' in body
    assert "Lang geleden" not in body and "Nog te komen" not in body

    save_report(meeting=held, actor=personas.coordinator, introduction="Wat we deden.", decisions="", follow_up="")
    assert "Report of Kringavond in november" in section(client, "coordinator")  # written, not yet published
    publish_report(meeting=held, visibility="members", actor=personas.coordinator)
    assert "Kringavond in november" not in section(client, "coordinator")


@time_machine.travel(MID_QUARTER)
def test_the_quarter_that_ended_waits_to_be_closed(personas, client_for):
    Period.objects.create(year=2025, quarter=3)  # an older quarter that was never closed
    client = client_for(personas.coordinator)
    body = section(client, "coordinator")
    assert "Close Q1 2026" in body
    assert "Close Q3 2025" in body
    assert "Close Q2 2026" not in body  # the current quarter has not ended
    assert f'href="{reverse("monitor:period_list")}"' in body

    for year, quarter in ((2025, 3), (2026, 1)):
        period, _ = Period.objects.get_or_create(year=year, quarter=quarter)
        close_period(actor=personas.coordinator, period=period)
    body = section(client, "coordinator")
    assert "Close Q" not in body
    assert "Self-assessments missing" not in body  # none is due in the first month


@time_machine.travel(LAST_MONTH)
def test_missing_self_assessments_show_in_the_quarters_last_month(personas, client_for):
    Period.objects.create(year=2026, quarter=1, closed_at=timezone.now())
    client = client_for(personas.coordinator)
    body = section(client, "coordinator")
    assert "Self-assessments missing for Q2 2026" in body
    assert "1 organisation has not yet said how far the three levels are." in body
    assert f'href="{reverse("monitor:assessment_list")}"' in body

    period = Period.objects.create(year=2026, quarter=2)
    levels = [
        {"level": level, "step": 2, "explanation": "We zijn begonnen.", "evidence": ""}
        for level in LevelAssessment.Level.values
    ]
    save_assessments(actor=personas.orgrep, organisation=personas.organisation, period=period, levels=levels)
    assert "Self-assessments missing" not in section(client, "coordinator")


@time_machine.travel(MID_QUARTER)
def test_when_nothing_waits_the_coordinator_reads_so(personas, client_for):
    decide_sign_up(member=personas.pending, approve=True, actor=personas.coordinator)
    Period.objects.create(year=2026, quarter=1, closed_at=timezone.now())
    body = section(client_for(personas.coordinator), "coordinator")
    assert "Nothing is waiting for you." in body
    assert "samenspel-todo" not in body


def test_others_never_see_the_coordinators_section(personas, client_for):
    CircleFactory(name="Kring Zonder Trekker", slug="zonder-trekker")
    for person in (personas.member, personas.outsider, personas.kartrekker, personas.orgrep, personas.municipality):
        found = sections(client_for(person))
        assert "coordinator" not in found, person
        assert "Sign-ups waiting" not in "".join(found.values())
        assert "Kring Zonder Trekker" not in "".join(found.values())
