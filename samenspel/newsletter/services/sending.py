"""Sending an edition to thousands, each address exactly once, by workers that may die or run side by side.

1. `editions.start_sending` freezes the edition and, after the commit, queues the task
   `queue_edition`: it streams the audience (`iterator`, never all rows in memory) into
   `Delivery` rows, created with `bulk_create` in chunks of QUEUE_CHUNK. A row is unique per
   (edition, address) and conflicts are ignored, so running it again (a worker died while
   queueing) adds only what is missing, and a member who is also a public subscriber gets one.
2. It then starts WORKERS tasks `send_edition_batches`. Each claims a batch of due rows:
   `SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL (two workers never wait for or take the
   same rows), then a conditional UPDATE that marks them `sending` with this worker's id and a
   lease (on SQLite, which has no row locks, the conditional UPDATE alone decides). Each message
   is sent and its row marked `sent` right after, one commit per message.
3. A worker that dies leaves its claimed rows `sending`; once their lease ran out another worker
   (or `resume`, run every few minutes) claims them again. Rows it had marked `sent` are never
   sent again. The one message in flight at the moment of death may have reached the mail
   server without being marked: it is sent again with the same Message-ID (see rendering.py).
4. `attempts` counts the claims; a row claimed more than MAX_ATTEMPTS times, or refused by the
   mail server for good (5xx: the address bounces, and goes on the suppression list), is
   `failed`. A passing error (4xx, a lost connection) puts the row back with a delay.
5. When no row is queued or sending, the edition is `sent` and its counts are frozen.
"""

import datetime as dt
import logging
import smtplib
import uuid
from collections import Counter

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from samenspel.core.audit import log_action

from .. import selectors
from ..models import Delivery, Edition, Suppression
from ..rendering import Renderer
from . import audiences

logger = logging.getLogger(__name__)

QUEUE_CHUNK = 2000
BATCH_SIZE = 50
MAX_ATTEMPTS = 3
LEASE = dt.timedelta(minutes=10)
RETRY_DELAYS = (dt.timedelta(minutes=5), dt.timedelta(minutes=30))


def workers() -> int:
    return max(1, int(getattr(settings, "NEWSLETTER_WORKERS", 2)))


# --- 1. queueing -------------------------------------------------------------------------------------


def _insert(rows: list[Delivery]) -> None:
    if rows:
        Delivery.objects.bulk_create(rows, batch_size=QUEUE_CHUNK, ignore_conflicts=True)


def queue_recipients(edition_id: int) -> int:
    """Create a Delivery for every address of the edition's audience (again: only the missing ones).

    Returns the number of deliveries the edition has. Streams the audience: memory stays flat.
    """
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None or edition.status != Edition.Status.SENDING:
        return 0
    sources = (
        (selectors.member_recipients(edition), "opt_in_id"),  # members first: their own link
        (selectors.subscriber_recipients(edition), "subscriber_id"),
    )
    for rows, key in sources:
        chunk: list[Delivery] = []
        for email, language, pk in rows.iterator(chunk_size=QUEUE_CHUNK):
            chunk.append(Delivery(edition_id=edition.pk, email=email.lower(), language=language or "nl", **{key: pk}))
            if len(chunk) >= QUEUE_CHUNK:
                _insert(chunk)
                chunk = []
        _insert(chunk)
    total = Delivery.objects.filter(edition_id=edition.pk).count()
    Edition.objects.filter(pk=edition.pk, queued_at__isnull=True).update(
        queued_at=timezone.now(), recipient_count=total
    )
    return total


def start_workers(edition_id: int) -> None:
    from ..tasks import send_edition_batches

    for _ in range(workers()):
        send_edition_batches.enqueue(edition_id=edition_id)


# --- 2. claiming and sending ------------------------------------------------------------------------


def _due(now: dt.datetime) -> Q:
    waiting = Q(status=Delivery.Status.QUEUED) & (Q(not_before__isnull=True) | Q(not_before__lte=now))
    abandoned = Q(status=Delivery.Status.SENDING, lease_until__lt=now)  # its worker died
    return waiting | abandoned


def _fail(pks, worker: str, code: str) -> None:
    Delivery.objects.filter(pk__in=pks, claimed_by=worker, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.FAILED, error=code, lease_until=None
    )


def claim_batch(*, edition_id: int, worker: str, size: int = BATCH_SIZE, now: dt.datetime | None = None) -> list:
    """Claim up to `size` due deliveries for `worker`; returns the ones to send now."""
    now = now or timezone.now()
    with transaction.atomic():
        pks = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(_due(now), edition_id=edition_id)
            .order_by("id")
            .values_list("id", flat=True)[:size]
        )
        if not pks:
            return []
        Delivery.objects.filter(_due(now), pk__in=pks).update(
            status=Delivery.Status.SENDING, claimed_by=worker, lease_until=now + LEASE, attempts=F("attempts") + 1
        )
    claimed = list(
        Delivery.objects.filter(pk__in=pks, claimed_by=worker, status=Delivery.Status.SENDING).order_by("id")
    )
    blocked = set(Suppression.objects.filter(email__in=[d.email for d in claimed]).values_list("email", flat=True))
    gone = [d.pk for d in claimed if d.opt_in_id is None and d.subscriber_id is None]
    too_often = [d.pk for d in claimed if d.attempts > MAX_ATTEMPTS]
    _fail([d.pk for d in claimed if d.email in blocked], worker, "suppressed")
    _fail(gone, worker, "gone")
    _fail(too_often, worker, "gave_up")
    skip = set(gone) | set(too_often)
    return [d for d in claimed if d.email not in blocked and d.pk not in skip]


def _permanent(error: Exception) -> bool:
    """A refusal for good (5xx) of this address, as opposed to a passing problem (4xx, connection)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code >= 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPSenderRefused):
        return False  # our sender address: no fault of the recipient's
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def send_one(delivery: Delivery, *, renderer: Renderer, connection, worker: str) -> str:
    """Send one claimed delivery and record the outcome; returns "sent", "failed" or "retry"."""
    try:
        message = renderer.message_for(delivery)
        message.connection = connection
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        code = type(error).__name__
        if _permanent(error):
            _fail([delivery.pk], worker, "refused")
            audiences.suppress(email=delivery.email, reason=Suppression.Reason.BOUNCE)
            logger.warning("Newsletter %s: delivery %s refused for good (%s).", delivery.edition_id, delivery.pk, code)
            return "failed"
        if delivery.attempts >= MAX_ATTEMPTS:
            _fail([delivery.pk], worker, "gave_up")
            logger.warning(
                "Newsletter %s: delivery %s failed %s times.", delivery.edition_id, delivery.pk, MAX_ATTEMPTS
            )
            return "failed"
        delay = RETRY_DELAYS[min(delivery.attempts, len(RETRY_DELAYS)) - 1]
        Delivery.objects.filter(pk=delivery.pk, claimed_by=worker, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.QUEUED, claimed_by="", lease_until=None, not_before=timezone.now() + delay
        )
        logger.info("Newsletter %s: delivery %s will be tried again (%s).", delivery.edition_id, delivery.pk, code)
        return "retry"
    Delivery.objects.filter(pk=delivery.pk, claimed_by=worker, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), lease_until=None, error=""
    )
    return "sent"


def send_batches(*, edition_id: int, batch_size: int = BATCH_SIZE, max_batches: int | None = None) -> dict:
    """One worker: claim and send batches until none is due, then finish the edition if all is done."""
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None or edition.status != Edition.Status.SENDING:
        return {}
    worker = uuid.uuid4().hex
    renderer = Renderer(edition)
    counts: Counter = Counter()
    batches = 0
    while max_batches is None or batches < max_batches:
        batch = claim_batch(edition_id=edition_id, worker=worker, size=batch_size)
        if not batch:
            break
        batches += 1
        connection = get_connection()  # one connection to the mail server per batch
        try:
            connection.open()
        except (smtplib.SMTPException, OSError) as error:
            # The mail server does not answer: give the batch back for later, and stop this worker.
            Delivery.objects.filter(pk__in=[d.pk for d in batch], claimed_by=worker).update(
                status=Delivery.Status.QUEUED,
                claimed_by="",
                lease_until=None,
                not_before=timezone.now() + RETRY_DELAYS[0],
            )
            logger.warning("Newsletter %s: the mail server did not answer (%s).", edition_id, type(error).__name__)
            counts["retry"] += len(batch)
            break
        try:
            for delivery in batch:
                counts[send_one(delivery, renderer=renderer, connection=connection, worker=worker)] += 1
        finally:
            connection.close()
    finish_if_done(edition_id)
    return dict(counts)


# --- 3. finishing and resuming ---------------------------------------------------------------------


def finish_if_done(edition_id: int) -> bool:
    """Mark the edition sent when every delivery is sent or failed; freeze the counts. Once only."""
    edition = Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING, queued_at__isnull=False).first()
    if edition is None:
        return False
    open_rows = Delivery.objects.filter(
        edition_id=edition_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    )
    if open_rows.exists():
        return False
    counts = selectors.progress(edition)
    with transaction.atomic():
        finished = Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING).update(
            status=Edition.Status.SENT, sent_at=timezone.now(), sent_count=counts["sent"], failed_count=counts["failed"]
        )
        if finished:
            log_action(
                actor=None,
                action="newsletter.edition.sent",
                target=edition,
                data={"sent": counts["sent"], "failed": counts["failed"]},
            )
    return bool(finished)


def resume_edition(edition: Edition, *, now: dt.datetime | None = None, force: bool = False) -> bool:
    """Queue the work an edition that is being sent still needs; True when something was queued.

    - Queueing stopped halfway (no `queued_at` a lease after it started): queue again (it adds
      only the missing deliveries) and start the workers.
    - Deliveries are due and no worker holds a live lease: start the workers.
    - Nothing is left: mark the edition sent.
    `force` (a coordinator's "go on with sending"): start the workers even if one seems busy;
    an extra worker finds nothing to claim or shares the work.
    """
    from ..tasks import queue_edition

    now = now or timezone.now()
    if edition.status != Edition.Status.SENDING:
        return False
    if edition.queued_at is None:
        if force or (edition.sending_started_at and edition.sending_started_at < now - LEASE):
            queue_edition.enqueue(edition_id=edition.pk)
            return True
        return False
    if finish_if_done(edition.pk):
        return False
    rows = Delivery.objects.filter(edition_id=edition.pk)
    working = rows.filter(status=Delivery.Status.SENDING, lease_until__gte=now).exists()
    if force or (not working and rows.filter(_due(now)).exists()):
        start_workers(edition.pk)
        return True
    return False


def resume(now: dt.datetime | None = None) -> int:
    """Pick up editions whose sending stopped (a worker died, retries are due). Run every few minutes.

    Returns the number of editions for which work was queued.
    """
    now = now or timezone.now()
    return sum(resume_edition(edition, now=now) for edition in Edition.objects.filter(status=Edition.Status.SENDING))
