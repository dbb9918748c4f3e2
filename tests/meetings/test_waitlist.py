"""The waitlist: order, promotion on cancel and on more places, role limits, emails."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from samenspel.core.models import AuditLogEntry
from samenspel.meetings import selectors
from samenspel.meetings.models import Registration, RoleLimit
from samenspel.meetings.services import registration as services
from tests.factories.meetings import MeetingFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def register_many(meeting, count, role=""):
    return [services.register_member(meeting=meeting, member=MemberFactory(), role=role) for _ in range(count)]


def statuses(registrations):
    for registration in registrations:
        registration.refresh_from_db()
    return [registration.status for registration in registrations]


def test_the_meeting_fills_up_and_then_people_queue_in_order():
    meeting = MeetingFactory(capacity=3)
    start = timezone.now()
    registrations = []
    for minute in range(6):
        with time_machine.travel(start + timedelta(minutes=minute), tick=False):
            registrations.extend(register_many(meeting, 1))
    assert statuses(registrations) == [CONFIRMED] * 3 + [WAITLISTED] * 3
    assert [selectors.waitlist_position(r) for r in registrations[3:]] == [1, 2, 3]


def test_the_waitlist_order_breaks_ties_by_id():
    meeting = MeetingFactory(capacity=1)
    with time_machine.travel(timezone.now(), tick=False):  # the same queued_at for everyone
        registrations = register_many(meeting, 4)
    assert [selectors.waitlist_position(r) for r in registrations] == [None, 1, 2, 3]


def test_a_cancellation_promotes_the_first_on_the_waitlist_and_emails_them(
    django_capture_on_commit_callbacks, mailoutbox
):
    meeting = MeetingFactory(capacity=2, online_url="https://meet.example.org/x")
    registrations = register_many(meeting, 4)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=registrations[0], actor=registrations[0].member)
    assert promoted == [registrations[2]]
    assert statuses(registrations) == [Registration.Status.CANCELLED, CONFIRMED, CONFIRMED, WAITLISTED]
    assert selectors.waitlist_position(registrations[3]) == 1
    # The one who cancelled hears it was done (tests/meetings/test_itip.py); the promoted one gets a place.
    assert [m.to for m in mailoutbox] == [[registrations[0].member.email], [registrations[2].member.email]]
    email = mailoutbox[1]
    assert email.subject.startswith("Goed nieuws")  # the member's language: Dutch by default
    assert "https://meet.example.org/x" in email.body
    assert [a[0] for a in email.attachments] == ["meeting.ics"]
    assert AuditLogEntry.objects.filter(
        action="meeting.registration.promoted", target_id=str(registrations[2].pk)
    ).exists()


def test_the_promotion_email_carries_a_working_cancel_link(client, django_capture_on_commit_callbacks, mailoutbox):
    meeting = MeetingFactory(capacity=1)
    first, second = register_many(meeting, 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first)
    (promotion,) = [m for m in mailoutbox if m.to == [second.member.email]]
    link = next(line for line in promotion.body.splitlines() if "/cancel/" in line)
    path = link[link.index("/meetings/") :]
    client.post(path)
    second.refresh_from_db()
    assert second.status == Registration.Status.CANCELLED


def test_cancelling_a_waitlisted_registration_promotes_nobody():
    meeting = MeetingFactory(capacity=1)
    registrations = register_many(meeting, 3)
    assert services.cancel_registration(registration=registrations[1]) == []
    assert statuses(registrations) == [CONFIRMED, Registration.Status.CANCELLED, WAITLISTED]


def test_cancelling_twice_is_refused_clearly():
    meeting = MeetingFactory(capacity=1)
    (registration,) = register_many(meeting, 1)
    services.cancel_registration(registration=registration)
    with pytest.raises(services.AlreadyCancelled):
        services.cancel_registration(registration=registration)


def test_cancelling_after_the_start_is_refused():
    meeting = MeetingFactory(capacity=1)
    registrations = register_many(meeting, 2)
    after_start = meeting.starts_at + timedelta(minutes=5)
    with time_machine.travel(after_start, tick=False), pytest.raises(services.RegistrationError):
        services.cancel_registration(registration=registrations[0])
    assert statuses(registrations) == [CONFIRMED, WAITLISTED]


def test_cancelling_deletes_the_access_needs():
    meeting = MeetingFactory()
    registration = services.register_member(meeting=meeting, member=MemberFactory(), access_needs="Rolstoel")
    services.cancel_registration(registration=registration)
    registration.refresh_from_db()
    assert registration.access_needs == ""


def test_raising_the_capacity_promotes_people_in_order(personas, django_capture_on_commit_callbacks, mailoutbox):
    meeting = MeetingFactory(capacity=2)
    registrations = register_many(meeting, 6)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.change_capacity(meeting=meeting, capacity=4, actor=personas.coordinator)
    assert promoted == registrations[2:4]
    assert statuses(registrations) == [CONFIRMED] * 4 + [WAITLISTED] * 2
    assert len(mailoutbox) == 2
    meeting.refresh_from_db()
    assert meeting.capacity == 4


def test_lowering_the_capacity_below_the_confirmed_count_is_refused(personas):
    meeting = MeetingFactory(capacity=5)
    register_many(meeting, 4)
    with pytest.raises(services.CapacityTooLow, match="4 people are registered"):
        services.change_capacity(meeting=meeting, capacity=3, actor=personas.coordinator)
    meeting.refresh_from_db()
    assert meeting.capacity == 5
    services.change_capacity(meeting=meeting, capacity=4, actor=personas.coordinator)
    meeting.refresh_from_db()
    assert meeting.capacity == 4


def test_a_role_limit_sends_the_role_to_the_waitlist_while_others_still_get_a_place():
    meeting = MeetingFactory(capacity=4)
    RoleLimit.objects.create(meeting=meeting, role="professional", maximum=1)
    first_pro, second_pro = register_many(meeting, 2, role="professional")
    expert = services.register_member(meeting=meeting, member=MemberFactory(), role="expert")
    assert statuses([first_pro, second_pro, expert]) == [CONFIRMED, WAITLISTED, CONFIRMED]


def test_promotion_skips_people_whose_role_is_full():
    meeting = MeetingFactory(capacity=2)
    RoleLimit.objects.create(meeting=meeting, role="professional", maximum=1)
    pro = services.register_member(meeting=meeting, member=MemberFactory(), role="professional")
    expert = services.register_member(meeting=meeting, member=MemberFactory(), role="expert")
    waiting_pro = services.register_member(meeting=meeting, member=MemberFactory(), role="professional")
    waiting_policy = services.register_member(meeting=meeting, member=MemberFactory(), role="policy")
    assert statuses([waiting_pro, waiting_policy]) == [WAITLISTED, WAITLISTED]

    promoted = services.cancel_registration(registration=expert)
    assert promoted == [waiting_policy]  # the first waitlisted person whose role fits
    assert statuses([pro, waiting_pro, waiting_policy]) == [CONFIRMED, WAITLISTED, CONFIRMED]

    promoted = services.cancel_registration(registration=pro)
    assert promoted == [waiting_pro]


def test_raising_a_role_limit_promotes_people(personas):
    meeting = MeetingFactory(capacity=5)
    services.set_role_limits(meeting=meeting, limits={"expert": 1}, actor=personas.coordinator)
    experts = register_many(meeting, 3, role="expert")
    assert statuses(experts) == [CONFIRMED, WAITLISTED, WAITLISTED]
    promoted = services.set_role_limits(meeting=meeting, limits={"expert": 2}, actor=personas.coordinator)
    assert promoted == [experts[1]]
    promoted = services.set_role_limits(meeting=meeting, limits={}, actor=personas.coordinator)
    assert promoted == [experts[2]]
    assert not RoleLimit.objects.filter(meeting=meeting).exists()


def test_role_mix_counts_confirmed_and_waitlisted_per_role(personas):
    meeting = MeetingFactory(capacity=3)
    services.set_role_limits(meeting=meeting, limits={"policy": 1}, actor=personas.coordinator)
    register_many(meeting, 2, role="policy")
    register_many(meeting, 1, role="expert")
    register_many(meeting, 2)
    mix = {row["role"]: row for row in selectors.role_mix(meeting)}
    assert (mix["policy"]["confirmed"], mix["policy"]["waitlisted"], mix["policy"]["maximum"]) == (1, 1, 1)
    assert (mix["expert"]["confirmed"], mix["expert"]["maximum"]) == (1, None)
    assert (mix[""]["confirmed"], mix[""]["waitlisted"]) == (1, 1)
    assert mix["professional"]["confirmed"] == 0


def test_access_needs_are_deleted_after_the_meeting():
    past = MeetingFactory()
    future = MeetingFactory(starts_at=past.starts_at + timedelta(days=30), ends_at=past.ends_at + timedelta(days=30))
    old = services.register_member(meeting=past, member=MemberFactory(), access_needs="Tolk")
    new = services.register_member(meeting=future, member=MemberFactory(), access_needs="Rolstoel")
    with time_machine.travel(past.ends_at - timedelta(minutes=1), tick=False):
        assert services.purge_access_needs() == 0
    with time_machine.travel(past.ends_at + timedelta(hours=1), tick=False):
        assert services.purge_access_needs() == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.access_needs, new.access_needs) == ("", "Rolstoel")


def test_the_purge_command_runs(capsys):
    meeting = MeetingFactory()
    registration = services.register_member(meeting=meeting, member=MemberFactory(), access_needs="Tolk")

    with time_machine.travel(meeting.ends_at + timedelta(days=1), tick=False):
        call_command("purge_access_needs")
    out = capsys.readouterr().out
    assert "Deleted the access needs of 1 registration(s)." in out
    assert "Deleted 0 unconfirmed visitor registration(s)." in out
    registration.refresh_from_db()
    assert registration.access_needs == ""


def test_unconfirmed_visitor_registrations_are_deleted_when_their_link_has_expired():
    meeting = MeetingFactory(visibility="public", starts_at=timezone.now() + timedelta(days=20))
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.save()
    stale = services.register_visitor(meeting=meeting, name="Gast Een", email="een@example.org")
    with time_machine.travel(timezone.now() + timedelta(hours=30), tick=False):
        fresh = services.register_visitor(meeting=meeting, name="Gast Twee", email="twee@example.org")
    confirmed_member = services.register_member(meeting=meeting, member=MemberFactory())

    with time_machine.travel(timezone.now() + timedelta(hours=49), tick=False):
        assert services.purge_unconfirmed_visitors() == 1

    remaining = set(Registration.objects.filter(meeting=meeting).values_list("pk", flat=True))
    assert remaining == {fresh.pk, confirmed_member.pk}
    assert not Registration.objects.filter(pk=stale.pk).exists()
    assert AuditLogEntry.objects.filter(action="meeting.registration.unconfirmed_purged").exists()
    assert "een@example.org" not in str(AuditLogEntry.objects.values_list("data", flat=True))
