"""Meetings for `make bench` (issue 4): the generated meetings and the registration throughput.

`seed_meetings(factor)` (called by `manage.py seed_bench` after the members and circles) adds
factor × 100 meetings with about 20 registrations each. Half of them are public and published
(factor 1: 50, factor 10: 500), all inside the public feed's window; most are upcoming, so the
meeting list shows plenty. Generated meetings are recognised by their iCal UID, which lies in a
fixed range (`BENCH_UID_BASE`); they and their registrations are the same for the same factor
and day (times are relative to today's midnight).

`registration_throughput(...)` creates one fresh published meeting with `capacity` places and
lets `workers` threads (each with its own database connection) register `registrations`
different members at once through `samenspel.meetings.services.registration.register_member`, as the
registration page does. At the end exactly `capacity` must be confirmed and the rest waitlisted,
with every confirmed registration queued before every waitlisted one.
"""

import datetime as dt
import hashlib
import statistics
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from django.db import connection, transaction
from django.utils import timezone

from .bulk import copy_instances

BENCH_MEETINGS = 100  # per factor
BENCH_REGISTRATIONS = 20  # per meeting
# Generated meetings have uid BENCH_UID_BASE + n: a range no uuid4 falls into (version nibble 0).
BENCH_UID_BASE = 0x5A3E_0000_0000_0000 << 64
BENCH_UID_END = BENCH_UID_BASE + (1 << 64)
THROUGHPUT_UID = BENCH_UID_END - 1  # the throughput run's meeting (deleted afterwards)


def _bench_meetings():
    from samenspel.meetings.models import Meeting

    return Meeting.objects.filter(uid__gte=uuid.UUID(int=BENCH_UID_BASE), uid__lt=uuid.UUID(int=THROUGHPUT_UID))


def bench_token_hash(n: int) -> str:
    """A deterministic, unique token hash for generated registration n."""
    return hashlib.sha256(f"samenspel-bench-registration-{n}".encode()).hexdigest()


def wipe_meetings() -> None:
    from samenspel.meetings.models import Meeting

    Meeting.objects.filter(uid__gte=uuid.UUID(int=BENCH_UID_BASE), uid__lt=uuid.UUID(int=BENCH_UID_END)).delete()


def seed_meetings(factor: int) -> dict[str, int]:
    """Exactly factor × 100 generated meetings and their registrations (idempotent per factor)."""
    from samenspel.circles.models import Circle
    from samenspel.core import cache_version
    from samenspel.meetings.models import Meeting, Registration
    from samenspel.members.models import Member

    n_meetings = BENCH_MEETINGS * factor
    with transaction.atomic():
        existing = _bench_meetings()
        if existing.count() == n_meetings and Registration.objects.filter(
            meeting__in=existing
        ).count() == _expected_registrations(n_meetings):
            return {"created": 0, "meetings": n_meetings, "registrations": _expected_registrations(n_meetings)}
        wipe_meetings()
        circles = list(Circle.objects.filter(is_active=True).order_by("position", "pk"))
        members = list(
            Member.objects.approved()
            .filter(is_coordinator=False, is_superuser=False)
            .order_by("-pk")  # generated members first: the bench's logged-in member (lowest pk) stays unregistered
            .values_list("pk", flat=True)
        )
        if not circles or len(members) < BENCH_REGISTRATIONS:
            raise ValueError("The meetings need circles and at least 20 approved members: seed the members first.")
        today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        meetings = []
        for i in range(n_meetings):
            public = i % 2 == 0  # half public: factor 1 gives 50 in the feed, factor 10 gives 500
            past = i % 10 == 9  # one in ten was held in the last weeks (still in the feed's window)
            circle = None if i % 7 == 0 else circles[i % len(circles)]
            if public:
                visibility = "public"
            elif circle is not None and i % 5 == 3:
                visibility = "circle"
            else:
                visibility = "members"
            starts = today + (dt.timedelta(days=-(1 + i % 60)) if past else dt.timedelta(days=1 + i // 4))
            starts += dt.timedelta(hours=10 + (i % 4) * 2)
            meetings.append(
                Meeting(
                    uid=uuid.UUID(int=BENCH_UID_BASE + i),
                    circle=circle,
                    title=f"Bijeenkomst {i + 1}: ervaringen delen",
                    description="We delen ervaringen en leren van elkaar.\nIedereen is welkom.",
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    location="Buurthuis De Boog, Amsterdam" if i % 3 else "",
                    online_url=f"https://meet.example.org/bench-{i}" if i % 3 != 1 else "",
                    capacity=15 + (i % 4) * 5,  # 15–30: some meetings have a waitlist
                    visibility=visibility,
                    status="held" if past else "published",
                )
            )
        Meeting.objects.bulk_create(meetings, batch_size=500)
        meetings = list(_bench_meetings().order_by("uid").only("pk", "capacity", "starts_at"))
        registrations = []
        n = 0
        for i, meeting in enumerate(meetings):
            for j in range(BENCH_REGISTRATIONS):
                confirmed = j < meeting.capacity
                queued = meeting.starts_at - dt.timedelta(days=14, minutes=BENCH_REGISTRATIONS - j)
                registrations.append(
                    Registration(
                        meeting_id=meeting.pk,
                        member_id=members[(i * 7 + j) % len(members)],
                        role=["expert", "professional", "policy", ""][j % 4],
                        status="confirmed" if confirmed else "waitlisted",
                        queued_at=queued,
                        confirmed_at=queued if confirmed else None,
                        token_hash=bench_token_hash(n),
                        language="nl",
                    )
                )
                n += 1
        copy_instances(registrations)
        # Bulk writes send no signals: the circles' lists of upcoming meetings.
        cache_version.bump(*(f"circle:{slug}" for slug in Circle.objects.values_list("slug", flat=True)))
    return {"created": n_meetings + n, "meetings": n_meetings, "registrations": n}


def _expected_registrations(n_meetings: int) -> int:
    return n_meetings * BENCH_REGISTRATIONS


# --- registration throughput -----------------------------------------------------------------


@dataclass(frozen=True)
class Throughput:
    capacity: int
    registrations: int
    workers: int
    seconds: float
    per_second: float
    p50_ms: float
    p99_ms: float
    confirmed: int
    waitlisted: int
    errors: int
    in_order: bool  # every confirmed registration was queued before every waitlisted one

    @property
    def passed(self) -> bool:
        return (
            self.errors == 0
            and self.confirmed == self.capacity
            and self.waitlisted == self.registrations - self.capacity
            and self.in_order
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed}

    def render(self) -> str:
        return (
            f"{self.registrations} registrations for {self.capacity} places from {self.workers} workers in "
            f"{self.seconds:.2f} s: {self.per_second:.0f} registrations/s, p50 {self.p50_ms:.1f} ms, "
            f"p99 {self.p99_ms:.1f} ms; {self.confirmed} confirmed, {self.waitlisted} waitlisted, "
            f"{self.errors} errors -> {'PASS' if self.passed else 'FAIL'} "
            f"(expected exactly {self.capacity} confirmed and {self.registrations - self.capacity} waitlisted"
            f"{'' if self.in_order else '; the waitlist is out of order'})"
        )


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def throughput_members(count: int) -> list:
    from samenspel.members.models import Member

    members = list(Member.objects.approved().filter(is_coordinator=False).order_by("pk")[:count])
    if len(members) < count:
        raise ValueError(f"The throughput run needs {count} approved members; there are {len(members)}.")
    return members


def registration_throughput(*, capacity: int, registrations: int, workers: int, keep: bool = False) -> Throughput:
    """Register `registrations` members at once from `workers` threads; check the capacity held.

    With one worker the registrations run in this thread (no new database connection: usable in
    tests on SQLite). With more, each thread uses its own connection (PostgreSQL).
    """
    from samenspel.meetings.models import Meeting, Registration
    from samenspel.meetings.services.registration import register_member

    if not 1 <= capacity <= registrations:
        raise ValueError("The capacity must be between 1 and the number of registrations.")
    members = throughput_members(registrations)
    Meeting.objects.filter(uid=uuid.UUID(int=THROUGHPUT_UID)).delete()  # a run that stopped halfway
    starts = timezone.now() + dt.timedelta(days=30)
    meeting = Meeting.objects.create(
        uid=uuid.UUID(int=THROUGHPUT_UID),
        title="Throughput",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        location="Amsterdam",
        capacity=capacity,
        visibility="members",
        status="published",
    )
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one(member) -> None:
        started = time.perf_counter()
        try:
            register_member(meeting=meeting, member=member)
        except Exception as error:  # counted and shown: any error fails the run
            with lock:
                errors.append(f"{type(error).__name__}: {error}")
            return
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            latencies.append(elapsed)

    def in_thread(member) -> None:
        try:
            one(member)
        finally:
            connection.close()  # each thread's own connection

    started = time.perf_counter()
    if workers == 1:
        for member in members:
            one(member)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(in_thread, members))
    seconds = time.perf_counter() - started

    regs = Registration.objects.filter(meeting=meeting)
    confirmed = regs.filter(status=Registration.Status.CONFIRMED)
    waitlisted = regs.filter(status=Registration.Status.WAITLISTED)
    last_confirmed = confirmed.order_by("-queued_at", "-id").values_list("queued_at", "id").first()
    first_waiting = waitlisted.order_by("queued_at", "id").values_list("queued_at", "id").first()
    in_order = last_confirmed is None or first_waiting is None or last_confirmed < first_waiting
    result = Throughput(
        capacity=capacity,
        registrations=registrations,
        workers=workers,
        seconds=seconds,
        per_second=len(latencies) / seconds if seconds else 0.0,
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p99_ms=_percentile(latencies, 0.99),
        confirmed=confirmed.count(),
        waitlisted=waitlisted.count(),
        errors=len(errors),
        in_order=in_order,
    )
    if errors:
        for message in sorted(set(errors))[:5]:
            print(f"  error: {message}")
    if not keep:
        meeting.delete()
    return result


def render_throughput(result) -> str:
    """The throughput run as a one-row Markdown table."""
    header = "| places | registrations | workers | seconds | registrations/s | p50 ms | p99 ms | confirmed | waitlisted | errors | result |"
    cells = [
        result.capacity,
        result.registrations,
        result.workers,
        f"{result.seconds:.2f}",
        f"{result.per_second:.0f}",
        f"{result.p50_ms:.1f}",
        f"{result.p99_ms:.1f}",
        result.confirmed,
        result.waitlisted,
        result.errors,
        "PASS" if result.passed else "FAIL",
    ]
    return "\n".join([header, "|" + "---:|" * 10 + "---|", "| " + " | ".join(str(c) for c in cells) + " |"])
