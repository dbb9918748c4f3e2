"""Registration races with real concurrent connections (threads) on PostgreSQL.

SQLite serialises every write, so these tests run only against PostgreSQL; CI runs the whole
suite on both, so they always run there.

Why the order is checkable: every change of seats happens in one transaction that first locks
the meeting row. Inside that lock a registration gets `queued_at = now()` and its id (the INSERT
draws the next value of the id sequence). The next transaction can only get the lock after the
previous one has committed, so both the ids and `queued_at` grow in the order the lock was
obtained. Therefore, if the lock really serialises the registrations:
- ordering by (queued_at, id) gives exactly the same list as ordering by id, and queued_at never
  goes down along the ids;
- the confirmed registrations are exactly the first `capacity` in that order and every
  waitlisted one comes after every confirmed one;
- the waitlist positions are 1..n with no duplicates.
A registration that counted seats without the lock would break one of these.
"""

import threading

import pytest
from django.db import connection, connections

from samenspel.meetings import selectors
from samenspel.meetings.models import Registration
from samenspel.meetings.services import registration as services
from tests.factories.meetings import MeetingFactory
from tests.factories.members import MemberFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: run with DATABASE_URL set"),
]

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED


# PostgreSQL allows 100 connections (and other test runs may share the server), so the work is
# spread over at most MAX_THREADS connections that start together; each takes the next item as
# soon as it is done, so all of them are in flight at once.
MAX_THREADS = 40


def run_at_once(count: int, work) -> tuple[list, list]:
    """Run work(0..count-1) from up to MAX_THREADS threads (each with its own connection) at once."""
    threads_count = min(count, MAX_THREADS)
    barrier = threading.Barrier(threads_count)
    results, errors = [], []
    lock = threading.Lock()

    def target(first):
        try:
            barrier.wait()
            for i in range(first, count, threads_count):
                try:
                    result = work(i)
                except Exception as exc:  # collected and asserted on by the test
                    with lock:
                        errors.append(exc)
                else:
                    with lock:
                        results.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_120_registrations_at_once_fill_35_seats_exactly_and_queue_the_rest_in_lock_order(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meeting = MeetingFactory(capacity=35)
    members = MemberFactory.create_batch(120)

    results, errors = run_at_once(120, lambda i: services.register_member(meeting=meeting, member=members[i]))

    assert errors == []
    assert len(results) == 120
    registrations = list(Registration.objects.filter(meeting=meeting).order_by("queued_at", "id"))
    assert len(registrations) == 120
    assert sum(r.status == CONFIRMED for r in registrations) == 35
    assert sum(r.status == WAITLISTED for r in registrations) == 85
    # the lock order: ids and queued_at grow together
    assert [r.pk for r in registrations] == sorted(r.pk for r in registrations)
    # the first 35 to get the lock have the seats; everyone after them waits, in that order
    assert [r.status for r in registrations] == [CONFIRMED] * 35 + [WAITLISTED] * 85
    positions = [selectors.waitlist_position(r) for r in registrations[35:]]
    assert positions == list(range(1, 86))


def test_double_clicks_at_the_same_moment_make_one_registration(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meeting = MeetingFactory(capacity=5)
    member = MemberFactory()

    results, errors = run_at_once(10, lambda i: services.register_member(meeting=meeting, member=member))

    assert len(results) == 1
    assert len(errors) == 9
    assert all(isinstance(error, services.AlreadyRegistered) for error in errors)
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_cancellations_racing_with_registrations_keep_every_seat_filled_in_waitlist_order(settings):
    """35 confirmed and 30 waiting; 20 confirmed cancel while 40 new people register, all at once.

    Every cancellation promotes the first on the waitlist inside the same lock, so a seat is never
    free while someone waits. The 20 freed seats go to the first 20 of the original waitlist; the
    new registrants all queue behind the remaining 10.
    """
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meeting = MeetingFactory(capacity=35)
    first = [services.register_member(meeting=meeting, member=m) for m in MemberFactory.create_batch(65)]
    confirmed, waiting = first[:35], first[35:]
    assert {r.status for r in confirmed} == {CONFIRMED} and {r.status for r in waiting} == {WAITLISTED}
    newcomers = MemberFactory.create_batch(40)
    leaving = confirmed[:20]

    def work(i):
        if i < 20:
            return services.cancel_registration(registration=leaving[i])
        return services.register_member(meeting=meeting, member=newcomers[i - 20])

    _, errors = run_at_once(60, work)

    assert errors == []
    active = Registration.objects.filter(meeting=meeting, status__in=[CONFIRMED, WAITLISTED])
    n_confirmed = active.filter(status=CONFIRMED).count()
    n_active = active.count()
    assert n_active == 65 - 20 + 40
    assert n_confirmed == min(meeting.capacity, n_active) == 35
    promoted = {r.pk for r in waiting[:20]}
    still_waiting = {r.pk for r in waiting[20:]}
    assert set(active.filter(status=CONFIRMED).values_list("pk", flat=True)) == (
        {r.pk for r in confirmed[20:]} | promoted
    )
    waitlist_order = ("queued_at", "id")
    ordered_waitlist = list(active.filter(status=WAITLISTED).order_by(*waitlist_order).values_list("pk", flat=True))
    assert ordered_waitlist[:10] == sorted(still_waiting)
    assert set(Registration.objects.filter(meeting=meeting, member__in=newcomers).values_list("status", flat=True)) == {
        WAITLISTED
    }


def test_cancellations_racing_with_registrations_when_the_waitlist_runs_dry(settings):
    """35 confirmed and 5 waiting: 25 confirmed cancel while 10 new people register, all at once.

    At the end everyone still active has a seat (25 <= 35): confirmed == min(capacity, active)
    and nobody waits while a seat is free.
    """
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meeting = MeetingFactory(capacity=35)
    first = [services.register_member(meeting=meeting, member=m) for m in MemberFactory.create_batch(40)]
    assert [r.status for r in first] == [CONFIRMED] * 35 + [WAITLISTED] * 5
    newcomers = MemberFactory.create_batch(10)
    leaving = first[:25]

    def work(i):
        if i < 25:
            return services.cancel_registration(registration=leaving[i])
        return services.register_member(meeting=meeting, member=newcomers[i - 25])

    _, errors = run_at_once(35, work)

    assert errors == []
    active = Registration.objects.filter(meeting=meeting, status__in=[CONFIRMED, WAITLISTED])
    n_active = active.count()
    assert n_active == 40 - 25 + 10
    assert active.filter(status=CONFIRMED).count() == min(meeting.capacity, n_active)
    assert not active.filter(status=WAITLISTED).exists()
