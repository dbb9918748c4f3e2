"""The newsletter part of `make bench`: an edition queued for 20,000 recipients and sent by two workers.

`newsletter_run(recipients=20000, workers=2)`:
1. adds `recipients` confirmed public subscribers (example.invalid addresses; removed again
   afterwards) and an edition for them that has started sending;
2. times `queue_recipients` (the task that turns the audience into one Delivery row per
   address, streamed and inserted in chunks) and, with tracemalloc, the Python memory it peaks at,
   for the full audience and for a tenth of it: a flat memory means the two peaks are close;
3. sends with `workers` threads at once, each with its own database connection, to Django's
   in-memory email backend (the mail server is not what is measured), and checks that every
   address got the edition exactly once.

Targets (issue 14): queued in under a minute; no address twice, none missing.
"""

from __future__ import annotations

import sys
import threading
import time
import tracemalloc
from collections import Counter
from dataclasses import asdict, dataclass

BENCH_DOMAIN = "bench.example.invalid"
QUEUE_TARGET_SECONDS = 60.0


@dataclass(frozen=True)
class NewsletterRun:
    recipients: int
    workers: int
    queue_seconds: float
    queue_peak_kib: float  # Python memory at its highest while queueing the full audience
    queue_peak_tenth_kib: float  # the same for a tenth of the audience
    send_seconds: float
    sent: int
    duplicates: int
    missing: int
    errors: int

    @property
    def passed(self) -> bool:
        return (
            self.queue_seconds < QUEUE_TARGET_SECONDS
            and self.duplicates == 0
            and self.missing == 0
            and self.errors == 0
            and self.sent == self.recipients
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed}

    def render(self) -> str:
        return (
            f"{self.recipients} recipients queued in {self.queue_seconds:.2f} s (target < {QUEUE_TARGET_SECONDS:.0f} s); "
            f"peak Python memory while queueing {self.queue_peak_kib:.0f} KiB "
            f"({self.queue_peak_tenth_kib:.0f} KiB for a tenth); sent by {self.workers} workers in "
            f"{self.send_seconds:.2f} s ({self.sent / max(self.send_seconds, 0.001):.0f}/s): {self.sent} sent, "
            f"{self.duplicates} twice, {self.missing} missing, {self.errors} errors -> "
            f"{'PASS' if self.passed else 'FAIL'}"
        )

    def markdown(self) -> str:
        header = (
            "| recipients | queued in s | peak KiB (all) | peak KiB (a tenth) | workers | sent in s | per s "
            "| sent | twice | missing | errors | result |"
        )
        cells = [
            self.recipients,
            f"{self.queue_seconds:.2f}",
            f"{self.queue_peak_kib:.0f}",
            f"{self.queue_peak_tenth_kib:.0f}",
            self.workers,
            f"{self.send_seconds:.2f}",
            f"{self.sent / max(self.send_seconds, 0.001):.0f}",
            self.sent,
            self.duplicates,
            self.missing,
            self.errors,
            "PASS" if self.passed else "FAIL",
        ]
        return "\n".join([header, "|" + "---:|" * 11 + "---|", "| " + " | ".join(str(c) for c in cells) + " |"])


def _subscribers(count: int, start: int = 0) -> None:
    from django.utils import timezone

    from samenspel.newsletter.models import Subscriber

    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"lezer{n:06}@{BENCH_DOMAIN}", language="nl", text_version=1, text="bench", confirmed_at=now
            )
            for n in range(start, start + count)
        ),
        batch_size=2000,
    )


def _other_subscribers() -> int:
    """Confirmed subscribers that are not the bench's: the edition reaches them too."""
    from samenspel.newsletter.models import Subscriber

    return Subscriber.objects.filter(confirmed_at__isnull=False).exclude(email__endswith=f"@{BENCH_DOMAIN}").count()


def _edition():
    import datetime as dt

    from django.utils import timezone

    from samenspel.newsletter.models import Edition

    return Edition.objects.create(
        title="Bench: Stand van zaken",
        issue_date=timezone.localdate(),
        deadline=timezone.localdate() - dt.timedelta(days=1),
        audience=Edition.Audience.SUBSCRIBERS,
        status=Edition.Status.SENDING,
        sending_started_at=timezone.now(),
    )


def wipe() -> None:
    from samenspel.newsletter.models import Edition, Subscriber

    Edition.objects.filter(title="Bench: Stand van zaken").delete()
    Subscriber.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()


def _peak_kib(edition_id: int) -> float:
    from samenspel.newsletter.services.sending import queue_recipients

    tracemalloc.start()
    try:
        queue_recipients(edition_id)
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def newsletter_run(*, recipients: int = 20000, workers: int = 2, batch_size: int = 100) -> NewsletterRun:
    from django.conf import settings
    from django.core import mail
    from django.db import connections

    from samenspel.newsletter.models import Delivery
    from samenspel.newsletter.services.sending import queue_recipients, send_batches

    wipe()
    try:
        # Memory: a tenth of the audience, then all of it (each queued by a fresh edition).
        _subscribers(recipients // 10)
        tenth = _peak_kib(_edition().pk)
        wipe()
        _subscribers(recipients)
        full = _peak_kib(_edition().pk)
        wipe()
        # Time: queueing the full audience, without tracemalloc's overhead.
        _subscribers(recipients)
        edition = _edition()
        started = time.perf_counter()
        queued = queue_recipients(edition.pk)
        queue_seconds = time.perf_counter() - started
        # The edition also goes to subscribers already in the database (the demo's): counted apart.
        others = _other_subscribers()
        if queued != recipients + others:
            raise ValueError(f"{queued} deliveries queued for {recipients} + {others} recipients")

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        mail.outbox = []
        lock = threading.Lock()
        errors: list[BaseException] = []

        def worker(own_connection: bool):
            try:
                send_batches(edition_id=edition.pk, batch_size=batch_size)
            except Exception as error:  # counted and reported by the run
                with lock:
                    errors.append(error)
            finally:
                if own_connection:
                    connections.close_all()

        started = time.perf_counter()
        if workers == 1:  # in this thread, on this connection (usable in tests on SQLite)
            worker(own_connection=False)
        else:
            threads = [threading.Thread(target=worker, args=(True,)) for _ in range(workers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        send_seconds = time.perf_counter() - started
        for error in errors:
            print(f"bench: a worker failed: {type(error).__name__}: {error}")
        counts = Counter(address for message in mail.outbox for address in message.to)
        expected = {f"lezer{n:06}@{BENCH_DOMAIN}" for n in range(recipients)}
        sent_rows = Delivery.objects.filter(edition=edition, status=Delivery.Status.SENT).count()
        return NewsletterRun(
            recipients=recipients,
            workers=workers,
            queue_seconds=queue_seconds,
            queue_peak_kib=full,
            queue_peak_tenth_kib=tenth,
            send_seconds=send_seconds,
            sent=min(sent_rows - others, len(expected & set(counts))),
            duplicates=sum(1 for count in counts.values() if count > 1),
            missing=len(expected - set(counts)),
            errors=len(errors),
        )
    finally:
        wipe()


def add_parser(sub) -> None:
    """`python -m samenspel.demo.bench newsletter [--recipients N] [--workers W] [--markdown FILE]`."""
    parser = sub.add_parser("newsletter")
    parser.add_argument("--recipients", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--markdown", help="a file to write the figures to as a Markdown table")


def run_command(args) -> int:
    from pathlib import Path

    try:
        result = newsletter_run(recipients=args.recipients, workers=args.workers)
    except ValueError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    print(result.render())
    if args.markdown:
        Path(args.markdown).write_text(result.markdown() + "\n")
    return 0 if result.passed else 1
