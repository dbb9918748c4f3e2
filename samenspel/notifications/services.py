"""Every write of notifications: telling people, reading, their settings, and the summaries.

`notify` is called by the domain apps where the event happens, inside their transaction, with
the recipients they computed (this app imports no domain app). The notification and, for those
who chose "at once", its email are one unit: the email is queued when the transaction commits
and the row is marked emailed in that same transaction, so it is emailed exactly once. The other
rows wait for the daily or weekly summary (`send_summaries`, below).
"""

import datetime
import logging
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from samenspel.core.emails import send_templated_email

from . import messages, selectors
from .models import DEFAULT_FREQUENCY, EmailState, Frequency, Kind, Notification, NotificationSetting

logger = logging.getLogger(__name__)

LINK_MAX_LENGTH = Notification._meta.get_field("link").max_length
# What `notify` and the summaries read of a person: callers may load only these (`.only(*RECIPIENT_FIELDS)`).
RECIPIENT_FIELDS = ("pk", "email", "name", "preferred_language", "is_active")


class NotificationError(ValueError):
    """A caller passed something a notification cannot hold."""


def _check_link(link: str) -> None:
    # A path of this site: no scheme, no host, no query string (tokens and personal data stay out).
    if not link.startswith("/") or link.startswith("//") or "?" in link or "#" in link or "\\" in link:
        raise NotificationError(f"A notification's link must be a plain path of this site, got {link!r}.")
    if len(link) > LINK_MAX_LENGTH:
        raise NotificationError("A notification's link is too long.")


@transaction.atomic
def notify(
    *, recipients: Iterable, kind: str, message: str, link: str, params: dict | None = None, email: bool = True
) -> list[Notification]:
    """Tell each recipient (Member) about one event. Inactive accounts are left out.

    `message` is a key of `messages.MESSAGES`; `params` plain values for it (titles, names of
    circles, ISO date-times under names ending in `_at`), never a person's personal data.
    `email=False`: in the app only, whatever the person chose, because the caller emails them
    about this event itself (an invitation they were sent personally).
    """
    params = _checked(kind=kind, message=message, params=params, link=link)
    people = {person.pk: person for person in recipients if person is not None and person.is_active}
    if not people:
        return []
    frequencies = selectors.frequencies_for(people, kind)
    now = timezone.now()
    rows = []
    for pk, person in people.items():
        frequency = frequencies[pk] if email else Frequency.NEVER
        state = {Frequency.IMMEDIATE: EmailState.SENT, Frequency.NEVER: EmailState.NONE}.get(
            frequency, EmailState.PENDING
        )
        rows.append(
            Notification(
                recipient=person,
                kind=kind,
                message=message,
                params=params,
                link=link,
                created_at=now,
                email_state=state,
                emailed_at=now if state == EmailState.SENT else None,
            )
        )
    Notification.objects.bulk_create(rows)
    _email_at_once(rows)
    return rows


@transaction.atomic
def notify_all(*, recipients: QuerySet, kind: str, message: str, link: str, params: dict | None = None) -> int:
    """`notify` for many people at once, in one INSERT ... SELECT; how many were told.

    For a whole circle: the recipients stay in the database (a queryset of members), so no row is
    loaded but those emailed at once. The same rules as `notify`: inactive accounts are left out,
    each person's choice for `kind` (or its default) decides the email.
    """
    params = _checked(kind=kind, message=message, params=params, link=link)
    field = Notification._meta.get_field
    quote = connection.ops.quote_name
    try:
        member_ids, member_params = recipients.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # e.g. pk__in=[]: no one to tell
        return 0
    now = timezone.now()
    default = DEFAULT_FREQUENCY[Kind(kind)]
    frequency = f"COALESCE(s.{quote(NotificationSetting._meta.get_field('frequency').column)}, %s)"
    columns = ", ".join(
        quote(field(name).column)
        for name in ("recipient", "kind", "message", "params", "link", "created_at", "email_state", "emailed_at")
    )
    members = get_user_model()._meta
    sql = (
        f"INSERT INTO {quote(Notification._meta.db_table)} ({columns}) "  # noqa: S608 - names from the models, quoted; values are parameters
        f"SELECT m.{quote(members.pk.column)}, %s, %s, %s, %s, %s, "
        f"CASE {frequency} WHEN %s THEN %s WHEN %s THEN %s ELSE %s END, "
        f"CASE {frequency} WHEN %s THEN %s ELSE NULL END "
        f"FROM {quote(members.db_table)} m "
        f"LEFT JOIN {quote(NotificationSetting._meta.db_table)} s "
        f"ON s.{quote(NotificationSetting._meta.get_field('member').column)} = m.{quote(members.pk.column)} "
        f"AND s.{quote(NotificationSetting._meta.get_field('kind').column)} = %s "
        f"WHERE m.{quote(members.get_field('is_active').column)} "
        f"AND m.{quote(members.pk.column)} IN ({member_ids}) "
        f"RETURNING {quote(Notification._meta.pk.column)}, {quote(field('email_state').column)}"
    )
    values = [
        *(kind, message, field("params").get_db_prep_save(params, connection), link),
        field("created_at").get_db_prep_save(now, connection),
        *(default, Frequency.IMMEDIATE, EmailState.SENT, Frequency.NEVER, EmailState.NONE, EmailState.PENDING),
        *(default, Frequency.IMMEDIATE, field("emailed_at").get_db_prep_save(now, connection)),
        kind,
        *member_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        told = cursor.fetchall()
    emailed = [pk for pk, state in told if state == EmailState.SENT]
    if emailed:
        rows = Notification.objects.filter(pk__in=emailed).select_related("recipient").order_by("pk")
        _email_at_once(
            rows.only(*(f"recipient__{name}" for name in RECIPIENT_FIELDS if name != "pk"), *NOTIFICATION_FIELDS)
        )
    return len(told)


# What the email of a notification reads of it (`_email_at_once`).
NOTIFICATION_FIELDS = ("recipient", "kind", "message", "params", "link", "created_at", "email_state")


def _checked(*, kind: str, message: str, params: dict | None, link: str) -> dict:
    """The params, after checking the kind, the message with its params, and the link."""
    if kind not in Kind.values:
        raise NotificationError(f"Unknown notification kind: {kind!r}")
    params = dict(params or {})
    try:
        messages.check(message=message, params=params)
    except (KeyError, ValueError) as error:
        raise NotificationError(str(error)) from error
    _check_link(link)
    return params


def _email_at_once(rows) -> None:
    """Queue the email of each row marked sent (its recipient chose "at once")."""
    for row in rows:
        if row.email_state == EmailState.SENT and row.recipient.email:
            send_templated_email(
                to=row.recipient.email,
                template="notifications/notification",
                context={"notification": row, "name": row.recipient.name},
                language=row.recipient.preferred_language or "nl",
                build="samenspel.notifications.emails.notification_extras",
            )


def mark_read(*, member, notification: Notification) -> bool:
    """Mark one of the member's notifications read; False when it was read already."""
    if notification.recipient_id != member.pk:
        raise NotificationError("Only the recipient marks a notification read.")
    return bool(
        Notification.objects.filter(pk=notification.pk, recipient=member, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )


def mark_all_read(*, member) -> int:
    """Mark all of the member's unread notifications read; how many there were."""
    return Notification.objects.filter(recipient=member, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def save_settings(*, member, frequencies: dict[str, str]) -> list[str]:
    """Store the member's choice per kind; returns the kinds that changed.

    A kind switched to "never" stops the emails still waiting for a summary, too.
    """
    current = selectors.frequencies_of(member)
    changed = []
    for kind, frequency in frequencies.items():
        if kind not in Kind.values or frequency not in Frequency.values:
            raise NotificationError(f"Unknown kind or frequency: {kind!r}, {frequency!r}")
        NotificationSetting.objects.update_or_create(member=member, kind=kind, defaults={"frequency": frequency})
        if current[kind] != frequency:
            changed.append(kind)
    never = [kind for kind, frequency in frequencies.items() if frequency == Frequency.NEVER]
    if never:
        Notification.objects.filter(recipient=member, kind__in=never, email_state=EmailState.PENDING).update(
            email_state=EmailState.NONE
        )
    return changed


def stop_waiting_emails(*, member, kind: str) -> int:
    """The member's notifications of `kind` still waiting for a summary are not emailed (they stay in
    the app). For an app whose reason to tell them ended, e.g. a withdrawn opt-in. How many there were."""
    return Notification.objects.filter(recipient=member, kind=kind, email_state=EmailState.PENDING).update(
        email_state=EmailState.NONE
    )


def unsubscribe(*, member, kinds: list[str]) -> bool:
    """The one-click unsubscribe: no more email for these kinds. False when that was so already."""
    kinds = [kind for kind in kinds if kind in Kind.values]
    current = selectors.frequencies_of(member)
    if all(current[kind] == Frequency.NEVER for kind in kinds):
        return False
    save_settings(member=member, frequencies=dict.fromkeys(kinds, Frequency.NEVER))
    return True


# --- the daily and weekly summaries -------------------------------------------------------------
# The daily and weekly summary emails: one email per person per run, gathering every
# notification of theirs that waits for that summary.
#
# Exactly once per notification, also when two runs overlap: a person's waiting rows are locked
# (`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL: a second run skips what the first holds),
# marked emailed, and the email is queued when that transaction commits. A crash before the commit
# leaves them waiting for the next run; after it, the email is in the task queue.

PERIODS = (Frequency.DAILY, Frequency.WEEKLY)


class _Taken(Exception):
    """Another run claimed some of the rows between our read and our update (only without row locks)."""


def _waiting(recipient_id: int, kinds: list[str]):
    """The person's waiting rows, or [] when another run is busy with this person.

    The person's row is locked first (FOR NO KEY UPDATE, SKIP LOCKED): locking only the messages
    could let two runs each take some of one person's rows and send two summaries.
    """
    rows = Notification.objects.filter(recipient_id=recipient_id, email_state=EmailState.PENDING, kind__in=kinds)
    if connection.features.has_select_for_update_skip_locked:
        person = (
            get_user_model()
            .objects.select_for_update(skip_locked=True, no_key=True)
            .filter(pk=recipient_id)
            .values_list("pk", flat=True)
        )
        if not list(person):
            return []
        rows = rows.select_for_update(skip_locked=True)
    return list(rows.order_by("created_at", "pk"))


def send_summary(*, recipient_id: int, period: str) -> int:
    """Email `recipient_id` their summary of `period`; how many notifications it holds (0: none sent)."""
    person = get_user_model().objects.filter(pk=recipient_id).only(*RECIPIENT_FIELDS).first()
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


# A message is kept while it can still matter: a read one for half a year, an unread one for a year
# (a summary still waiting for it is never that old).
KEEP_READ = datetime.timedelta(days=183)
KEEP_UNREAD = datetime.timedelta(days=366)


def prune_old(*, now: datetime.datetime | None = None) -> int:
    """Delete old messages (personal data kept no longer than it is of use); returns how many."""
    now = now or timezone.now()
    old = Q(read_at__isnull=False, created_at__lt=now - KEEP_READ) | Q(created_at__lt=now - KEEP_UNREAD)
    deleted, _ = Notification.objects.filter(old).exclude(email_state=EmailState.PENDING).delete()
    return deleted
