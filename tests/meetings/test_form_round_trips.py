"""Every meetings form, posted through the client as the person who uses it, every field read back.

Forms whose full round trip is already elsewhere: CancelForm (its reason is only emailed:
test_planning.py::test_cancelling_emails_registrants_with_the_reason), MemberRegistrationForm
(test_registration.py::test_the_role_and_access_needs_are_saved), AssignmentForm
(test_groups.py::test_assign_by_hand_with_one_form), OutcomesForm (test_groups.py::
test_note_taker_writes_outcomes_sanitised), CheckinForm (test_attendance.py::test_marking_presence_with_one_form),
PublishForm (test_report.py::test_publishing_notifies_participants_once_in_their_language).
MeetingFilterForm is a GET filter and writes nothing (test_list.py).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import (
    Attachment,
    BreakoutGroup,
    Meeting,
    MeetingSeries,
    ParticipantRole,
    Registration,
    Report,
    RoleLimit,
    Visibility,
)
from tests.factories.meetings import MeetingFactory
from tests.round_trip import assert_page_offers

from .helpers_afterwards import pdf_bytes, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("afterwards_settings")]

FORMAT = "%Y-%m-%dT%H:%M"


def local(days, hour, minute=0):
    moment = timezone.localtime(timezone.now() + datetime.timedelta(days=days))
    return moment.replace(hour=hour, minute=minute, second=0, microsecond=0)


def as_typed(moment):
    return moment.strftime(FORMAT) if moment else ""


def typed(value):
    return as_typed(timezone.localtime(value)) if value else ""


def meeting_data(**overrides):
    data = {
        "title": "Kringbijeenkomst maart",
        "description": "We lezen samen.\nEn we praten.",
        "starts_at": as_typed(local(20, 19)),
        "ends_at": as_typed(local(20, 21, 30)),
        "online_url": "https://meet.example.org/kring",
        "location": "Buurthuis De Meeuw",
        "capacity": "12",
        "registration_opens_at": as_typed(local(2, 9)),
        "registration_closes_at": as_typed(local(19, 17)),
        "visibility": Visibility.CIRCLE,
    }
    data.update(overrides)
    return data


def assert_meeting_has(meeting, data):
    for name in ("title", "description", "online_url", "location", "visibility"):
        assert getattr(meeting, name) == data[name], name
    assert meeting.capacity == int(data["capacity"])
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        assert typed(getattr(meeting, name)) == data[name], name


def test_meeting_form_create(personas, client_for):
    data = {**meeting_data(), "circle": personas.circle.pk}
    client = client_for(personas.kartrekker)
    assert_page_offers(client.get(reverse("meetings:create")), data)
    response = client.post(reverse("meetings:create"), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert_meeting_has(meeting, data)
    assert (meeting.circle, meeting.status, meeting.created_by) == (
        personas.circle,
        Meeting.Status.DRAFT,
        personas.kartrekker,
    )


def test_meeting_form_edit_changes_every_field(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.MEMBERS, online_url="")
    data = meeting_data()
    client = client_for(personas.kartrekker)
    assert_page_offers(client.get(reverse("meetings:edit", args=[meeting.pk])), data)
    response = client.post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert_meeting_has(meeting, data)
    # And back to no registration window, no location.
    data = meeting_data(registration_opens_at="", registration_closes_at="", location="", visibility="public")
    client_for(personas.kartrekker).post(reverse("meetings:edit", args=[meeting.pk]), data)
    meeting.refresh_from_db()
    assert_meeting_has(meeting, data)
    assert meeting.registration_opens_at is None and meeting.registration_closes_at is None


def test_series_form(personas, client_for):
    data = {
        "circle": personas.circle.pk,
        "title": "Leesgroep",
        "description": "Elke maand een hoofdstuk.",
        "week_of_month": "2",
        "weekday": "1",  # Tuesday
        "start_time": "19:00",
        "end_time": "21:00",
        "first_date": "2030-01-01",
        "last_date": "2030-03-31",
        "online_url": "https://meet.example.org/lees",
        "location": "Bibliotheek",
        "capacity": "15",
        "visibility": Visibility.MEMBERS,
        "publish": "on",
    }
    client = client_for(personas.kartrekker)
    assert_page_offers(client.get(reverse("meetings:series_create")), data)
    response = client.post(reverse("meetings:series_create"), data)
    assert response.status_code == 302
    series = MeetingSeries.objects.get()
    assert (series.circle, series.title, series.week_of_month, series.weekday) == (personas.circle, "Leesgroep", 2, 1)
    assert (series.start_time, series.end_time) == (datetime.time(19), datetime.time(21))
    assert (series.first_date, series.last_date) == (datetime.date(2030, 1, 1), datetime.date(2030, 3, 31))
    meetings = list(Meeting.objects.filter(series=series).order_by("starts_at"))
    assert len(meetings) == 3
    for meeting in meetings:
        assert (meeting.title, meeting.description) == ("Leesgroep", "Elke maand een hoofdstuk.")
        assert (meeting.online_url, meeting.location, meeting.capacity) == (
            "https://meet.example.org/lees",
            "Bibliotheek",
            15,
        )
        assert (meeting.visibility, meeting.status) == (Visibility.MEMBERS, Meeting.Status.PUBLISHED)
        assert timezone.localtime(meeting.starts_at).time() == datetime.time(19)


def test_visitor_registration_form(client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    data = {
        "name": "Vera Visitor",
        "email": "vera@example.org",
        "role": ParticipantRole.PROFESSIONAL,
        "access_needs": "Een rolstoelplek, graag.",
    }
    assert_page_offers(client.get(reverse("meetings:register_visitor", args=[meeting.pk])), data)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:register_visitor", args=[meeting.pk]), data)
    assert response.status_code == 302
    registration = Registration.objects.get(meeting=meeting)
    assert (registration.name, registration.email, registration.role, registration.access_needs) == (
        "Vera Visitor",
        "vera@example.org",
        ParticipantRole.PROFESSIONAL,
        "Een rolstoelplek, graag.",
    )
    assert registration.member is None


def test_capacity_form(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, capacity=20)
    client = client_for(personas.kartrekker)
    assert_page_offers(client.get(reverse("meetings:participants", args=[meeting.pk])), {"capacity": "35"})
    response = client.post(reverse("meetings:change_capacity", args=[meeting.pk]), {"capacity": "35"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.capacity == 35


def test_role_limits_form_sets_and_clears_every_role(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle)
    url = reverse("meetings:change_role_limits", args=[meeting.pk])
    client = client_for(personas.kartrekker)
    every = {role: str(number) for number, role in enumerate(ParticipantRole.values, start=2)}
    assert_page_offers(client.get(reverse("meetings:participants", args=[meeting.pk])), every)
    assert client.post(url, every).status_code == 302
    stored = dict(RoleLimit.objects.filter(meeting=meeting).values_list("role", "maximum"))
    assert stored == {role: int(value) for role, value in every.items()}
    first = ParticipantRole.values[0]
    assert client.post(url, {first: "7"}).status_code == 302  # the other fields empty: no maximum
    assert dict(RoleLimit.objects.filter(meeting=meeting).values_list("role", "maximum")) == {first: 7}


def test_group_form_create_and_edit_with_the_note_taker(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle)
    register(meeting, personas.member)
    other = register(meeting, personas.outsider).member
    client = client_for(personas.kartrekker)
    data = {"name": "Groep 1", "question": "Wat is nodig?", "note_taker": personas.member.pk}
    assert_page_offers(client.get(reverse("meetings:groups", args=[meeting.pk])), data)
    assert client.post(reverse("meetings:groups", args=[meeting.pk]), data).status_code == 302
    group = BreakoutGroup.objects.get(meeting=meeting)
    assert (group.name, group.question, group.note_taker) == ("Groep 1", "Wat is nodig?", personas.member)
    url = reverse("meetings:group_edit", args=[meeting.pk, group.pk])
    data = {"name": "Groep Een", "question": "Wat is er echt nodig?", "note_taker": other.pk}
    assert_page_offers(client.get(url), data)
    assert client.post(url, data).status_code == 302
    group.refresh_from_db()
    assert (group.name, group.question, group.note_taker) == ("Groep Een", "Wat is er echt nodig?", other)
    assert client.post(url, {**data, "note_taker": ""}).status_code == 302
    group.refresh_from_db()
    assert group.note_taker is None


def test_report_form_saves_and_changes_every_text(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle)
    url = reverse("meetings:report_edit", args=[meeting.pk])
    client = client_for(personas.kartrekker)
    data = {"introduction": "Welkom *allemaal*.", "decisions": "- Door", "follow_up": "Karim mailt."}
    assert_page_offers(client.get(url), data)
    assert client.post(url, data).status_code == 302
    report = Report.objects.get(meeting=meeting)
    assert (report.introduction, report.decisions, report.follow_up) == tuple(data.values())
    assert "<em>allemaal</em>" in report.introduction_html
    data = {"introduction": "Anders.", "decisions": "", "follow_up": "Mila mailt."}
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert (report.introduction, report.decisions, report.follow_up) == tuple(data.values())
    assert report.decisions_html == ""
    assert "Mila mailt." in report.follow_up_html


def test_attachment_form_keeps_the_title(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle)
    url = reverse("meetings:attachment_add", args=[meeting.pk])
    client = client_for(personas.kartrekker)
    assert_page_offers(client.get(reverse("meetings:report_edit", args=[meeting.pk])), {"title", "file"})
    upload = SimpleUploadedFile("dia's.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(url, {"title": "Presentatie 8 februari", "file": upload}).status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.original_name, attachment.report.meeting) == (
        "Presentatie 8 februari",
        "dia's.pdf",
        meeting,
    )
