"""The meetings part of `make bench`: the generated meetings, and the registration throughput's
exact-capacity check (one worker here; the concurrent run needs PostgreSQL, see bin/bench)."""

import datetime as dt

import pytest
from django.utils import timezone

from samenspel.demo.bench import meetings as bench_meetings
from samenspel.demo.bench import pages as bench
from samenspel.meetings import selectors
from samenspel.meetings.models import Meeting, Registration
from tests.factories.circles import CircleFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.bench


@pytest.fixture
def people(db):
    CircleFactory.create_batch(2)
    return MemberFactory.create_batch(30)


def test_seed_makes_100_meetings_per_factor_half_public_in_the_feed_and_is_idempotent(people):
    result = bench_meetings.seed_meetings(1)

    assert result == {"created": 100 + 2000, "meetings": 100, "registrations": 2000}
    assert Meeting.objects.count() == 100
    assert selectors.public_feed_meetings().count() == 50
    assert Meeting.objects.filter(status=Meeting.Status.PUBLISHED).count() == 90  # upcoming: the list's default
    assert Registration.objects.count() == 2000
    assert Registration.objects.values("token_hash").distinct().count() == 2000
    for meeting in Meeting.objects.all():  # the capacity holds in the generated data too
        confirmed = meeting.registrations.filter(status=Registration.Status.CONFIRMED).count()
        assert confirmed == min(meeting.capacity, bench_meetings.BENCH_REGISTRATIONS)
    uids = set(Meeting.objects.values_list("uid", flat=True))

    again = bench_meetings.seed_meetings(1)

    assert again["created"] == 0
    assert set(Meeting.objects.values_list("uid", flat=True)) == uids


def test_another_factor_replaces_the_generated_meetings_and_keeps_others(people):
    starts = timezone.now() + dt.timedelta(days=3)
    own = Meeting.objects.create(
        title="Not generated", starts_at=starts, ends_at=starts + dt.timedelta(hours=1), capacity=5, visibility="public"
    )
    bench_meetings.seed_meetings(1)

    bench_meetings.seed_meetings(2)

    assert Meeting.objects.exclude(pk=own.pk).count() == 200
    assert Meeting.objects.filter(pk=own.pk).exists()
    bench_meetings.wipe_meetings()
    assert list(Meeting.objects.all()) == [own]


def test_seed_needs_members_first(db):
    CircleFactory()
    with pytest.raises(ValueError, match="20 approved members"):
        bench_meetings.seed_meetings(1)


def test_throughput_run_fills_exactly_the_places_and_waitlists_the_rest(db):
    MemberFactory.create_batch(12)

    result = bench_meetings.registration_throughput(capacity=5, registrations=12, workers=1)

    assert result.passed
    assert (result.confirmed, result.waitlisted, result.errors) == (5, 7, 0)
    assert result.in_order
    assert result.per_second > 0 and result.p99_ms >= result.p50_ms > 0
    assert "PASS" in result.render()
    assert not Meeting.objects.exists()  # the run's meeting is removed afterwards
    table = bench.render_throughput(result)
    assert table.splitlines()[0].startswith("| places | registrations |")
    assert "| 5 | 12 | 1 |" in table


def test_throughput_check_fails_when_a_place_too_many_is_given(db, monkeypatch):
    """The check is real: a service that ignored the capacity would be reported as FAIL."""
    from samenspel.meetings.services import registration

    MemberFactory.create_batch(6)
    real = registration.register_member

    def overbooking(*, meeting, member, **kwargs):
        found = real(meeting=meeting, member=member, **kwargs)
        Registration.objects.filter(pk=found.pk).update(status=Registration.Status.CONFIRMED)
        return found

    monkeypatch.setattr(registration, "register_member", overbooking)

    result = bench_meetings.registration_throughput(capacity=2, registrations=6, workers=1)

    assert not result.passed
    assert result.confirmed == 6
    assert "FAIL" in result.render()


def test_throughput_counts_errors_as_a_failure(db, monkeypatch):
    from samenspel.meetings.services import registration

    MemberFactory.create_batch(4)
    real = registration.register_member
    calls = []

    def failing_once(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise registration.RegistrationError("boom")
        return real(**kwargs)

    monkeypatch.setattr(registration, "register_member", failing_once)

    result = bench_meetings.registration_throughput(capacity=1, registrations=4, workers=1)

    assert result.errors == 1
    assert (result.confirmed, result.waitlisted) == (1, 2)
    assert not result.passed


def test_throughput_needs_enough_members_and_a_sane_capacity(db):
    MemberFactory.create_batch(2)
    with pytest.raises(ValueError, match="needs 3 approved members"):
        bench_meetings.registration_throughput(capacity=1, registrations=3, workers=1)
    with pytest.raises(ValueError, match="capacity"):
        bench_meetings.registration_throughput(capacity=5, registrations=2, workers=1)
