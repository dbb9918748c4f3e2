"""Calendar files as two independent clients read them: the feed (a subscription) and the .ics
files attached to emails (iTIP messages, RFC 5546, sent by email as RFC 6047 says).

Every calendar text is parsed twice: by `icalendar` (which the code uses to write it) and by the
strict stream parser of the independent `ical` package, which refuses what RFC 5545 does not
allow. The emails are parsed back from their bytes with Python's `email` parser, as a mail
client would.
"""

import email
import email.policy
import os

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting, Registration, Visibility
from samenspel.meetings.services import planning
from samenspel.meetings.services import registration as services
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import MemberFactory

from .test_feeds import make_personal_feed

try:
    from ical.calendar_stream import IcsCalendarStream
except ImportError:  # pragma: no cover - the package is in requirements/test.txt
    if os.environ.get("CI"):
        raise
    IcsCalendarStream = None

pytestmark = pytest.mark.django_db

ORGANIZER = "mailto:noreply@samenspel.localhost"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SITE_URL = "https://samenspel.example"
    settings.DEFAULT_FROM_EMAIL = "Samenspel <noreply@samenspel.localhost>"


def strict(text: str):
    """The calendar as the independent `ical` package reads it (its strict stream parser)."""
    if IcsCalendarStream is None:
        pytest.skip("The independent parser `ical` is not installed (pip install -r requirements/test.txt).")
    return IcsCalendarStream.calendar_from_ics(text)


def both(text: str):
    """(icalendar's calendar, its one event, ical's calendar, its one event): both must read it."""
    loose = icalendar.Calendar.from_ical(text)
    checked = strict(text)
    (event,) = loose.events
    (strict_event,) = checked.events
    assert str(event["UID"]) == strict_event.uid
    return loose, event, checked, strict_event


def calendar_part(mail):
    """The text/calendar part of a sent email, read back from its bytes: (the part, its text)."""
    parsed = email.message_from_bytes(mail.message().as_bytes(), policy=email.policy.default)
    parts = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [part.get_content_type() for part in parsed.walk()]
    return parts[0], parts[0].get_content()


def check_itip(mail, *, method: str, attendee: str):
    """Check the iTIP rules both clients see; return (icalendar event, ical event)."""
    part, text = calendar_part(mail)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("charset").lower() == "utf-8"
    assert part.get_param("method") == method  # RFC 6047: the MIME method names the METHOD inside
    loose, event, checked, strict_event = both(text)
    assert str(loose["METHOD"]) == method
    assert checked.method == method
    assert str(event["ORGANIZER"]) == ORGANIZER
    assert strict_event.organizer.uri == ORGANIZER
    (who,) = [event["ATTENDEE"]] if not isinstance(event["ATTENDEE"], list) else event["ATTENDEE"]
    assert str(who).lower() == f"mailto:{attendee}".lower()
    (strict_who,) = strict_event.attendees
    assert strict_who.uri.lower() == f"mailto:{attendee}".lower()
    assert event["DTSTAMP"].dt >= timezone.now() - timezone.timedelta(minutes=5)  # when the message was made
    return event, strict_event


def mail_to(mailoutbox, address):
    (mail,) = [m for m in mailoutbox if m.to == [address]]
    return mail


# --- the personal feed ----------------------------------------------------------------------------


def test_the_personal_feed_shows_the_waitlist_as_tentative_and_drops_a_cancelled_registration(
    client, client_for, personas
):
    member = personas.member
    confirmed = RegistrationFactory(member=member).meeting
    waitlisted = RegistrationFactory(member=member, status=Registration.Status.WAITLISTED).meeting
    withdrawn = RegistrationFactory(member=member).meeting
    response = client_for(member).post(reverse("meetings:cancel_registration", args=[withdrawn.pk]))
    assert response.status_code == 302
    assert Registration.objects.get(meeting=withdrawn, member=member).status == Registration.Status.CANCELLED

    path = make_personal_feed(client, member)
    text = client.get(path, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    loose = icalendar.Calendar.from_ical(text)
    checked = strict(text)
    assert "METHOD" not in loose or str(loose["METHOD"]) == "PUBLISH"  # a subscription, not an iTIP message
    assert checked.method in (None, "PUBLISH")
    events = {str(e["UID"]): e for e in loose.events}
    strict_events = {e.uid: e for e in checked.events}
    assert set(events) == set(strict_events)
    by_meeting = {m: f"{m.uid}@samenspel" for m in (confirmed, waitlisted, withdrawn)}

    tentative = events[by_meeting[waitlisted]]
    assert str(tentative["STATUS"]) == "TENTATIVE"
    assert str(tentative["SUMMARY"]) == f"{waitlisted.title} (wachtlijst)"
    assert strict_events[by_meeting[waitlisted]].status == "TENTATIVE"
    assert strict_events[by_meeting[waitlisted]].summary == f"{waitlisted.title} (wachtlijst)"

    assert str(events[by_meeting[confirmed]]["STATUS"]) == "CONFIRMED"
    assert str(events[by_meeting[confirmed]]["SUMMARY"]) == confirmed.title
    assert strict_events[by_meeting[confirmed]].status == "CONFIRMED"

    gone = by_meeting[withdrawn]
    assert gone not in events or str(events[gone]["STATUS"]) == "CANCELLED"
    assert gone not in strict_events or strict_events[gone].status == "CANCELLED"


def test_the_waitlist_label_follows_the_language(client, personas):
    member = personas.member
    waitlisted = RegistrationFactory(member=member, status=Registration.Status.WAITLISTED).meeting
    path = make_personal_feed(client, member)
    text = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    (event,) = strict(text).events
    assert event.summary == f"{waitlisted.title} (waitlist)"


@pytest.mark.parametrize("feed", ["public", "download"])
def test_public_feeds_and_downloads_stay_subscriptions_without_itip_parts(client, feed):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    url = reverse("meetings:feed_public") if feed == "public" else reverse("meetings:ics", args=[meeting.pk])
    text = client.get(url).content.decode()
    loose = icalendar.Calendar.from_ical(text)
    checked = strict(text)
    assert "METHOD" not in loose and checked.method is None
    assert all("ATTENDEE" not in e for e in loose.events)
    assert [e.uid for e in checked.events] == [f"{meeting.uid}@samenspel"]


# --- emails: confirmation, change, cancellation, withdrawal -------------------------------------


def register(client_for, member, meeting):
    response = client_for(member).post(reverse("meetings:register", args=[meeting.pk]))
    assert response.status_code == 302


def test_a_confirmation_carries_an_itip_request_for_the_member(
    client_for, personas, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(online_url="https://meet.example.org/room")
    with django_capture_on_commit_callbacks(execute=True):
        register(client_for, personas.member, meeting)
    event, strict_event = check_itip(mailoutbox[0], method="REQUEST", attendee=personas.member.email)
    assert event["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert event["ORGANIZER"].params["CN"] == settings.NETWORK_NAME
    assert str(event["STATUS"]) == "CONFIRMED" and strict_event.status == "CONFIRMED"
    assert strict_event.uid == f"{meeting.uid}@samenspel"
    assert strict_event.summary == meeting.title
    assert "https://meet.example.org/room" in strict_event.description  # a confirmed participant


def test_a_promotion_from_the_waitlist_carries_an_itip_request(
    client_for, personas, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=1)
    first = RegistrationFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        register(client_for, personas.member, meeting)
    waitlisted = mail_to(mailoutbox, personas.member.email)
    assert not any(part.get_content_type() == "text/calendar" for part in waitlisted.message().walk())
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first, actor=first.member)
    check_itip(mail_to(mailoutbox, personas.member.email), method="REQUEST", attendee=personas.member.email)


def test_a_change_sends_a_request_with_the_same_uid_and_a_higher_sequence(
    client_for, personas, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        register(client_for, personas.member, meeting)
    _, first = check_itip(mailoutbox[0], method="REQUEST", attendee=personas.member.email)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        planning.update_meeting(
            actor=personas.coordinator,
            meeting=meeting,
            starts_at=meeting.starts_at + timezone.timedelta(hours=1),
            ends_at=meeting.ends_at + timezone.timedelta(hours=1),
        )
    mail = mail_to(mailoutbox, personas.member.email)
    _event, changed = check_itip(mail, method="REQUEST", attendee=personas.member.email)
    assert changed.uid == first.uid
    assert changed.sequence > first.sequence
    assert changed.dtstart > first.dtstart
    assert "Het agendabestand in deze e-mail past de bijeenkomst aan in je agenda." in mail.body


def test_cancelling_the_meeting_sends_an_itip_cancel(
    client_for, personas, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    visitor = RegistrationFactory(meeting=meeting, member=None, name="Vera", email="vera@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        register(client_for, personas.member, meeting)
    _, first = check_itip(mailoutbox[0], method="REQUEST", attendee=personas.member.email)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.coordinator).post(
            reverse("meetings:cancel", args=[meeting.pk]), {"reason": "De zaal is dicht."}
        )
    assert response.status_code == 302
    for address in (personas.member.email, visitor.email):
        mail = mail_to(mailoutbox, address)
        event, cancelled = check_itip(mail, method="CANCEL", attendee=address)
        assert cancelled.uid == first.uid
        assert cancelled.sequence > first.sequence
        assert str(event["STATUS"]) == "CANCELLED" and cancelled.status == "CANCELLED"
    english = mail_to(mailoutbox, visitor.email)
    assert "The calendar file in this email removes the meeting from your calendar." in english.body


def test_withdrawing_sends_an_itip_cancel_that_takes_the_meeting_out_of_the_calendar(
    client_for, personas, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    member = MemberFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        register(client_for, member, meeting)
    _, first = check_itip(mailoutbox[0], method="REQUEST", attendee=member.email)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(reverse("meetings:cancel_registration", args=[meeting.pk]))
    assert response.status_code == 302
    mail = mail_to(mailoutbox, member.email)
    event, withdrawn = check_itip(mail, method="CANCEL", attendee=member.email)
    assert withdrawn.uid == first.uid
    assert withdrawn.sequence > first.sequence
    # RFC 5546 3.2.5: a CANCEL that removes one attendee names them and carries no STATUS.
    assert "STATUS" not in event and withdrawn.status is None
    assert "The calendar file in this email removes the meeting from your calendar." in mail.body
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_a_visitor_withdrawing_by_the_emailed_link_gets_an_itip_cancel(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_visitor(meeting=meeting, name="Vera", email="vera@example.org", language="nl")
    token = mailoutbox[0].body.split("/registration/")[1].split("/")[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_visitor(token=token)
    _, first = check_itip(mailoutbox[1], method="REQUEST", attendee="vera@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:registration_cancel_link", args=[token]))
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    _, withdrawn = check_itip(mail_to(mailoutbox, "vera@example.org"), method="CANCEL", attendee="vera@example.org")
    assert withdrawn.uid == first.uid and withdrawn.sequence > first.sequence


def test_leaving_the_waitlist_sends_no_calendar_file(
    client_for, personas, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        register(client_for, personas.member, meeting)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.member).post(reverse("meetings:cancel_registration", args=[meeting.pk]))
    for mail in mailoutbox:  # the waitlist never put the meeting in their calendar
        assert not any(part.get_content_type() == "text/calendar" for part in mail.message().walk())
