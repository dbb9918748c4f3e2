"""A real SMTP conversation: an email with an .ics attachment sent to a local aiosmtpd server."""

import email
import email.policy
import socket

import icalendar
import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from samenspel.core.emails import send_templated_email
from samenspel.meetings.services.registration import register_member
from tests.factories.meetings import MeetingFactory, RegistrationFactory


class Collector:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Samenspel <noreply@samenspel.example>"
    settings.LANGUAGE_CODE = "en"
    settings.SITE_URL = "https://samenspel.example"
    try:
        yield handler
    finally:
        controller.stop()


def received(handler) -> tuple[str, list[str], email.message.EmailMessage]:
    (mail_from, rcpt_tos, content) = handler.messages[0]
    return mail_from, rcpt_tos, email.message_from_bytes(content, policy=email.policy.default)


def test_an_email_with_an_ics_arrives_over_smtp_with_both_parts_and_the_invitation(
    smtp_server, personas, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(title="Samenspel in de stad", circle=personas.circle)
    registration = RegistrationFactory(meeting=meeting, member=personas.member)
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(
            to=personas.member.email,
            template="meetings/feed_renewed",
            context={"member": personas.member, "meeting": meeting, "registration": registration, "confirmed": True},
            language="en",
            build="samenspel.meetings.services.planning.meeting_email_extras",  # adds the .ics when sending
        )

    assert len(smtp_server.messages) == 1
    mail_from, rcpt_tos, message = received(smtp_server)
    assert mail_from == "noreply@samenspel.example"
    assert rcpt_tos == [personas.member.email]
    assert message["From"] == "Samenspel <noreply@samenspel.example>"
    assert message["To"] == personas.member.email
    assert message["Subject"] == "Your calendar link was renewed"
    assert message["Message-ID"]
    assert message["Date"]

    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    assert plain.get_content_type() == "text/plain"
    assert html.get_content_type() == "text/html"
    assert "The old link no longer works." in plain.get_content()
    assert "The old link no longer works." in html.get_content()
    assert f'href="https://samenspel.example{reverse("meetings:my_calendar")}"' in html.get_content()

    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"  # an invitation (RFC 6047)
    assert attachment.get_filename() == "meeting.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.events
    assert str(event["UID"]) == f"{meeting.uid}@samenspel"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert str(calendar.timezones[0]["TZID"]) == "Europe/Amsterdam"
    assert str(event["SUMMARY"]) == "Samenspel in de stad"


def test_renewing_the_calendar_link_sends_a_real_email(
    smtp_server, personas, client_for, django_capture_on_commit_callbacks
):
    personas.member.preferred_language = "nl"
    personas.member.save(update_fields=["preferred_language"])
    client = client_for(personas.member)
    client.post(reverse("meetings:my_calendar"))  # the first link: no email
    assert smtp_server.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:my_calendar"))
    assert response.status_code == 200
    assert len(smtp_server.messages) == 1
    _, rcpt_tos, message = received(smtp_server)
    assert rcpt_tos == [personas.member.email]
    assert message["Subject"] == "Je agendalink is vernieuwd"  # in the member's own language
    assert "/meetings/calendar/personal/" not in message.get_body(preferencelist=("plain",)).get_content()


def test_the_registration_email_arrives_over_smtp_with_the_invitation(
    smtp_server, personas, django_capture_on_commit_callbacks
):
    member = personas.member
    member.preferred_language = "en"
    member.save(update_fields=["preferred_language"])
    meeting = MeetingFactory(title="Netwerkbijeenkomst", location="", online_url="https://meet.example/room-7")
    with django_capture_on_commit_callbacks(execute=True):
        register_member(meeting=meeting, member=member)

    assert len(smtp_server.messages) == 1
    _, rcpt_tos, message = received(smtp_server)
    assert rcpt_tos == [member.email]
    assert message["To"] == member.email
    assert message["From"] == "Samenspel <noreply@samenspel.example>"
    assert message["Subject"] == "You are registered for Netwerkbijeenkomst"
    assert message.get_body(preferencelist=("plain",)).get_content_type() == "text/plain"
    assert message.get_body(preferencelist=("html",)).get_content_type() == "text/html"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    (event,) = calendar.events
    assert str(event["UID"]) == f"{meeting.uid}@samenspel"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.start == meeting.starts_at
    assert "https://meet.example/room-7" in str(event["DESCRIPTION"])  # a confirmed participant
