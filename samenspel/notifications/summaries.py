"""The daily and weekly summary emails: one email per person per run, gathering every
notification of theirs that waits for that summary.

Exactly once per notification, also when two runs overlap: a person's waiting rows are locked
(`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL: a second run skips what the first holds),
marked emailed, and the email is queued when that transaction commits. A crash before the commit
leaves them waiting for the next run; after it, the email is in the task queue.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from samenspel.core.emails import send_templated_email

from . import selectors
from .models import EmailState, Frequency, Notification

logger = logging.getLogger(__name__)

PERIODS = (Frequency.DAILY, Frequency.WEEKLY)


class _Taken(Exception):
    """Another run claimed some of the rows between our read and our update (only without row locks)."""


def _waiting(recipient_id: int, kinds: list[str]):
    rows = Notification.objects.filter(recipient_id=recipient_id, email_state=EmailState.PENDING, kind__in=kinds)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    return list(rows.order_by("created_at", "pk"))


def send_summary(*, recipient_id: int, period: str) -> int:
    """Email `recipient_id` their summary of `period`; how many notifications it holds (0: none sent)."""
    person = (
        get_user_model()
        .objects.filter(pk=recipient_id)
        .only("pk", "email", "name", "preferred_language", "is_active")
        .first()
    )
    if person is None:
        return 0
    kinds = selectors.kinds_in_summary(selectors.frequencies_of(person), period)
    if not kinds:
        return 0
    try:
        with transaction.atomic():
            rows = _waiting(recipient_id, kinds)
            if not rows:
                return 0
            if not (person.is_active and person.email):
                Notification.objects.filter(pk__in=[row.pk for row in rows]).update(email_state=EmailState.NONE)
                return 0
            claimed = Notification.objects.filter(
                pk__in=[row.pk for row in rows], email_state=EmailState.PENDING
            ).update(email_state=EmailState.SENT, emailed_at=timezone.now())
            if claimed != len(rows):
                raise _Taken
            send_templated_email(
                to=person.email,
                template=f"notifications/summary_{period}",
                context={"name": person.name, "notifications": rows},
                language=person.preferred_language or "nl",
                build="samenspel.notifications.emails.summary_extras",
            )
    except _Taken:
        logger.info("Summary for member %s skipped: another run took some of its rows.", recipient_id)
        return 0
    return len(rows)


def send_summaries(*, period: str) -> tuple[int, int]:
    """Every person with notifications waiting: one summary each. Returns (emails, notifications)."""
    if period not in PERIODS:
        raise ValueError(f"A summary is daily or weekly, not {period!r}")
    recipients = (
        Notification.objects.filter(email_state=EmailState.PENDING)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    emails = notifications = 0
    for recipient_id in recipients.iterator(chunk_size=500):
        count = send_summary(recipient_id=recipient_id, period=period)
        if count:
            emails += 1
            notifications += count
    return emails, notifications
