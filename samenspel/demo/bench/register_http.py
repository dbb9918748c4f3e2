"""Registration under load through HTTP (issue 13, point 6): `make bench` step "HTTP registration".

1,000 members register at once for one meeting with 300 places by posting the registration form
to the real URL (`/meetings/<id>/register/`), each with their own session and CSRF token, against
the gunicorn that bin/bench runs with the bench settings. Unlike the in-process run of
`meetings.registration_throughput`, every request goes through the whole stack: the socket,
gunicorn's queue, the middleware (session, CSRF, the member from the cache, the gates), the view,
the service's lock on the meeting, the messages and the redirect.

Passes when every answer is the redirect to the meeting page, none is a 5xx or lost, and the
database holds exactly `capacity` confirmed registrations and the rest waitlisted, every
confirmed one queued before every waitlisted one.
"""

import datetime as dt
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .web import Client, Latencies, member_cookies


@dataclass(frozen=True)
class HttpRegistration:
    capacity: int
    registrations: int
    connections: int
    seconds: float
    latencies: Latencies
    redirected: int  # answers that were the redirect to the meeting page
    confirmed: int
    waitlisted: int
    in_order: bool

    @property
    def per_second(self) -> float:
        return self.latencies.count / self.seconds if self.seconds else 0.0

    def failures(self) -> list[str]:
        out = []
        if self.latencies.server_errors:
            out.append(f"{self.latencies.server_errors} answers were 5xx or lost")
        if self.redirected != self.registrations:
            others = {s: n for s, n in sorted(self.latencies.statuses.items()) if s != 302}
            out.append(f"{self.registrations - self.redirected} answers were not the redirect to the meeting {others}")
        if self.confirmed != self.capacity:
            out.append(f"{self.confirmed} confirmed, not {self.capacity}")
        if self.waitlisted != self.registrations - self.capacity:
            out.append(f"{self.waitlisted} waitlisted, not {self.registrations - self.capacity}")
        if not self.in_order:
            out.append("a waitlisted registration was queued before a confirmed one")
        return out

    @property
    def passed(self) -> bool:
        return not self.failures()

    def render(self) -> str:
        return (
            f"{self.registrations} members registered through HTTP for {self.capacity} places from "
            f"{self.connections} connections in {self.seconds:.2f} s: {self.per_second:.0f} registrations/s, "
            f"p50 {self.latencies.p50():.1f} ms, p99 {self.latencies.p99():.1f} ms; {self.confirmed} confirmed, "
            f"{self.waitlisted} waitlisted, {self.latencies.server_errors} 5xx -> {'PASS' if self.passed else 'FAIL'}"
            + "".join(f"\n  FAIL {failure}" for failure in self.failures())
        )

    def markdown(self) -> str:
        header = (
            "| places | members | connections | seconds | registrations/s | p50 ms | p99 ms | confirmed | waitlisted "
            "| 5xx | result |"
        )
        cells = [
            self.capacity,
            self.registrations,
            self.connections,
            f"{self.seconds:.2f}",
            f"{self.per_second:.0f}",
            f"{self.latencies.p50():.1f}",
            f"{self.latencies.p99():.1f}",
            self.confirmed,
            self.waitlisted,
            self.latencies.server_errors,
            "PASS" if self.passed else "FAIL",
        ]
        return "\n".join([header, "|" + "---:|" * 10 + "---|", "| " + " | ".join(str(c) for c in cells) + " |"])


def generated_members(count: int) -> list:
    """`count` generated members (approved, with consent to the current text), lowest id first."""
    from samenspel.members.models import Member

    from .scale import BENCH_DOMAIN

    members = list(
        Member.objects.approved()
        .filter(email__endswith=f"@{BENCH_DOMAIN}", is_coordinator=False, is_superuser=False)
        .order_by("pk")[:count]
    )
    if len(members) < count:
        raise ValueError(f"The run needs {count} generated members; there are {len(members)}. Seed 10× or more.")
    return members


def _meeting(capacity: int):
    from django.utils import timezone

    from samenspel.meetings.models import Meeting

    from .meetings import THROUGHPUT_UID

    Meeting.objects.filter(uid=uuid.UUID(int=THROUGHPUT_UID)).delete()  # a run that stopped halfway
    starts = timezone.now() + dt.timedelta(days=30)
    return Meeting.objects.create(
        uid=uuid.UUID(int=THROUGHPUT_UID),
        title="Throughput through HTTP",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        location="Amsterdam",
        capacity=capacity,
        visibility="members",
        status="published",
    )


def run(*, base: str, capacity: int, registrations: int, connections: int) -> HttpRegistration:
    """Register `registrations` members at once through `base` (the bench's gunicorn)."""
    from django.db import connection

    from samenspel.meetings.models import Registration

    if not 1 <= capacity <= registrations:
        raise ValueError("The capacity must be between 1 and the number of registrations.")
    members = generated_members(registrations)
    meeting = _meeting(capacity)
    path, target = f"/meetings/{meeting.pk}/register/", f"/meetings/{meeting.pk}/"
    everyone = [member_cookies(member) for member in members]
    connection.close()  # the threads below need no database; gunicorn gets every connection it wants

    local = threading.local()
    results = Latencies()
    redirected = 0
    lock = threading.Lock()
    connections = min(connections, registrations)
    start = threading.Barrier(connections)

    def register(cookies) -> None:
        nonlocal redirected
        if not hasattr(local, "client"):
            local.client = Client(base)
            start.wait(timeout=60)  # every connection starts at the same moment
        answer = local.client.post(path, cookies=cookies, data={"role": "", "access_needs": ""})
        with lock:
            results.add(answer.status, answer.ms)
            redirected += answer.status == 302 and answer.location.endswith(target)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        list(pool.map(register, everyone))
    seconds = time.perf_counter() - started

    regs = Registration.objects.filter(meeting=meeting)
    confirmed = regs.filter(status=Registration.Status.CONFIRMED)
    waitlisted = regs.filter(status=Registration.Status.WAITLISTED)
    last_confirmed = confirmed.order_by("-queued_at", "-id").values_list("queued_at", "id").first()
    first_waiting = waitlisted.order_by("queued_at", "id").values_list("queued_at", "id").first()
    result = HttpRegistration(
        capacity=capacity,
        registrations=registrations,
        connections=connections,
        seconds=seconds,
        latencies=results,
        redirected=redirected,
        confirmed=confirmed.count(),
        waitlisted=waitlisted.count(),
        in_order=last_confirmed is None or first_waiting is None or last_confirmed < first_waiting,
    )
    meeting.delete()
    return result
