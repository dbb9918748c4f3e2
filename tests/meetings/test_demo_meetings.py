"""The demo meetings: 8 February held with groups and a report, 14 December full, circle series."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import Circle
from samenspel.demo import base as core_demo
from samenspel.demo.sections import meetings as demo
from samenspel.meetings.models import (
    BreakoutGroup,
    Meeting,
    MeetingSeries,
    ParticipantRole,
    Registration,
    Report,
    RoleLimit,
    Visibility,
)
from samenspel.members.models import Member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_network")]  # loaded once (tests/fixtures/demo.py)

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "meetings": sorted(Meeting.objects.values_list()),
        "series": sorted(MeetingSeries.objects.values_list()),
        "groups": sorted(BreakoutGroup.objects.values_list()),
        "registrations": sorted(Registration.objects.values_list()),
        "reports": sorted(Report.objects.values_list()),
        "limits": sorted(RoleLimit.objects.values_list()),
    }


def test_the_8_february_meeting_was_held_with_three_groups_attendance_and_a_published_report():
    meeting = Meeting.objects.get(title="Samenspel in de stad")
    assert meeting.circle is None
    assert meeting.status == Meeting.Status.HELD
    assert meeting.is_online and not meeting.location
    local = timezone.localtime(meeting.starts_at)
    assert (local.year, local.month, local.day) == (2022, 2, 8)
    assert local.weekday() == 1  # a Tuesday

    registrations = meeting.registrations.all()
    assert registrations.filter(status=CONFIRMED).count() == registrations.count() >= 35
    present = registrations.filter(attended=True)
    assert present.count() == 35
    assert registrations.filter(attended=False).exists()
    assert set(present.values_list("role", flat=True)) == set(ParticipantRole.values)
    assert registrations.filter(member__isnull=True).count() >= 2  # visitors too
    assert all(
        email.endswith("@example.org") for email in registrations.exclude(email="").values_list("email", flat=True)
    )
    assert not registrations.exclude(access_needs="").exists()  # deleted after the meeting

    groups = list(meeting.groups.order_by("position"))
    assert len(groups) == 3
    assert groups[0].question.startswith("Hoe implementeren we ervaringsdeskundigheid")
    assert "stedelijke randvoorwaarden" in groups[1].question
    assert "Tandem Ontwikkel Traject" in groups[2].question
    for group in groups:
        assert group.outcomes and group.outcomes_html.startswith("<")
        assert group.note_taker is not None
        assert present.filter(group=group, member=group.note_taker).exists()
        sizes = group.participants.count()
        assert 11 <= sizes <= 12
        assert group.participants.filter(role=ParticipantRole.EXPERT).exists()
        assert group.participants.exclude(role=ParticipantRole.EXPERT).exists()
    assert not registrations.filter(attended=False, group__isnull=False).exists()

    report = Report.objects.get(meeting=meeting)
    assert report.published_at is not None
    assert report.visibility == Visibility.PUBLIC  # the seed links to it: for everyone
    (presentation,) = report.attachments.all()
    assert presentation.content_type == "application/pdf" and presentation.size < 100_000
    assert "35" in report.introduction
    for html in (report.introduction_html, report.decisions_html, report.follow_up_html):
        assert html.startswith("<")


def test_the_report_is_readable_by_members_on_the_platform(client):
    meeting = Meeting.objects.get(title="Samenspel in de stad")
    client.force_login(Member.objects.get(email=core_demo.MEMBER_EMAIL))
    response = client.get(f"/meetings/{meeting.pk}/")
    assert response.status_code == 200
    response = client.get(reverse("meetings:report", args=[meeting.pk]))
    assert response.status_code == 200
    assert "Tandem Ontwikkel Traject" in response.content.decode()


def test_a_visitor_reads_the_8_february_report_and_downloads_the_presentation(client):
    from pypdf import PdfReader

    meeting = Meeting.objects.get(title="Samenspel in de stad")
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 302  # a members' meeting
    page = client.get(reverse("meetings:report", args=[meeting.pk]))
    assert page.status_code == 200
    assert "Tandem Ontwikkel Traject" in page.text and "Presentatie Samenspel in de stad" in page.text
    attachment = Report.objects.get(meeting=meeting).attachments.get()
    response = client.get(reverse("meetings:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF-")
    import io

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Drie groepen, drie vragen" in text
    archive = client.get(reverse("meetings:archive_year", args=[2022]))
    assert reverse("meetings:report", args=[meeting.pk]) in archive.text


def test_the_14_december_meeting_is_open_full_and_has_a_waitlist():
    meeting = Meeting.objects.get(title=demo.DECEMBER_TITLE)
    local = timezone.localtime(meeting.starts_at)
    assert (local.month, local.day, local.hour) == (12, 14, 19)
    assert timezone.localtime(meeting.ends_at).strftime("%H:%M") == "21:30"
    assert meeting.starts_at > timezone.now()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert meeting.registration_is_open
    assert meeting.location and "Amsterdam" in meeting.location
    assert meeting.capacity == 30
    confirmed = meeting.registrations.filter(status=CONFIRMED)
    assert confirmed.count() == 30
    waiting = list(meeting.registrations.filter(status=WAITLISTED).order_by("queued_at", "id"))
    assert len(waiting) == 4
    assert max(confirmed.values_list("queued_at", flat=True)) < waiting[0].queued_at
    roles = set(confirmed.values_list("role", flat=True))
    assert {ParticipantRole.EXPERT, ParticipantRole.PROFESSIONAL, ParticipantRole.POLICY} <= roles
    # the demo member can still try to register (and lands on the waitlist)
    assert not meeting.registrations.filter(member__email=core_demo.MEMBER_EMAIL).exists()


def test_the_next_14_december_follows_today():
    zone = timezone.get_current_timezone()
    assert demo.next_december_14(dt.datetime(2030, 3, 1, tzinfo=zone)) == dt.date(2030, 12, 14)
    assert demo.next_december_14(dt.datetime(2030, 12, 14, 18, 0, tzinfo=zone)) == dt.date(2030, 12, 14)
    assert demo.next_december_14(dt.datetime(2030, 12, 14, 19, 0, tzinfo=zone)) == dt.date(2031, 12, 14)
    assert demo.next_december_14(dt.datetime(2030, 12, 31, tzinfo=zone)) == dt.date(2031, 12, 14)


def test_every_circle_has_upcoming_monthly_meetings_in_a_series_with_mixed_visibility():
    now = timezone.now()
    for circle in Circle.objects.all():
        series = MeetingSeries.objects.get(circle=circle)
        upcoming = Meeting.objects.filter(circle=circle, series=series, starts_at__gt=now)
        assert upcoming.count() >= 3, circle.slug
        assert set(upcoming.values_list("status", flat=True)) == {Meeting.Status.PUBLISHED}
        months = {(timezone.localtime(m.starts_at).year, timezone.localtime(m.starts_at).month) for m in upcoming}
        assert len(months) == upcoming.count()  # one a month
        first = upcoming.first()
        assert first.registrations.filter(status=CONFIRMED).count() == demo.PARTICIPANTS_PER_CIRCLE_MEETING
    visibilities = list(Meeting.objects.filter(circle__isnull=False).values_list("visibility", flat=True).distinct())
    assert set(visibilities) == {Visibility.PUBLIC, Visibility.CIRCLE}
    bondgenoten = Meeting.objects.filter(circle__slug="buurtteams-bondgenoten", starts_at__gt=now).first()
    # Buurtteams Bondgenoten opens its circle meetings to OKT workers and the Maatwerk Methode (issue 16).
    assert bondgenoten.visibility == Visibility.CIRCLE
    assert "OKT" in bondgenoten.guests and "Amsterdamse Maatwerk Methode" in bondgenoten.guests
    local = timezone.localtime(bondgenoten.starts_at)
    assert local.weekday() == 1 and 8 <= local.day <= 14 and local.strftime("%H:%M") == "19:00"


def test_a_second_run_creates_and_changes_nothing():
    before = snapshot()
    output = seed()
    assert "already up to date" in output
    assert snapshot() == before


def test_a_run_a_month_later_adds_meetings_but_never_doubles_them():
    series_count = MeetingSeries.objects.count()
    keys = list(Meeting.objects.values_list("circle_id", "title", "starts_at"))
    assert len(keys) == len(set(keys))
    with time_machine.travel(timezone.now() + dt.timedelta(days=40), tick=False):
        seed()
    keys = list(Meeting.objects.values_list("circle_id", "title", "starts_at"))
    assert len(keys) == len(set(keys))
    assert MeetingSeries.objects.count() == series_count
    for series in MeetingSeries.objects.all():
        assert series.last_date >= max(timezone.localtime(m.starts_at).date() for m in series.meetings.all())
