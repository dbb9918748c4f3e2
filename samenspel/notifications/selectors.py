"""Reads of notifications and settings."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from samenspel.core import home
from samenspel.core.member_counts import rows_sql
from samenspel.core.roles import is_coordinator

from .models import DEFAULT_FREQUENCY, Frequency, Kind, Notification, NotificationSetting

# Kinds only some people can get; every other kind is offered to every member.
_KIND_FOR_ROLE = {
    Kind.SIGN_UP: is_coordinator,
    Kind.JOIN_REQUEST: lambda member: home.has_role(member, home.KARTREKKER),
    # Who may post opportunities: coordinators, kartrekkers, organisations' representatives.
    Kind.OPPORTUNITY_RESPONSE: lambda member: (
        is_coordinator(member) or home.has_role(member, home.KARTREKKER) or home.has_role(member, home.ORGANISATION)
    ),
    # Never offered: the member is emailed directly about the answer to their own response.
    Kind.OPPORTUNITY_OUTCOME: lambda member: False,
}


def kinds_for(member) -> list[Kind]:
    """The kinds of message `member` can get, so their settings page offers only those."""
    return [kind for kind in Kind if kind not in _KIND_FOR_ROLE or _KIND_FOR_ROLE[kind](member)]


def inbox(member) -> QuerySet[Notification]:
    """A person's notifications: unread first, then newest first."""
    return (
        Notification.objects.filter(recipient=member)
        .annotate(
            read_order=Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("read_order", "-created_at", "-pk")
    )


UNREAD_COUNT = "unread_notifications"


def unread_count(member) -> int:
    """One query on the inbox index."""
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()


def unread_count_sql(member_id_sql: str) -> str:
    """The same count as a scalar subquery, for the logged-in member's one query (core.member_counts)."""
    return rows_sql(Notification, "recipient", member_id_sql, ("read_at", "IS NULL"))


def frequencies_of(member) -> dict[str, str]:
    """Every kind with the person's choice, or its default."""
    chosen = dict(NotificationSetting.objects.filter(member=member).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, DEFAULT_FREQUENCY[Kind(kind)]) for kind in Kind.values}


def frequencies_for(member_ids, kind: str) -> dict[int, str]:
    """For one kind: each person's choice, or the default (one query for all of them)."""
    chosen = dict(
        NotificationSetting.objects.filter(member_id__in=list(member_ids), kind=kind).values_list(
            "member_id", "frequency"
        )
    )
    default = DEFAULT_FREQUENCY[Kind(kind)]
    return {member_id: chosen.get(member_id, default) for member_id in member_ids}


def kinds_in_summary(frequencies: dict[str, str], period: str) -> list[str]:
    """The kinds a summary of `period` gathers: its own, and for the daily one also those set to
    'at once' whose notifications still wait (made before the person switched to 'at once')."""
    wanted = {Frequency.DAILY, Frequency.IMMEDIATE} if period == Frequency.DAILY else {Frequency.WEEKLY}
    return sorted(kind for kind, frequency in frequencies.items() if frequency in wanted)
