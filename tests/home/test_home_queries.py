"""The home page costs the same number of queries per role, however much waits for the person."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from samenspel.consultations.models import Round, RoundInvitee
from samenspel.core.home import HOME_SECONDS
from samenspel.meetings.models import Meeting, Registration, Visibility
from samenspel.members.models import Member
from samenspel.monitor.models import Period
from samenspel.opportunities.models import MatchingOptIn
from tests.factories.circles import CircleFactory, CircleMembershipFactory, CircleUpdateFactory
from tests.factories.consultations import CommentFactory, RoundFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import MemberFactory
from tests.factories.opportunities import MatchingOptInFactory, OpportunityFactory
from tests.factories.organisations import OrganisationFactory
from tests.factories.tandems import EnrolmentFactory, TandemFactory, TrajectoryFactory

# The last month of a quarter, so the monitor's items are due as well.
LAST_MONTH = datetime.datetime(2026, 6, 10, 10, tzinfo=datetime.UTC)
PERSONAS = ["member", "kartrekker", "coordinator", "orgrep", "municipality"]
# The most any role's home page may cost: the coordinator's, who is a member too and gets an item
# from every app (the newsletter's, the opportunities waiting for approval and "Kansen voor jou"
# included), is the largest: 18. The bench's
# member home page (samenspel/demo/bench/pages.py, 10 queries) stays within its 15.
MOST = 18


def _queries(client, *, items_kept: bool = False) -> int:
    """The queries of the home page with the fragments and the members' menu cached, and the person's
    roles and items made afresh (as at the first request after a change they depend on: here their
    HOME_SECONDS have passed), or `items_kept` as they are kept in the cache."""
    client.get(reverse("home"))  # warm: cached fragments and the members' menu
    later = timezone.now() + datetime.timedelta(seconds=0 if items_kept else HOME_SECONDS + 1)
    with time_machine.travel(later, tick=False), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return len(queries)


def _past(days: int) -> dict:
    return {
        "starts_at": timezone.now() - datetime.timedelta(days=days),
        "ends_at": timezone.now() - datetime.timedelta(days=days, hours=-2),
    }


def _a_lot_waits(personas, n: int, *, first: int = 0) -> None:
    """n of everything each role's items are made from (`first`: how many were made before)."""
    MemberFactory.create_batch(n, status=Member.Status.PENDING)
    for i in range(n):
        # The kartrekker leads more circles, each with requests and meetings; coordinators see circles without leads.
        circle = CircleFactory()
        CircleMembershipFactory(circle=circle, member=personas.kartrekker, role=CircleMembership.Role.LEAD)
        CircleMembershipFactory(circle=circle, member=personas.member)
        CircleMembershipFactory.create_batch(2, circle=circle, status=CircleMembership.Status.REQUESTED)
        CircleFactory()
        MeetingFactory(circle=circle, visibility=Visibility.CIRCLE, status=Meeting.Status.DRAFT)
        CircleUpdateFactory(circle=circle, author=personas.kartrekker)
        # Meetings: the member's places and waitlist places; held meetings without a report.
        meeting = MeetingFactory(capacity=1)
        RegistrationFactory(meeting=meeting)
        RegistrationFactory(meeting=meeting, member=personas.member, status=Registration.Status.WAITLISTED)
        MeetingFactory(status=Meeting.Status.HELD, **_past(i + 1))
        # Rounds: open ones for members and on invitation; closed ones waiting for outcomes.
        RoundFactory()
        invited = RoundFactory(audience=Round.Audience.INVITED)
        RoundInvitee.objects.create(round=invited, member=personas.member)
        closed = RoundFactory(opens_at=timezone.now() - datetime.timedelta(days=40), closes_at=timezone.now())
        CommentFactory.create_batch(2, round=closed, author=personas.outsider)
        # Organisations: the representative's tandems without a coach and enrolments; more organisations.
        organisation = OrganisationFactory()
        organisation.representatives.add(personas.orgrep)
        TandemFactory(organisation=organisation, coach=None)
        EnrolmentFactory(tandem=TandemFactory(organisation=organisation), trajectory=TrajectoryFactory())
        # Periods from 2021 on: every other one closed, the others never closed.
        k = first + i
        Period.objects.create(year=2021 + k // 4, quarter=k % 4 + 1, closed_at=timezone.now() if k % 2 else None)
        # Opportunities that fit the member, who asked for invitations.
        OpportunityFactory()
    if not MatchingOptIn.objects.filter(member=personas.member).exists():
        MatchingOptInFactory(member=personas.member)


@pytest.mark.parametrize("persona", PERSONAS)
@time_machine.travel(LAST_MONTH)
def test_the_home_page_costs_the_same_with_many_items(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    _a_lot_waits(personas, 1)
    few = _queries(client)
    _a_lot_waits(personas, 12, first=1)
    many = _queries(client)
    assert many == few, f"{persona}: {few} queries with little data, {many} with much"
    assert many <= MOST
    # Kept in the cache, the member's and the kartrekker's roles and items cost no query at all
    # but the versions they are kept under; the other roles' items are made for every request.
    kept = _queries(client, items_kept=True)
    assert kept < many if persona in ("member", "kartrekker") else kept <= many


@time_machine.travel(LAST_MONTH)
def test_the_busiest_page_really_shows_many_items(personas, client_for):
    """The query test above is honest: with much data every role's section is full."""
    _a_lot_waits(personas, 12)
    for persona, needle in [
        ("coordinator", "Sign-ups waiting"),
        ("coordinator", "More rounds to answer"),
        ("coordinator", "More meetings without a report"),
        ("coordinator", "More circles without a circle lead"),
        ("kartrekker", "Requests to join"),
        ("member", "On the waitlist, place 1"),
        ("member", "More open rounds"),
        ("member", "More opportunities for you"),
        ("orgrep", "More tandems in a learning trajectory"),
        ("orgrep", "Tandems without a coach"),
        ("municipality", "The figures of"),
    ]:
        client = client_for(getattr(personas, persona))
        assert needle in client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode(), (persona, needle)
