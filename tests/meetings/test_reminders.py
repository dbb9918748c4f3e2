"""Reminders two days before: once, to confirmed participants of published meetings, with the .ics."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from samenspel.meetings.models import Meeting, Registration
from samenspel.meetings.services.planning import send_reminders
from tests.factories.meetings import MeetingFactory, RegistrationFactory

NOW = datetime.datetime(2030, 3, 1, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def meeting_in(hours, **kwargs):
    start = NOW + datetime.timedelta(hours=hours)
    return MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_confirmed_participants_get_one_reminder(db, frozen, mailoutbox, django_capture_on_commit_callbacks):
    meeting = meeting_in(47, online_url="https://meet.example.org/room", location="")
    confirmed = RegistrationFactory(meeting=meeting)
    visitor = RegistrationFactory(meeting=meeting, member=None, name="Vera", email="vera@example.org", language="en")
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITLISTED)
    RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED)
    RegistrationFactory(meeting=meeting, member=None, name="U", email="u@example.org", status="unconfirmed")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([confirmed.member.email, "vera@example.org"])
    mail = next(m for m in mailoutbox if m.to[0] == visitor.email)
    assert mail.subject.startswith("Reminder:")
    assert "https://meet.example.org/room" in mail.body
    assert mail.attachments[0][0] == "meeting.ics"
    meeting.refresh_from_db()
    assert meeting.reminder_sent_at == NOW
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
    assert len(mailoutbox) == 2


def test_reminders_only_within_48_hours_and_not_for_started_meetings(
    db, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    far = meeting_in(49)
    started = meeting_in(-1)
    RegistrationFactory(meeting=far)
    RegistrationFactory(meeting=started)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
    assert mailoutbox == []
    later = NOW + datetime.timedelta(hours=2)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1  # the far meeting is now within 48 hours
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("status", [Meeting.Status.CANCELLED, Meeting.Status.DRAFT, Meeting.Status.HELD])
def test_no_reminders_for_meetings_that_are_not_published(
    db, frozen, mailoutbox, django_capture_on_commit_callbacks, status
):
    RegistrationFactory(meeting=meeting_in(24, status=status))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
    assert mailoutbox == []


def test_waitlisted_people_get_no_reminder(db, frozen, mailoutbox, django_capture_on_commit_callbacks):
    RegistrationFactory(meeting=meeting_in(24), status=Registration.Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    assert mailoutbox == []


def test_the_reminder_is_in_the_members_language(db, frozen, mailoutbox, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(meeting=meeting_in(24, title="Kringavond"))
    registration.member.preferred_language = "nl"
    registration.member.save()
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    assert "Kringavond" in mailoutbox[0].subject
    assert "zaterdag 2 maart" in mailoutbox[0].subject  # the date in Dutch, whatever the site language


def test_the_management_command_sends_the_reminders(db, frozen, mailoutbox, capsys, django_capture_on_commit_callbacks):
    RegistrationFactory(meeting=meeting_in(30))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders")
    assert "Reminders sent for 1 meeting(s)." in capsys.readouterr().out
    assert len(mailoutbox) == 1
