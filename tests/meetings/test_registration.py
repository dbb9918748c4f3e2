"""Members register with one click; bad input gives a clear message and nothing doubles."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samenspel.core.models import AuditLogEntry
from samenspel.meetings.models import Meeting, Registration, Visibility
from samenspel.meetings.services import registration as services
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import MemberFactory


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def register_url(meeting):
    return reverse("meetings:register", args=[meeting.pk])


def detail_url(meeting):
    return reverse("meetings:detail", args=[meeting.pk])


def test_a_member_registers_with_one_click(personas, client_for, django_capture_on_commit_callbacks, mailoutbox):
    meeting = MeetingFactory(circle=personas.circle, title="Kring & co")
    client = client_for(personas.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(meeting))
    assert response.status_code == 302
    assert response["Location"] == detail_url(meeting)
    registration = Registration.objects.get(meeting=meeting)
    assert registration.member == personas.member
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert AuditLogEntry.objects.filter(action="meeting.registration.created", target_id=str(registration.pk)).exists()
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [personas.member.email]
    assert email.alternatives and email.alternatives[0][1] == "text/html"
    assert "/meetings/registration/" in email.body and "/cancel/" in email.body
    assert [a[0] for a in email.attachments] == ["meeting.ics"]
    assert email.attachments[0][2].startswith("text/calendar")


def test_the_role_and_access_needs_are_saved(personas, client_for):
    meeting = MeetingFactory()
    client_for(personas.member).post(
        register_url(meeting), {"role": "professional", "access_needs": "Ringleiding graag"}
    )
    registration = Registration.objects.get(meeting=meeting)
    assert registration.role == "professional"
    assert registration.access_needs == "Ringleiding graag"


def test_a_posted_member_id_is_ignored(personas, client_for):
    meeting = MeetingFactory()
    client_for(personas.member).post(register_url(meeting), {"member": personas.outsider.pk, "member_id": 1})
    assert list(Registration.objects.filter(meeting=meeting).values_list("member_id", flat=True)) == [
        personas.member.pk
    ]


def test_registering_twice_gives_a_clear_message_and_one_registration(personas, client_for):
    meeting = MeetingFactory()
    client = client_for(personas.member)
    client.post(register_url(meeting))
    response = client.post(register_url(meeting), follow=True)
    assert "You are already registered for this meeting." in response.content.decode()
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_the_unique_constraint_is_caught_when_the_check_is_passed(personas, monkeypatch):
    """Two clicks that both pass the existence check: the database constraint answers, no 500."""
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, member=personas.member)
    monkeypatch.setattr(services, "ACTIVE", [])  # skip the friendly check, so the constraint fires
    with pytest.raises(services.AlreadyRegistered):
        services.register_member(meeting=meeting, member=personas.member)
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_an_unknown_role_and_too_long_access_needs_are_refused(personas, client_for):
    meeting = MeetingFactory()
    client = client_for(personas.member)
    response = client.post(register_url(meeting), {"role": "king"})
    assert response.status_code == 400
    response = client.post(register_url(meeting), {"access_needs": "x" * 1001})
    assert response.status_code == 400
    assert "at most 1000 characters" in response.content.decode()
    assert not Registration.objects.filter(meeting=meeting).exists()


def test_registration_after_closing_is_refused(personas, client_for):
    start = timezone.now() + timedelta(days=10)
    meeting = MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    meeting.registration_closes_at = start - timedelta(days=2)
    meeting.save()
    with time_machine.travel(start - timedelta(days=2, seconds=1), tick=False):
        client_for(personas.member).post(register_url(meeting))
        assert Registration.objects.filter(meeting=meeting).count() == 1
    with time_machine.travel(start - timedelta(days=2), tick=False):
        response = client_for(personas.outsider).post(register_url(meeting), follow=True)
    assert "Registration for this meeting is closed." in response.content.decode()
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_registration_before_opening_and_after_the_start_is_refused(personas):
    start = timezone.now() + timedelta(days=10)
    meeting = MeetingFactory(
        starts_at=start, ends_at=start + timedelta(hours=2), registration_opens_at=start - timedelta(days=5)
    )
    with time_machine.travel(start - timedelta(days=6), tick=False), pytest.raises(services.RegistrationClosed):
        services.register_member(meeting=meeting, member=personas.member)
    with time_machine.travel(start + timedelta(minutes=1), tick=False), pytest.raises(services.RegistrationClosed):
        services.register_member(meeting=meeting, member=personas.member)
    assert not Registration.objects.exists()


def test_a_cancelled_meeting_refuses_registration(personas, client_for):
    meeting = MeetingFactory(status=Meeting.Status.CANCELLED)
    response = client_for(personas.member).post(register_url(meeting), follow=True)
    assert "This meeting has been cancelled." in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "orgrep", "municipality"])
def test_a_hidden_circle_meeting_answers_404(personas, client_for, who):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    response = client_for(getattr(personas, who)).post(register_url(meeting))
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_a_draft_answers_404_to_members(personas, client_for):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    assert client_for(personas.member).post(register_url(meeting)).status_code == 404


def test_an_unknown_meeting_answers_404(personas, client_for):
    assert client_for(personas.member).post(reverse("meetings:register", args=[999999])).status_code == 404


def test_a_visitor_is_sent_to_log_in(personas, client_for):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    response = client_for(None).post(register_url(meeting))
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Registration.objects.exists()


def test_a_pending_member_cannot_register_for_a_members_meeting(personas, client_for):
    meeting = MeetingFactory(visibility=Visibility.MEMBERS)
    client_for(personas.pending).post(register_url(meeting))
    assert not Registration.objects.exists()


def test_get_is_not_allowed(personas, client_for):
    meeting = MeetingFactory()
    assert client_for(personas.member).get(register_url(meeting)).status_code == 405


def test_a_member_cancels_on_the_page(personas, client_for):
    meeting = MeetingFactory()
    client = client_for(personas.member)
    client.post(register_url(meeting))
    response = client.post(reverse("meetings:cancel_registration", args=[meeting.pk]), follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    registration = Registration.objects.get(meeting=meeting)
    assert registration.status == Registration.Status.CANCELLED
    # cancelling again: a clear message, and registering again works
    response = client.post(reverse("meetings:cancel_registration", args=[meeting.pk]), follow=True)
    assert "You are not registered for this meeting." in response.content.decode()
    client.post(register_url(meeting))
    assert Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED).count() == 1


def test_the_email_is_in_the_members_language(personas, django_capture_on_commit_callbacks, mailoutbox):
    member = MemberFactory(preferred_language="en")
    meeting = MeetingFactory(title="Samenspel")
    with django_capture_on_commit_callbacks(execute=True):
        services.register_member(meeting=meeting, member=member)
    assert mailoutbox[0].subject == "You are registered for Samenspel"
    assert Registration.objects.get().language == "en"


# --- the box on the meeting page ------------------------------------------------------------------


ONLINE = "https://meet.example.org/secret-room"


def test_the_online_link_is_shown_only_to_confirmed_participants_and_organisers(personas, client_for):
    meeting = MeetingFactory(
        circle=personas.circle, visibility=Visibility.PUBLIC, online_url=ONLINE, capacity=1, location=""
    )
    RegistrationFactory(meeting=meeting, member=personas.member)  # confirmed
    waitlisted = MemberFactory()
    RegistrationFactory(meeting=meeting, member=waitlisted, status=Registration.Status.WAITLISTED)
    seen = {}
    for name, person in [
        ("member", personas.member),
        ("waitlisted", waitlisted),
        ("visitor", None),
        ("outsider", personas.outsider),
        ("kartrekker", personas.kartrekker),
        ("coordinator", personas.coordinator),
    ]:
        response = client_for(person).get(detail_url(meeting))
        assert response.status_code == 200, name
        seen[name] = ONLINE in response.content.decode()
    assert seen == {
        "member": True,
        "waitlisted": False,
        "visitor": False,
        "outsider": False,
        "kartrekker": True,
        "coordinator": True,
    }


def test_the_box_offers_one_click_to_members_and_the_form_to_visitors(personas, client_for):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    html = client_for(personas.member).get(detail_url(meeting)).content.decode()
    assert register_url(meeting) in html
    html = client_for(None).get(detail_url(meeting)).content.decode()
    assert reverse("meetings:register_visitor", args=[meeting.pk]) in html
    assert 'name="email"' in html


def test_the_box_shows_the_waitlist_position(personas, client_for):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITLISTED)
    services.register_member(meeting=meeting, member=personas.member)
    html = client_for(personas.member).get(detail_url(meeting)).content.decode()
    assert "You are on the waitlist, number 2." in html
    assert reverse("meetings:cancel_registration", args=[meeting.pk]) in html


def test_the_box_says_when_registration_is_closed(personas, client_for):
    start = timezone.now() + timedelta(days=3)
    meeting = MeetingFactory(
        starts_at=start, ends_at=start + timedelta(hours=1), registration_closes_at=timezone.now() - timedelta(hours=1)
    )
    html = client_for(personas.member).get(detail_url(meeting)).content.decode()
    assert "Registration is closed." in html
    assert register_url(meeting) not in html


def test_a_foreign_registration_id_cannot_cancel_someone_else(personas, client_for):
    meeting = MeetingFactory()
    other = RegistrationFactory(meeting=meeting, member=personas.outsider)
    response = client_for(personas.member).post(
        reverse("meetings:cancel_registration", args=[meeting.pk]),
        {"registration": other.pk, "member": personas.outsider.pk},
        follow=True,
    )
    assert "You are not registered for this meeting." in response.content.decode()
    other.refresh_from_db()
    assert other.status == Registration.Status.CONFIRMED


def test_organisers_see_the_link_to_the_participants_page(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle)
    participants = reverse("meetings:participants", args=[meeting.pk])
    assert participants in client_for(personas.kartrekker).get(detail_url(meeting)).content.decode()
    assert participants not in client_for(personas.member).get(detail_url(meeting)).content.decode()
