"""The .ics download, the public, circle and personal feeds, and the my-calendar page."""

import datetime
import re

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspel.core.models import AuditLogEntry
from samenspel.meetings.models import CalendarFeed, Meeting, Registration, Visibility
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import MemberFactory


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.SITE_URL = "https://samenspel.example"


def uids(response) -> set[str]:
    calendar = icalendar.Calendar.from_ical(response.content.decode())
    return {str(e["UID"]).split("@")[0] for e in calendar.events}


def make_personal_feed(client, member) -> str:
    """Log in, make the feed link on the page, and return its path."""
    client.force_login(member)
    response = client.post(reverse("meetings:my_calendar"))
    assert response.status_code == 200
    match = re.search(
        r'value="https://samenspel\.example(/meetings/calendar/personal/[^"]+\.ics)"', response.content.decode()
    )
    assert match, "the page shows the new link once"
    client.logout()
    return match.group(1)


# --- .ics download ---------------------------------------------------------------------------

EXPECTED_MEMBERS_MEETING = {
    "visitor": 302,  # to the login page with next
    "pending": 404,
    "member": 200,
    "outsider": 200,
    "kartrekker": 200,
    "coordinator": 200,
    "orgrep": 200,
    "municipality": 200,
}


@pytest.mark.parametrize(("persona", "expected"), EXPECTED_MEMBERS_MEETING.items())
def test_ics_download_of_a_members_meeting_per_persona(personas, client_for, circle_meeting, persona, expected):
    response = client_for(personas.as_dict()[persona]).get(reverse("meetings:ics", args=[circle_meeting.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"].startswith("attachment;")
        assert uids(response) == {str(circle_meeting.uid)}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("visitor", 302), ("outsider", 404), ("member", 200), ("kartrekker", 200), ("coordinator", 200)],
)
def test_ics_download_of_a_circle_only_meeting(personas, client_for, persona, expected):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    response = client_for(personas.as_dict()[persona]).get(reverse("meetings:ics", args=[meeting.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(("persona", "expected"), [("member", 404), ("kartrekker", 200), ("coordinator", 200)])
def test_ics_download_of_a_draft_is_for_organisers_only(personas, client_for, persona, expected):
    meeting = MeetingFactory(circle=personas.circle, status=Meeting.Status.DRAFT)
    response = client_for(personas.as_dict()[persona]).get(reverse("meetings:ics", args=[meeting.pk]))
    assert response.status_code == expected


def test_ics_download_of_an_unknown_meeting_is_404(personas, client_for):
    assert client_for(personas.coordinator).get(reverse("meetings:ics", args=[999999])).status_code == 404


def test_a_visitor_downloads_a_public_meeting_without_the_online_link(db, client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC, location="", online_url="https://meet.example/room-42")
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert "room-42" not in response.content.decode()


def test_only_a_confirmed_participant_gets_the_online_link_in_the_download(personas, client_for):
    meeting = MeetingFactory(location="", online_url="https://meet.example/room-42")
    RegistrationFactory(meeting=meeting, member=personas.member)
    RegistrationFactory(meeting=meeting, member=personas.outsider, status=Registration.Status.WAITLISTED)
    url = reverse("meetings:ics", args=[meeting.pk])
    assert "room-42" in client_for(personas.member).get(url).content.decode()
    assert "room-42" not in client_for(personas.outsider).get(url).content.decode()
    assert "room-42" not in client_for(personas.kartrekker).get(url).content.decode()


def test_the_download_answers_get_only(db, client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    assert client.post(reverse("meetings:ics", args=[meeting.pk])).status_code == 405


# --- public and circle feeds -------------------------------------------------------------------


def test_the_public_feed_holds_public_meetings_only(client, personas):
    now = timezone.now()
    public = MeetingFactory(visibility=Visibility.PUBLIC)
    public_circle = MeetingFactory(visibility=Visibility.PUBLIC, circle=personas.circle)
    cancelled = MeetingFactory(visibility=Visibility.PUBLIC, status=Meeting.Status.CANCELLED)
    recent = MeetingFactory(
        visibility=Visibility.PUBLIC,
        status=Meeting.Status.HELD,
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30) + datetime.timedelta(hours=2),
    )
    hidden = [
        MeetingFactory(visibility=Visibility.MEMBERS),
        MeetingFactory(visibility=Visibility.CIRCLE, circle=personas.circle),
        MeetingFactory(visibility=Visibility.PUBLIC, status=Meeting.Status.DRAFT),
        MeetingFactory(
            visibility=Visibility.PUBLIC,
            starts_at=now - datetime.timedelta(days=120),
            ends_at=now - datetime.timedelta(days=120) + datetime.timedelta(hours=2),
        ),
    ]
    response = client.get(reverse("meetings:feed_public"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    shown = uids(response)
    assert shown == {str(m.uid) for m in (public, public_circle, cancelled, recent)}
    assert not shown & {str(m.uid) for m in hidden}
    calendar = icalendar.Calendar.from_ical(response.content.decode())
    assert "public meetings" in str(calendar["X-WR-CALNAME"])
    statuses = {str(e["UID"]).split("@")[0]: str(e["STATUS"]) for e in calendar.events}
    assert statuses[str(cancelled.uid)] == "CANCELLED"


def test_public_feeds_never_carry_the_online_link(client, personas):
    MeetingFactory(visibility=Visibility.PUBLIC, location="", online_url="https://meet.example/room-42")
    MeetingFactory(
        visibility=Visibility.PUBLIC, circle=personas.circle, location="", online_url="https://meet.example/room-43"
    )
    for url in (reverse("meetings:feed_public"), reverse("meetings:feed_circle", args=[personas.circle.slug])):
        text = client.get(url).content.decode()
        assert "room-4" not in text
        assert "LOCATION:Online" in text


def test_the_circle_feed_holds_the_circles_public_meetings_only(client, personas):
    mine = MeetingFactory(visibility=Visibility.PUBLIC, circle=personas.circle)
    MeetingFactory(visibility=Visibility.MEMBERS, circle=personas.circle)
    MeetingFactory(visibility=Visibility.CIRCLE, circle=personas.circle)
    MeetingFactory(visibility=Visibility.PUBLIC, circle=CircleFactory())
    MeetingFactory(visibility=Visibility.PUBLIC)
    response = client.get(reverse("meetings:feed_circle", args=[personas.circle.slug]))
    assert response.status_code == 200
    assert uids(response) == {str(mine.uid)}
    calendar = icalendar.Calendar.from_ical(response.content.decode())
    assert personas.circle.name in str(calendar["X-WR-CALNAME"])


def test_the_feed_of_an_unknown_or_inactive_circle_is_404(db, client):
    inactive = CircleFactory(is_active=False)
    MeetingFactory(visibility=Visibility.PUBLIC, circle=inactive)
    assert client.get(reverse("meetings:feed_circle", args=["does-not-exist"])).status_code == 404
    assert client.get(reverse("meetings:feed_circle", args=[inactive.slug])).status_code == 404


# --- personal feed ------------------------------------------------------------------------------


def test_visitors_are_sent_to_log_in_and_pending_members_are_refused(client_for, personas):
    url = reverse("meetings:my_calendar")
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert client_for(None).post(url).status_code == 302
    assert client_for(personas.pending).get(url).status_code == 403
    assert client_for(personas.pending).post(url).status_code == 403
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "coordinator", "orgrep", "municipality"])
def test_every_approved_member_may_make_a_feed(client_for, personas, persona):
    person = personas.as_dict()[persona]
    client = client_for(person)
    assert client.get(reverse("meetings:my_calendar")).status_code == 200
    response = client.post(reverse("meetings:my_calendar"))
    assert response.status_code == 200
    assert CalendarFeed.objects.filter(member=person).count() == 1
    assert "webcal://samenspel.example/meetings/calendar/personal/" in response.content.decode()


def test_the_personal_feed_shows_only_my_confirmed_and_waitlisted_registrations(client, personas):
    member = personas.member
    confirmed = RegistrationFactory(
        member=member, meeting=MeetingFactory(location="", online_url="https://meet.example/room-1")
    ).meeting
    waitlisted = RegistrationFactory(
        member=member,
        status=Registration.Status.WAITLISTED,
        meeting=MeetingFactory(location="", online_url="https://meet.example/room-2"),
    ).meeting
    circle_only = RegistrationFactory(
        member=member, meeting=MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    ).meeting
    cancelled_meeting = RegistrationFactory(
        member=member, meeting=MeetingFactory(status=Meeting.Status.CANCELLED)
    ).meeting
    not_mine = [
        RegistrationFactory(member=member, status=Registration.Status.CANCELLED).meeting,
        RegistrationFactory(member=member, status=Registration.Status.UNCONFIRMED).meeting,
        RegistrationFactory(member=personas.outsider).meeting,
        RegistrationFactory(member=member, meeting=MeetingFactory(status=Meeting.Status.DRAFT)).meeting,
        MeetingFactory(visibility=Visibility.PUBLIC),
    ]
    path = make_personal_feed(client, member)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    shown = uids(response)
    assert shown == {str(m.uid) for m in (confirmed, waitlisted, circle_only, cancelled_meeting)}
    assert not shown & {str(m.uid) for m in not_mine}
    text = response.content.decode()
    assert "room-1" in text  # confirmed: may see the online link
    assert "room-2" not in text  # waitlisted: not yet


def test_only_the_hash_of_the_token_is_stored(client, personas):
    path = make_personal_feed(client, personas.member)
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(member=personas.member)
    assert token not in feed.token_hash
    assert len(feed.token_hash) == 64
    assert AuditLogEntry.objects.filter(action="meeting.feed.created").count() == 1
    assert token not in str(list(AuditLogEntry.objects.values_list("data", flat=True)))


def test_renewing_stops_the_old_link_at_once_and_emails_the_member(
    client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    old = make_personal_feed(client, personas.member)
    assert client.get(old).status_code == 200
    assert mailoutbox == []  # making the first link sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        new = make_personal_feed(client, personas.member)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(member=personas.member).count() == 1
    assert AuditLogEntry.objects.filter(action="meeting.feed.renewed").count() == 1
    (email,) = mailoutbox
    assert email.to == [personas.member.email]
    assert email.subject == "Je agendalink is vernieuwd"  # the member's language: Dutch by default
    assert "De oude link werkt niet meer" in email.body
    assert new.rsplit("/", 1)[1] not in email.body  # the secret link is shown on the page only


def test_the_page_shows_the_link_only_right_after_making_it(client, personas):
    path = make_personal_feed(client, personas.member)
    client.force_login(personas.member)
    page = client.get(reverse("meetings:my_calendar")).content.decode()
    assert path not in page
    assert "Make a new calendar link" in page


@pytest.mark.parametrize(
    "token",
    ["x", "A" * 43, "not-a-real-token-but-long-enough-to-look-like-one", "%3Cscript%3E", "a" * 300],
)
def test_unknown_or_tampered_tokens_are_404(client, personas, token):
    make_personal_feed(client, personas.member)
    assert client.get(f"/meetings/calendar/personal/{token}.ics").status_code == 404


def test_a_token_changed_by_one_letter_is_404(client, personas):
    path = make_personal_feed(client, personas.member)
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    tampered = ("B" if token[0] != "B" else "C") + token[1:]
    assert client.get(reverse("meetings:feed_personal", args=[tampered])).status_code == 404


def test_the_feed_of_a_member_who_is_no_longer_active_is_404(client, personas):
    path = make_personal_feed(client, personas.member)
    personas.member.is_active = False
    personas.member.save(update_fields=["is_active"])
    assert client.get(path).status_code == 404


# --- calendar links on the meeting page -----------------------------------------------------------


def test_calendar_links_for_a_public_circle_meeting(personas):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC, circle=personas.circle)
    html = render_to_string("meetings/includes/calendar_links.html", {"meeting": meeting, "user": AnonymousUser()})
    assert reverse("meetings:ics", args=[meeting.pk]) in html
    assert reverse("meetings:feed_circle", args=[personas.circle.slug]) in html
    assert reverse("meetings:my_calendar") not in html


def test_calendar_links_for_a_members_network_meeting(personas):
    meeting = MeetingFactory(visibility=Visibility.MEMBERS)
    html = render_to_string("meetings/includes/calendar_links.html", {"meeting": meeting, "user": personas.member})
    assert reverse("meetings:ics", args=[meeting.pk]) in html
    assert reverse("meetings:feed_public") not in html  # it is not in the public feed
    assert reverse("meetings:my_calendar") in html


# --- query counts -----------------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("feed", ["public", "circle", "personal"])
def test_feeds_have_a_constant_query_count(client, personas, django_assert_max_num_queries, feed):
    member = MemberFactory()
    path = make_personal_feed(client, member)
    urls = {
        "public": reverse("meetings:feed_public"),
        "circle": reverse("meetings:feed_circle", args=[personas.circle.slug]),
        "personal": path,
    }

    def add(n):
        meetings = Meeting.objects.bulk_create(
            MeetingFactory.build(visibility=Visibility.PUBLIC, circle=personas.circle, online_url="https://m.example/r")
            for _ in range(n)
        )
        Registration.objects.bulk_create(RegistrationFactory.build(meeting=m, member=member) for m in meetings)

    def cold_and_warm() -> tuple[int, int]:
        """Queries of the first request after a change (the feed is built) and of the next (cached)."""
        with django_assert_max_num_queries(5):
            cold = _count(client, urls[feed])
        return cold, _count(client, urls[feed])

    add(50)
    at_50 = cold_and_warm()
    add(450)
    at_500 = cold_and_warm()
    assert at_500 == at_50
    assert len(uids(client.get(urls[feed]))) == 500


def test_the_meeting_page_links_to_the_ics_and_the_feed(db, client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("meetings:ics", args=[meeting.pk]) in html
    assert reverse("meetings:feed_public") in html


def test_the_my_calendar_page_answers_get_and_post_only(client_for, personas):
    client = client_for(personas.member)
    assert client.put(reverse("meetings:my_calendar")).status_code == 405
    assert client.delete(reverse("meetings:my_calendar")).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_the_renewal_email_escapes_html_in_the_members_name(
    client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    personas.member.name = "<script>alert(1)</script>"
    personas.member.save(update_fields=["name"])
    make_personal_feed(client, personas.member)
    with django_capture_on_commit_callbacks(execute=True):
        make_personal_feed(client, personas.member)
    (email,) = mailoutbox
    html = email.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_feeds_answer_get_only(db, client):
    assert client.post(reverse("meetings:feed_public")).status_code == 405
