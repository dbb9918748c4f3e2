"""Tandem partners are registered for the trajectory's sessions (through the meetings' registration,
with its capacity rules) and emailed, when their tandem is enrolled and when a session is planned."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.core.models import AuditLogEntry
from samenspel.meetings.models import Meeting, Registration
from samenspel.tandems.models import Enrolment, TrajectorySession
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.tandems import CoachedTandemFactory, SessionFactory

from .test_trajectory_manage import session_data


def upcoming_session(module, *, capacity=20, **meeting_fields):
    start = timezone.now() + datetime.timedelta(days=14)
    meeting = MeetingFactory(
        title=f"Sessie {module.title}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        capacity=capacity,
        status=meeting_fields.pop("status", Meeting.Status.PUBLISHED),
        **meeting_fields,
    )
    return SessionFactory(module=module, meeting=meeting)


def enrol(client, tandem):
    return client.post(reverse("tandems:trajectory_enrol", args=["tot"]), {"tandem": tandem.pk})


def in_english(*members) -> None:
    for member in members:
        member.preferred_language = "en"
        member.save(update_fields=["preferred_language"])


def inbox(mailoutbox, member) -> list:
    return [m for m in mailoutbox if m.to == [member.email]]


def test_enrolling_registers_both_partners_for_upcoming_sessions_and_emails_them(
    tot, client_for, mailoutbox, django_capture_on_commit_callbacks, english
):
    first = upcoming_session(tot.modules[0])
    second = upcoming_session(tot.modules[1], capacity=1)
    RegistrationFactory(meeting=second.meeting)  # the one place is taken: the partners go on the waitlist
    tandem = CoachedTandemFactory(organisation=tot.personas.organisation)
    expert, professional = tandem.expert.member, tandem.professional.member
    in_english(expert, professional)
    with django_capture_on_commit_callbacks(execute=True):
        response = enrol(client_for(tot.personas.orgrep), tandem)
    assert response.status_code == 302
    registrations = Registration.objects.filter(member__in=[expert, professional])
    assert {(r.meeting_id, r.member_id, r.status, r.role) for r in registrations} == {
        (first.meeting_id, expert.pk, "confirmed", "expert"),
        (first.meeting_id, professional.pk, "confirmed", "professional"),
        (second.meeting_id, expert.pk, "waitlisted", "expert"),
        (second.meeting_id, professional.pk, "waitlisted", "professional"),
    }
    assert not Registration.objects.filter(meeting=tot.sessions[0].meeting, member=expert).exists()  # past
    for member in (expert, professional):
        mails = inbox(mailoutbox, member)
        enrolled = [m for m in mails if m.subject == "You take part in Tandem Ontwikkel Traject"]
        assert len(enrolled) == 1
        body = enrolled[0].body
        assert "You have a place at:" in body and first.meeting.title in body
        assert "You are on the waitlist" in body and second.meeting.title in body
        enrolment = Enrolment.objects.get(tandem=tandem)
        assert reverse("tandems:enrolment_detail", args=[enrolment.pk]) in body
        assert len(mails) == 3  # plus the meetings' own emails: registered (with .ics) and waitlisted
    assert AuditLogEntry.objects.filter(action="tandems.enrolment.sessions_registered").count() == 1


def test_the_email_is_in_dutch_for_a_dutch_partner(tot, client_for, mailoutbox, django_capture_on_commit_callbacks):
    upcoming_session(tot.modules[0])
    tandem = CoachedTandemFactory(organisation=tot.personas.organisation)
    member = tandem.expert.member
    member.preferred_language = "nl"
    member.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        enrol(client_for(tot.personas.orgrep), tandem)
    assert any(m.subject == "Je doet mee aan Tandem Ontwikkel Traject" for m in inbox(mailoutbox, member))


def test_no_sessions_yet_still_emails_and_a_closed_session_is_reported(
    tot, client_for, mailoutbox, django_capture_on_commit_callbacks, english
):
    closed = upcoming_session(tot.modules[0], registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    upcoming_session(tot.modules[1], status=Meeting.Status.DRAFT)  # not published: nobody is registered
    tandem = CoachedTandemFactory(organisation=tot.personas.organisation)
    member = tandem.expert.member
    in_english(member)
    with django_capture_on_commit_callbacks(execute=True):
        enrol(client_for(tot.personas.orgrep), tandem)
    assert not Registration.objects.filter(member=member).exists()
    (email,) = inbox(mailoutbox, member)
    assert "We could not register you for these sessions." in email.body and closed.meeting.title in email.body


def test_a_partner_already_registered_keeps_their_place(tot, client_for, django_capture_on_commit_callbacks):
    session = upcoming_session(tot.modules[0])
    tandem = CoachedTandemFactory(organisation=tot.personas.organisation)
    RegistrationFactory(meeting=session.meeting, member=tandem.expert.member, role="")
    with django_capture_on_commit_callbacks(execute=True):
        assert enrol(client_for(tot.personas.orgrep), tandem).status_code == 302
    assert Registration.objects.filter(meeting=session.meeting, member=tandem.expert.member).count() == 1


def test_a_new_published_session_registers_the_enrolled_partners(
    tot, client_for, mailoutbox, django_capture_on_commit_callbacks, english
):
    module = tot.modules[1]
    in_english(tot.expert)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(tot.personas.coordinator).post(
            reverse("tandems:session_create", args=[module.pk]), session_data(capacity="3")
        )
    assert response.status_code == 302
    session = TrajectorySession.objects.filter(module=module).latest("pk")
    registered = set(Registration.objects.filter(meeting=session.meeting).values_list("member_id", "status"))
    # Two enrolled tandems, two partners each with an account, and three places: one waits.
    statuses = sorted(status for _member, status in registered)
    assert statuses.count("confirmed") == 3 and statuses.count("waitlisted") == len(statuses) - 3
    assert (tot.expert.pk, "confirmed") in registered
    assert any(m.subject == "A new session of Tandem Ontwikkel Traject" for m in inbox(mailoutbox, tot.expert))


def test_a_draft_session_registers_nobody(tot, client_for):
    module = tot.modules[1]
    data = session_data()
    data.pop("publish")
    client_for(tot.personas.coordinator).post(reverse("tandems:session_create", args=[module.pk]), data)
    session = TrajectorySession.objects.filter(module=module).latest("pk")
    assert not Registration.objects.filter(meeting=session.meeting).exists()


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "municipality"])
def test_outsiders_cannot_enrol_and_so_register_nobody(tot, client_for, persona):
    upcoming_session(tot.modules[0])
    tandem = CoachedTandemFactory(organisation=tot.personas.organisation)
    assert enrol(client_for(getattr(tot.personas, persona)), tandem).status_code == 403
    assert not Registration.objects.filter(member=tandem.expert.member).exists()
