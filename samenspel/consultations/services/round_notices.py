"""Telling a round's audience that it opened, and two days before it closes (notifications).

Run every hour by `manage.py notify_consultation_rounds`. Each round is told once per notice: the
round row is locked (SKIP LOCKED, so two runs at once take different rounds) and marked in the
same transaction as the notifications are written.

Who is told: for a round of members or of everyone, every approved member; for a round of
invited people, its invitees, in the app only: they were emailed the invitation and get the
invitees' reminder three days before the end (`rounds.send_reminders`). Two days before the end,
whoever already commented is not told.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from samenspel.core.audit import log_action
from samenspel.members.models import Member
from samenspel.notifications.models import Kind
from samenspel.notifications.services import notify

from ..models import Comment, Round, Version

CLOSING_NOTICE_BEFORE = datetime.timedelta(days=2)


def _audience(round_: Round):
    if round_.audience == Round.Audience.INVITED:
        return Member.objects.filter(consultation_invites__round=round_, is_active=True)
    if round_.audience == Round.Audience.CIRCLE:
        # Only the circle's active members (the round is hidden from everyone else).
        return Member.objects.filter(
            status=Member.Status.APPROVED,
            is_active=True,
            circle_memberships__circle_id=round_.version.document.circle_id,
            circle_memberships__status=CircleMembership.Status.ACTIVE,
        )
    return Member.objects.filter(status=Member.Status.APPROVED, is_active=True)


def _due(now, **when):
    return list(
        Round.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(version__status=Version.Status.PUBLISHED, opens_at__lte=now, closes_at__gt=now, **when)
        .select_related("version__document")
        .order_by("pk")
    )


def _tell(round_: Round, *, kind: str, message: str, exclude=()) -> int:
    told = notify(
        recipients=_audience(round_).exclude(pk__in=exclude).order_by("pk"),
        kind=kind,
        message=message,
        params={"round": round_.title, "closes_at": round_.closes_at.isoformat()},
        link=reverse("consultations:round_detail", args=[round_.pk]),
        email=round_.audience != Round.Audience.INVITED,
    )
    return len(told)


def notify_rounds(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Tell the audiences of rounds that opened, and of rounds that close within two days.

    Returns (rounds told they opened, rounds told they close soon).
    """
    now = now or timezone.now()
    with transaction.atomic():
        opened = _due(now, opened_notice_at__isnull=True)
        Round.objects.filter(pk__in=[round_.pk for round_ in opened]).update(opened_notice_at=now)
        for round_ in opened:
            count = _tell(round_, kind=Kind.ROUND_OPENED, message="round.opened")
            log_action(actor=None, action="consultation.round.opened_notice", target=round_, data={"told": count})
    with transaction.atomic():
        closing = _due(now, closing_notice_at__isnull=True, closes_at__lte=now + CLOSING_NOTICE_BEFORE)
        Round.objects.filter(pk__in=[round_.pk for round_ in closing]).update(closing_notice_at=now)
        for round_ in closing:
            commented = Comment.objects.filter(
                round=round_, author__isnull=False, withdrawn_at__isnull=True
            ).values_list("author_id", flat=True)
            count = _tell(round_, kind=Kind.ROUND_CLOSING, message="round.closing", exclude=commented)
            log_action(actor=None, action="consultation.round.closing_notice", target=round_, data={"told": count})
    return len(opened), len(closing)
