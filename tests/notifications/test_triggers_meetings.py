"""Meetings tell people through notifications: a circle's new, changed or cancelled meeting (its
members; registrants get their own email about a change), and a published report (participants)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting, Registration, Visibility
from samenspel.meetings.services import afterwards, planning
from samenspel.notifications.models import Kind, Notification
from tests.factories.meetings import MeetingFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

START = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)


def plan(personas, **kwargs):
    return planning.create_meeting(
        actor=personas.kartrekker,
        circle=personas.circle,
        title="Kringbijeenkomst",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        capacity=20,
        location="Buurthuis",
        **kwargs,
    )


def told(kind=Kind.MEETING):
    return {(row.recipient, row.message) for row in Notification.objects.filter(kind=kind)}


def test_publishing_a_circle_meeting_tells_its_members(personas):
    meeting = plan(personas)
    assert told() == set()  # a draft tells no one
    planning.publish_meeting(actor=personas.kartrekker, meeting=meeting)
    assert told() == {(personas.member, "meeting.planned"), (personas.kartrekker, "meeting.planned")}
    row = Notification.objects.filter(recipient=personas.member).get()
    assert row.link == reverse("meetings:detail", args=[meeting.pk])
    assert row.params == {"meeting": "Kringbijeenkomst", "starts_at": START.isoformat()}


def test_a_network_meeting_is_no_circle_message(personas):
    planning.create_meeting(
        actor=personas.coordinator,
        title="Netwerkbijeenkomst",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        capacity=20,
        location="Stadhuis",
        publish=True,
    )
    assert not Notification.objects.exists()


def test_a_change_of_time_tells_members_who_did_not_register(personas):
    meeting = plan(personas, publish=True)
    Notification.objects.all().delete()
    RegistrationFactory(meeting=meeting, member=personas.member, status=Registration.Status.CONFIRMED)
    planning.update_meeting(actor=personas.kartrekker, meeting=meeting, starts_at=START + datetime.timedelta(hours=1))
    assert told() == {(personas.kartrekker, "meeting.changed")}  # the member got the registrants' email


def test_a_change_of_the_description_alone_tells_no_one(personas):
    meeting = plan(personas, publish=True)
    Notification.objects.all().delete()
    planning.update_meeting(actor=personas.kartrekker, meeting=meeting, description="Meer uitleg")
    assert told() == set()


def test_cancelling_tells_the_members(personas):
    meeting = plan(personas, publish=True)
    Notification.objects.all().delete()
    planning.cancel_meeting(actor=personas.kartrekker, meeting=meeting, reason="Ziek")
    assert told() == {(personas.member, "meeting.cancelled"), (personas.kartrekker, "meeting.cancelled")}


def test_a_published_series_is_one_message_not_one_per_date(personas):
    first = START.date()
    planning.create_series(
        actor=personas.kartrekker,
        circle=personas.circle,
        title="Maandelijkse kring",
        weekday=first.weekday(),
        week_of_month=1,
        start_time=datetime.time(19, 0),
        end_time=datetime.time(21, 0),
        first_date=first,
        last_date=first + datetime.timedelta(days=150),
        location="Buurthuis",
        capacity=15,
        publish=True,
    )
    rows = Notification.objects.filter(recipient=personas.member)
    assert [row.message for row in rows] == ["meeting.series_planned"]
    assert rows[0].params["count"] == Meeting.objects.filter(series__isnull=False).count()


def test_a_published_report_tells_the_participants_with_an_account(personas, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.MEMBERS, status=Meeting.Status.HELD)
    RegistrationFactory(meeting=meeting, member=personas.member, status=Registration.Status.CONFIRMED)
    RegistrationFactory(meeting=meeting, member=personas.outsider, status=Registration.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        afterwards.publish_report(meeting=meeting, visibility=Visibility.MEMBERS, actor=personas.coordinator)
    assert told(Kind.REPORT) == {(personas.member, "report.published")}
    assert Notification.objects.get(kind=Kind.REPORT).link == reverse("meetings:report", args=[meeting.pk])
