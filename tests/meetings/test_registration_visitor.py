"""Visitors register for public meetings with name and email and confirm by an emailed link."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samenspel.lib.tokens import hash_token
from samenspel.meetings.models import Meeting, Registration, Visibility
from samenspel.meetings.services import registration as services
from tests.factories.meetings import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def visitor_url(meeting):
    return reverse("meetings:register_visitor", args=[meeting.pk])


def public_meeting(**kwargs):
    return MeetingFactory(visibility=Visibility.PUBLIC, **kwargs)


def link_from(email, kind):
    match = re.search(r"http\S+/meetings/registration/([^/\s]+)/" + kind + "/", email.body)
    assert match, email.body
    return match.group(0)[match.group(0).index("/meetings/") :], match.group(1)


def visitor_registers(client, meeting, django_capture_on_commit_callbacks, **data):
    fields = {"name": "Vera Visitor", "email": "vera@example.org", **data}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(visitor_url(meeting), fields)


def test_a_visitor_registers_and_confirms_by_the_emailed_link(client, django_capture_on_commit_callbacks, mailoutbox):
    meeting = public_meeting(online_url="https://meet.example.org/room", location="")
    response = visitor_registers(client, meeting, django_capture_on_commit_callbacks, role="expert")
    assert response.status_code == 302
    registration = Registration.objects.get(meeting=meeting)
    assert registration.status == Registration.Status.UNCONFIRMED
    assert registration.member is None and registration.role == "expert"
    assert registration.language == "en"
    assert len(mailoutbox) == 1
    assert "https://meet.example.org/room" not in mailoutbox[0].body  # no seat yet, so no link
    path, token = link_from(mailoutbox[0], "confirm")
    assert registration.token_hash == hash_token(token)
    assert token not in registration.token_hash

    # Opening the link shows a button; it does not take a seat yet (mailbox link checkers).
    response = client.get(path)
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 200
    assert "https://meet.example.org/room" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    confirmed_email = mailoutbox[1]
    assert confirmed_email.to == ["vera@example.org"]
    assert "https://meet.example.org/room" in confirmed_email.body
    assert [a[0] for a in confirmed_email.attachments] == ["meeting.ics"]
    # the same token serves the cancel link
    _, cancel_token = link_from(confirmed_email, "cancel")
    assert cancel_token == token


def test_an_unconfirmed_registration_holds_no_seat_and_the_seat_is_taken_at_confirmation(
    client, personas, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = public_meeting(capacity=1)
    visitor_registers(client, meeting, django_capture_on_commit_callbacks)
    path, _ = link_from(mailoutbox[0], "confirm")
    services.register_member(meeting=meeting, member=personas.member)  # takes the only seat meanwhile
    assert Registration.objects.get(member=personas.member).status == Registration.Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert "You are on the waitlist" in response.content.decode()
    assert Registration.objects.get(member__isnull=True).status == Registration.Status.WAITLISTED
    assert mailoutbox[-1].subject.startswith("You are on the waitlist")
    assert not mailoutbox[-1].attachments


def test_the_link_expires_after_48_hours(client, django_capture_on_commit_callbacks, mailoutbox):
    now = timezone.now()
    meeting = public_meeting()
    with time_machine.travel(now, tick=False):
        visitor_registers(client, meeting, django_capture_on_commit_callbacks)
    path, _ = link_from(mailoutbox[0], "confirm")
    with time_machine.travel(now + timedelta(hours=47, minutes=59), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(now + timedelta(hours=48), tick=False):
        response = client.post(path)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.UNCONFIRMED
    # registering again with the same address works after expiry, without a double
    with time_machine.travel(now + timedelta(hours=49), tick=False):
        visitor_registers(client, meeting, django_capture_on_commit_callbacks)
    assert Registration.objects.filter(status=Registration.Status.UNCONFIRMED).count() == 1
    assert Registration.objects.filter(status=Registration.Status.CANCELLED).count() == 1


def test_a_reused_link_says_it_is_already_confirmed(client, django_capture_on_commit_callbacks, mailoutbox):
    meeting = public_meeting()
    visitor_registers(client, meeting, django_capture_on_commit_callbacks)
    path, _ = link_from(mailoutbox[0], "confirm")
    client.post(path)
    response = client.post(path)
    assert response.status_code == 200
    assert "Your registration is already confirmed" in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "token", ["tampered-token", "x" * 300, "%00", "a" * 43], ids=["tampered", "too-long", "nul", "unknown"]
)
def test_an_unknown_or_tampered_token_gives_a_clear_page(client, token):
    for name in ["meetings:registration_confirm", "meetings:registration_cancel_link"]:
        for method in (client.get, client.post):
            response = method(reverse(name, args=[token]))
            assert response.status_code == 404
            assert "We do not know this link." in response.content.decode()


def test_confirming_after_registration_closed_is_refused(client, django_capture_on_commit_callbacks, mailoutbox):
    now = timezone.now()
    start = now + timedelta(days=2)
    meeting = public_meeting(
        starts_at=start, ends_at=start + timedelta(hours=2), registration_closes_at=now + timedelta(days=1)
    )
    visitor_registers(client, meeting, django_capture_on_commit_callbacks)
    path, _ = link_from(mailoutbox[0], "confirm")
    with time_machine.travel(now + timedelta(hours=30), tick=False):  # closed, link still valid
        response = client.post(path)
    assert response.status_code == 409
    assert "Registration for this meeting is closed." in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.UNCONFIRMED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "   "}, "This field is required."),
        ({"name": "x" * 121}, "at most 120 characters"),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"email": ""}, "This field is required."),
        ({"role": "boss"}, "Select a valid choice."),
        ({"access_needs": "x" * 1001}, "at most 1000 characters"),
    ],
)
def test_bad_visitor_input_is_refused_with_a_message(client, django_capture_on_commit_callbacks, data, message):
    meeting = public_meeting()
    response = visitor_registers(client, meeting, django_capture_on_commit_callbacks, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_html_in_the_name_is_escaped(client, client_for, personas, django_capture_on_commit_callbacks, mailoutbox):
    meeting = public_meeting()
    visitor_registers(client, meeting, django_capture_on_commit_callbacks, name="<script>alert(1)</script>")
    registration = Registration.objects.get()
    assert registration.name == "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" not in mailoutbox[0].alternatives[0][0]
    assert "&lt;script&gt;" in mailoutbox[0].alternatives[0][0]
    html = client_for(personas.coordinator).get(reverse("meetings:participants", args=[meeting.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_registering_the_same_email_twice_gives_a_clear_message(client, django_capture_on_commit_callbacks, mailoutbox):
    meeting = public_meeting()
    visitor_registers(client, meeting, django_capture_on_commit_callbacks)
    response = visitor_registers(client, meeting, django_capture_on_commit_callbacks, email="VERA@example.org")
    assert response.status_code == 400
    assert "already registered for this meeting" in response.content.decode()
    assert Registration.objects.count() == 1
    assert len(mailoutbox) == 1


def test_visitors_cannot_register_for_a_members_meeting(client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(visibility=Visibility.MEMBERS)
    response = visitor_registers(client, meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert client.get(visitor_url(meeting)).status_code == 302  # log in first: members register with their account
    with pytest.raises(services.NotAllowed):
        services.register_visitor(meeting=meeting, name="V", email="v@example.org")
    assert not Registration.objects.exists()


def test_visitors_cannot_register_for_a_cancelled_meeting(client, django_capture_on_commit_callbacks):
    meeting = public_meeting(status=Meeting.Status.CANCELLED)
    response = visitor_registers(client, meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "This meeting has been cancelled." in response.content.decode()
    assert not Registration.objects.exists()


def test_a_logged_in_member_is_sent_to_one_click(personas, client_for):
    meeting = public_meeting()
    response = client_for(personas.member).post(visitor_url(meeting), {"name": "X", "email": "x@example.org"})
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_a_visitor_cancels_by_the_emailed_link_with_a_confirmation_post(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = public_meeting()
    RegistrationFactory(meeting=meeting, status=Registration.Status.CONFIRMED)
    visitor_registers(client, meeting, django_capture_on_commit_callbacks)
    confirm_path, token = link_from(mailoutbox[0], "confirm")
    client.post(confirm_path)
    cancel_path = reverse("meetings:registration_cancel_link", args=[token])
    response = client.get(cancel_path)
    assert response.status_code == 200
    assert "Yes, cancel my registration" in response.content.decode()
    assert Registration.objects.get(member__isnull=True).status == Registration.Status.CONFIRMED
    response = client.post(cancel_path)
    assert "Your registration is cancelled" in response.content.decode()
    assert Registration.objects.get(member__isnull=True).status == Registration.Status.CANCELLED
    response = client.post(cancel_path)
    assert "This registration is cancelled" in response.content.decode()
    assert Registration.objects.filter(status=Registration.Status.CANCELLED).count() == 1
