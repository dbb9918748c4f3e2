"""The meeting page's cached parts follow every change (samenspel.meetings.revisions).

The page keeps the meeting, its shared state and some rendered parts in the process cache under
`Meeting.revision`. Each test views a page (filling the cache), changes something the page shows
in the way the application does, and views the page again: the change must be there.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.circles import services as circle_services
from samenspel.circles.selectors import circle_roles
from samenspel.meetings import access, revisions
from samenspel.meetings.models import BreakoutGroup, Meeting, Registration, Report, RoleLimit, Visibility
from samenspel.meetings.services import afterwards, planning, registration
from samenspel.tandems.models import Trajectory
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.usefixtures("english")


def page(client, meeting) -> str:
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def revision_of(meeting) -> int:
    return Meeting.objects.values_list("revision", flat=True).get(pk=meeting.pk)


# --- the page shows each change ------------------------------------------------------------


def test_places_taken_change_with_a_registration_and_a_cancellation(personas, client_for):
    meeting = MeetingFactory(capacity=2)
    client = client_for(personas.outsider)
    assert "0 of 2 places taken." in page(client, meeting)
    first = registration.register_member(meeting=meeting, member=personas.member)
    assert "1 of 2 places taken." in page(client, meeting)
    registration.register_member(meeting=meeting, member=personas.kartrekker)
    assert "2 of 2 places taken." in page(client, meeting)
    assert "The meeting is full. If you register, you go on the waitlist." in page(client, meeting)
    registration.cancel_registration(registration=first, actor=personas.member)
    body = page(client, meeting)
    assert "1 of 2 places taken." in body
    assert "The meeting is full" not in body


def test_a_waitlisted_member_sees_the_promotion_at_once(personas, client_for):
    meeting = MeetingFactory(capacity=1)
    taken = registration.register_member(meeting=meeting, member=personas.outsider)
    registration.register_member(meeting=meeting, member=personas.member)
    client = client_for(personas.member)
    assert "You are on the waitlist, number 1." in page(client, meeting)
    registration.cancel_registration(registration=taken, actor=personas.outsider)
    assert "You are registered." in page(client, meeting)


def test_more_places_are_seen_at_once(personas, client_for):
    """The capacity is changed with QuerySet.update (no signal): it raises the revision itself."""
    meeting = MeetingFactory(capacity=1)
    registration.register_member(meeting=meeting, member=personas.outsider)
    client = client_for(None)
    meeting.visibility = Visibility.PUBLIC
    meeting.save()
    assert "1 of 1 place taken." in page(client, meeting)
    registration.change_capacity(meeting=meeting, capacity=5, actor=personas.coordinator)
    assert "1 of 5 places taken." in page(client, meeting)
    assert "4 left" in page(client, meeting)


def test_a_changed_title_and_place_are_seen_at_once(personas, client_for):
    meeting = MeetingFactory(title="Oude titel", location="Buurthuis A")
    client = client_for(personas.member)
    assert "Oude titel" in page(client, meeting)
    planning.update_meeting(actor=personas.coordinator, meeting=meeting, title="Nieuwe titel", location="Buurthuis B")
    body = page(client, meeting)
    assert "Nieuwe titel" in body and "Buurthuis B" in body
    assert "Oude titel" not in body and "Buurthuis A" not in body


def test_a_cancelled_meeting_says_so_at_once(personas, client_for):
    meeting = MeetingFactory()
    client = client_for(personas.member)
    assert "This meeting is cancelled." not in page(client, meeting)
    planning.cancel_meeting(actor=personas.coordinator, meeting=meeting, reason="Ziek")
    assert "This meeting is cancelled." in page(client, meeting)


def test_a_renamed_circle_is_seen_on_its_meeting_pages(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle)
    client = client_for(personas.member)
    assert "Kring Onderzoek" in page(client, meeting)
    circle_services.edit_circle(circle=personas.circle, actor=personas.coordinator, name="Kring Nieuw Onderzoek")
    assert "Kring Nieuw Onderzoek" in page(client, meeting)


def test_a_published_report_is_offered_at_once(personas, client_for):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC, status=Meeting.Status.HELD)
    afterwards.save_report(
        meeting=meeting, actor=personas.coordinator, introduction="Fijn.", decisions="", follow_up=""
    )
    client = client_for(None)
    assert "Read the report" not in page(client, meeting)
    afterwards.publish_report(meeting=meeting, visibility=Visibility.PUBLIC, actor=personas.coordinator)
    assert "Read the report" in page(client, meeting)
    afterwards.unpublish_report(meeting=meeting, actor=personas.coordinator)
    assert "Read the report" not in page(client, meeting)


def test_a_new_note_taker_gets_the_link_at_once(personas, client_for):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, member=personas.member)
    client = client_for(personas.member)
    assert "Write the outcomes of group" not in page(client, meeting)
    afterwards.save_group(
        meeting=meeting, actor=personas.coordinator, name="Groep 1", question="Wat?", note_taker=personas.member
    )
    assert "Write the outcomes of group Groep 1" in page(client, meeting)


def test_a_renamed_trajectory_is_seen_on_its_session_pages(tot, client_for):
    meeting = tot.sessions[0].meeting
    client = client_for(tot.personas.member)
    assert "Tandem Ontwikkel Traject" in page(client, meeting)
    trajectory = Trajectory.objects.get(slug="tot")
    trajectory.title = "Tandem Traject 2027"
    trajectory.save(update_fields=["title"])
    assert "Tandem Traject 2027" in page(client, meeting)


def test_a_new_kartrekker_sees_the_organiser_links_at_once(personas, client_for):
    """Circle roles are cached under the member's version, which a membership change raises."""
    meeting = MeetingFactory(circle=personas.circle)
    client = client_for(personas.member)
    assert "For organisers" not in page(client, meeting)
    membership = personas.circle.memberships.get(member=personas.member)
    membership.role = membership.Role.LEAD
    membership.save()
    assert "For organisers" in page(client, meeting)


def test_a_member_who_leaves_the_circle_no_longer_sees_its_circle_meeting(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    client = client_for(personas.member)
    page(client, meeting)
    personas.circle.memberships.filter(member=personas.member).delete()
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404


# --- what raises the revision ----------------------------------------------------------------


def _changes(meeting, personas):
    """(label, change) pairs: each change must raise the meeting's revision."""
    group = {}

    def add_group():
        group["g"] = BreakoutGroup.objects.create(meeting=meeting, name="A", question="?", position=0)

    return [
        ("meeting saved", lambda: meeting.save()),
        ("meeting saved with update_fields", lambda: meeting.save(update_fields=["title"])),
        ("registration created", lambda: RegistrationFactory(meeting=meeting)),
        ("registration changed", lambda: Registration.objects.filter(meeting=meeting).first().save()),
        ("registration deleted", lambda: Registration.objects.filter(meeting=meeting).first().delete()),
        ("role limit", lambda: RoleLimit.objects.create(meeting=meeting, role="professional", maximum=3)),
        ("report", lambda: Report.objects.create(meeting=meeting, introduction="x")),
        ("group added", add_group),
        ("group deleted", lambda: group["g"].delete()),
        ("circle renamed", lambda: circle_services.edit_circle(circle=meeting.circle, actor=None, name="Andere naam")),
        ("explicit bump", lambda: revisions.bump(meeting.pk)),
    ]


def test_every_change_the_page_shows_raises_the_revision(personas):
    meeting = MeetingFactory(circle=CircleFactory())
    for label, change in _changes(meeting, personas):
        before = revision_of(meeting)
        change()
        assert revision_of(meeting) > before, label


def test_a_save_of_a_stale_copy_never_lowers_the_revision(db):
    """Two copies of one meeting: saving the older one must not write its old number back."""
    meeting = MeetingFactory()
    stale = Meeting.objects.get(pk=meeting.pk)
    meeting.save()
    registration_copy = RegistrationFactory(meeting=meeting)
    seen = revision_of(meeting)
    stale.title = "Gewijzigd"
    stale.save()
    assert revision_of(meeting) > seen
    assert stale.revision == revision_of(meeting)  # the copy holds the stored number after saving
    assert registration_copy.meeting_id == meeting.pk


def test_a_change_to_another_meeting_leaves_this_one_alone(db):
    meeting, other = MeetingFactory(), MeetingFactory()
    before = revision_of(meeting)
    RegistrationFactory(meeting=other)
    other.save()
    assert revision_of(meeting) == before


# --- who may see: the one-meeting rule and the list rule agree --------------------------------


@pytest.mark.parametrize("status", [s for s, _label in Meeting.Status.choices])
def test_may_see_agrees_with_the_list_rule(personas, status):
    other_circle = CircleFactory()
    meetings = [
        MeetingFactory(status=status, visibility=visibility, circle=circle)
        for visibility in (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.CIRCLE)
        for circle in (personas.circle, other_circle, None)
        if not (visibility == Visibility.CIRCLE and circle is None)
    ]
    people = [
        personas.visitor,
        personas.pending,
        personas.member,
        personas.outsider,
        personas.kartrekker,
        personas.coordinator,
    ]
    from django.contrib.auth.models import AnonymousUser

    for person in people:
        user = person if person is not None else AnonymousUser()
        listed = set(access.visible_meetings_for(user).values_list("pk", flat=True))
        roles = circle_roles(user)
        for meeting in meetings:
            expected = meeting.pk in listed
            assert access.may_see(user, meeting) is expected, (str(user), meeting.visibility, meeting.circle_id)
            assert access.may_see(user, meeting, roles=roles) is expected


# --- queries -------------------------------------------------------------------------------


def test_a_visitor_page_of_a_cached_meeting_takes_one_query(db, client_for):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    client = client_for(None)
    page(client, meeting)
    with CaptureQueriesContext(connection) as queries:
        page(client, meeting)
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]


def test_a_registered_member_still_sees_their_own_registration(personas, client_for):
    """Members not on the cached list of registrants skip the look-up; those on it must not."""
    meeting = MeetingFactory(capacity=5)
    client = client_for(personas.member)
    page(client, meeting)  # cached without a registration of this member
    RegistrationFactory(meeting=meeting, member=personas.member)
    body = page(client, meeting)
    assert "You are registered." in body
    assert "Cancel my registration" in body
    other = MemberFactory(name="Nog Iemand")
    assert "You are registered." not in page(client_for(other), meeting)


# --- each viewer gets their own answer from a warm cache ------------------------------------


def test_two_viewers_get_their_own_registration_box_from_a_warm_page(personas, client_for):
    """The meeting and its page state are cached for everyone; the view decides per request
    what this viewer may do (no access decision in a template tag)."""
    meeting = MeetingFactory(visibility=Visibility.PUBLIC, online_url="https://meet.example/x")
    url = reverse("meetings:detail", args=[meeting.pk])
    visitor = client_for(None).get(url)  # warms the cached meeting and its state
    assert visitor.context["box"]["form"] == "visitor"
    assert not visitor.context["box"]["shows_online_link"]
    assert "https://meet.example/x" not in visitor.content.decode()

    member = client_for(personas.member).get(url)
    assert member.context["box"]["form"] == "member"
    assert "https://meet.example/x" not in member.content.decode()

    RegistrationFactory(meeting=meeting, member=personas.outsider)
    registered = client_for(personas.outsider).get(url)
    assert registered.context["box"]["form"] is None
    assert registered.context["box"]["shows_online_link"]
    assert "https://meet.example/x" in registered.content.decode()

    assert client_for(None).get(url).context["box"]["form"] == "visitor"
