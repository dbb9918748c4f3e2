"""Every write of notifications: telling people, reading, and their settings.

`notify` is called by the domain apps where the event happens, inside their transaction, with
the recipients they computed (this app imports no domain app). The notification and, for those
who chose "at once", its email are one unit: the email is queued when the transaction commits
and the row is marked emailed in that same transaction, so it is emailed exactly once. The other
rows wait for the daily or weekly summary (`summaries.py`).
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from samenspel.core.emails import send_templated_email

from . import messages, selectors
from .models import EmailState, Frequency, Kind, Notification, NotificationSetting

LINK_MAX_LENGTH = Notification._meta.get_field("link").max_length


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
    *, recipients: Iterable, kind: str, message: str, link: str, params: dict | None = None
) -> list[Notification]:
    """Tell each recipient (Member) about one event. Inactive accounts are left out.

    `message` is a key of `messages.MESSAGES`; `params` plain values for it (titles, names of
    circles, ISO date-times under names ending in `_at`), never a person's personal data.
    """
    if kind not in Kind.values:
        raise NotificationError(f"Unknown notification kind: {kind!r}")
    params = dict(params or {})
    try:
        messages.check(message=message, params=params)
    except (KeyError, ValueError) as error:
        raise NotificationError(str(error)) from error
    _check_link(link)
    people = {person.pk: person for person in recipients if person is not None and person.is_active}
    if not people:
        return []
    frequencies = selectors.frequencies_for(people, kind)
    now = timezone.now()
    rows = []
    for pk, person in people.items():
        frequency = frequencies[pk]
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
    for row in rows:
        if row.email_state == EmailState.SENT and row.recipient.email:
            send_templated_email(
                to=row.recipient.email,
                template="notifications/notification",
                context={"notification": row, "name": row.recipient.name},
                language=row.recipient.preferred_language or "nl",
                build="samenspel.notifications.emails.notification_extras",
            )
    return rows


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


def unsubscribe(*, member, kinds: list[str]) -> bool:
    """The one-click unsubscribe: no more email for these kinds. False when that was so already."""
    kinds = [kind for kind in kinds if kind in Kind.values]
    current = selectors.frequencies_of(member)
    if all(current[kind] == Frequency.NEVER for kind in kinds):
        return False
    save_settings(member=member, frequencies=dict.fromkeys(kinds, Frequency.NEVER))
    return True
