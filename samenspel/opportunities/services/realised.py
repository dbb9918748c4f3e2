"""What paid work realised, per person: recorded by the poster or a coordinator.

Rules (the form says them too; the database checks the last two again):
- only for paid work: a paid job or assignment, or any opportunity with a fee or hourly rate;
- the person is one of the opportunity's chosen respondents, or someone without an account
  (`member=None`; then the recorder says whether they are an expert by experience);
- `by_expert` of a member comes from their kind ("expert by experience") when recorded;
- hours and fee are not negative; "until" is not before "from";
- neither date is after today: this records what *was* realised. Work still going on is recorded
  when it ends (the monitor counts it in the quarter of its end date, so a future date would put
  figures in a quarter that has not happened).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.lib.errors import DomainError
from samenspel.members.models import Member

from ..models import Opportunity, RealisedWork, Response


class RealisedWorkError(DomainError):
    pass


def is_paid_work(opportunity: Opportunity) -> bool:
    return opportunity.kind in Opportunity.PAID_KINDS or opportunity.pay != Opportunity.Pay.NONE


def _check(
    *,
    opportunity: Opportunity,
    member,
    hours: Decimal,
    fee: Decimal,
    started_on: datetime.date,
    ended_on: datetime.date,
) -> None:
    if not is_paid_work(opportunity):
        raise RealisedWorkError(_("You can record realised work only for paid work."))
    if (
        member is not None
        and not Response.objects.filter(opportunity=opportunity, member=member, status=Response.Status.CHOSEN).exists()
    ):
        raise RealisedWorkError(_("Choose one of the people you chose for this opportunity."))
    if hours < 0 or fee < 0:
        raise RealisedWorkError(_("Hours and fee cannot be negative."))
    if ended_on < started_on:
        raise RealisedWorkError(_("The “until” date cannot be before the “from” date."))
    if ended_on > timezone.localdate():
        raise RealisedWorkError(_("Record work when it is done: the dates cannot be after today."))


def _by_expert(member, by_expert: bool) -> bool:
    return member.kind == Member.Kind.EXPERT if member is not None else bool(by_expert)


@transaction.atomic
def record(
    *,
    opportunity: Opportunity,
    actor,
    member,
    by_expert: bool = False,
    hours: Decimal,
    fee: Decimal,
    started_on: datetime.date,
    ended_on: datetime.date,
) -> RealisedWork:
    _check(opportunity=opportunity, member=member, hours=hours, fee=fee, started_on=started_on, ended_on=ended_on)
    row = RealisedWork.objects.create(
        opportunity=opportunity,
        member=member,
        by_expert=_by_expert(member, by_expert),
        hours=hours,
        fee=fee,
        started_on=started_on,
        ended_on=ended_on,
        recorded_by=actor,
    )
    log_action(actor=actor, action="opportunity.realised.recorded", target=row, data={"opportunity": opportunity.pk})
    return row


@transaction.atomic
def update(
    *,
    row: RealisedWork,
    actor,
    member,
    by_expert: bool = False,
    hours: Decimal,
    fee: Decimal,
    started_on: datetime.date,
    ended_on: datetime.date,
) -> RealisedWork:
    row = RealisedWork.objects.select_for_update().select_related("opportunity").get(pk=row.pk)
    _check(opportunity=row.opportunity, member=member, hours=hours, fee=fee, started_on=started_on, ended_on=ended_on)
    row.member = member
    row.by_expert = _by_expert(member, by_expert)
    row.hours, row.fee, row.started_on, row.ended_on = hours, fee, started_on, ended_on
    row.save(update_fields=["member", "by_expert", "hours", "fee", "started_on", "ended_on"])
    log_action(actor=actor, action="opportunity.realised.changed", target=row, data={"opportunity": row.opportunity_id})
    return row


@transaction.atomic
def delete(*, row: RealisedWork, actor) -> None:
    log_action(actor=actor, action="opportunity.realised.deleted", target=row, data={"opportunity": row.opportunity_id})
    row.delete()
