"""Posting opportunities: create and change, submit for approval, approve or reject, the poster's
transitions (close, filled, reopen, withdraw), and the public form of partners without an account.

States: draft → pending (waiting for approval) → published → closed or filled. A rejected
opportunity goes back to draft with the coordinator's reason. Every change is audited; emails
are queued after the transaction commits, and `opportunity_published` is sent then too.
"""

import datetime
import logging
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.core.roles import is_coordinator
from samenspel.lib.errors import DomainError
from samenspel.lib.markdown import render_markdown

from .. import access
from ..models import Opportunity
from ..signals import opportunity_published

logger = logging.getLogger(__name__)
Status = Opportunity.Status

# What a poster fills in (themes are set apart: a many-to-many).
EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "offered_by",
    "organisation",
    "circle",
    "area",
    "location",
    "is_online",
    "starts_on",
    "ends_on",
    "days",
    "when_note",
    "hours",
    "hours_unit",
    "pay",
    "fee",
    "hourly_rate",
    "expense_allowance",
    "people_wanted",
    "respond_by",
    "audience",
)
# The public form does not offer these: a coordinator chooses them when checking it.
PUBLIC_FIELDS = tuple(name for name in EDITABLE_FIELDS if name not in ("organisation", "circle", "audience"))


class PostingError(DomainError):
    """A rule of posting was broken; `message` can be shown to the person."""


# --- checks ------------------------------------------------------------------------------------


def monthly_hours(hours, unit: str, starts_on=None, ends_on=None) -> Decimal | None:
    """Hours a month, for matching: a week × 52 / 12; a month as is; a total spread over the months
    between the start and the end when both are known (at least one month), else as is."""
    if hours is None:
        return None
    hours = Decimal(hours)
    if unit == Opportunity.HoursUnit.WEEK:
        result = hours * 52 / 12
    elif unit == Opportunity.HoursUnit.TOTAL and starts_on and ends_on:
        months = Decimal((ends_on - starts_on).days + 1) / Decimal("30.4375")  # days in an average month
        result = hours / max(months, Decimal(1))
    else:
        result = hours
    return result.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def check_fields(fields: dict, *, today: datetime.date | None = None) -> None:
    """The rules of one opportunity that hold whoever posts it (the forms say the same per field)."""
    today = today or timezone.localdate()
    if fields.get("respond_by") and fields["respond_by"] < today:
        raise PostingError(_("The deadline to respond cannot be in the past."))
    for name in ("hours", "fee", "hourly_rate"):
        if fields.get(name) is not None and fields[name] < 0:
            raise PostingError(_("Hours and amounts cannot be negative."))
    if (fields.get("people_wanted") or 0) < 1:
        raise PostingError(_("Ask for at least one person."))
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise PostingError(_("The end date cannot be before the start date."))
    pay = fields.get("pay", Opportunity.Pay.NONE)
    if pay == Opportunity.Pay.FEE and fields.get("fee") is None:
        raise PostingError(_("Fill in the fee."))
    if pay == Opportunity.Pay.HOURLY and fields.get("hourly_rate") is None:
        raise PostingError(_("Fill in the hourly rate."))
    if pay != Opportunity.Pay.FEE and fields.get("fee") is not None:
        raise PostingError(_("A fee is only for a fixed fee. Choose 'A fixed fee' or leave the fee empty."))
    if pay != Opportunity.Pay.HOURLY and fields.get("hourly_rate") is not None:
        raise PostingError(_("An hourly rate is only for pay per hour. Choose 'An hourly rate' or leave it empty."))


def check_scope(actor, *, organisation, circle) -> None:
    """Coordinators post for anyone; others only for a circle they lead or an organisation they represent."""
    if is_coordinator(actor):
        return
    if organisation is not None and organisation.pk not in access.represented_organisation_ids(actor):
        raise PostingError(_("You can only post for an organisation you represent."))
    if circle is not None and circle.pk not in access.led_circle_ids(actor):
        raise PostingError(_("You can only post for a circle you lead."))
    if organisation is None and circle is None:
        raise PostingError(_("Choose the organisation or the circle you post this for."))


def _apply(opportunity: Opportunity, fields: dict) -> None:
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.description_html = render_markdown(opportunity.description, under=2)
    opportunity.monthly_hours = monthly_hours(
        opportunity.hours, opportunity.hours_unit, opportunity.starts_on, opportunity.ends_on
    )


def _editable(fields: dict, allowed=EDITABLE_FIELDS) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    return fields


# --- posting -----------------------------------------------------------------------------------


@transaction.atomic
def create_opportunity(*, actor, themes=(), **fields) -> Opportunity:
    """A draft, posted by `actor` for an organisation or circle they may post for."""
    access.require_may_post(actor)
    fields = _editable(fields)
    check_scope(actor, organisation=fields.get("organisation"), circle=fields.get("circle"))
    check_fields(fields)
    opportunity = Opportunity(status=Status.DRAFT, created_by=actor)
    _apply(opportunity, fields)
    opportunity.save()
    opportunity.themes.set(themes)
    log_action(actor=actor, action="opportunity.created", target=opportunity, data={"status": opportunity.status})
    return opportunity


@transaction.atomic
def update_opportunity(*, actor, opportunity: Opportunity, themes=(), **fields) -> Opportunity:
    """Change what a manager may change; the state stays as it is."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if not access.may_manage(actor, opportunity):
        raise PostingError(_("You cannot change this opportunity."))
    fields = _editable(fields)
    organisation = fields.get("organisation", opportunity.organisation)
    circle = fields.get("circle", opportunity.circle)
    if (organisation, circle) != (opportunity.organisation, opportunity.circle):
        check_scope(actor, organisation=organisation, circle=circle)
    today = timezone.localdate()
    if fields.get("respond_by", opportunity.respond_by) == opportunity.respond_by:
        today = min(today, opportunity.respond_by)  # a deadline that passed may stay; a new one may not be past
    check_fields(fields, today=today)
    changed = sorted(name for name, value in fields.items() if getattr(opportunity, name) != value)
    _apply(opportunity, fields)
    opportunity.save()
    old_themes = set(opportunity.themes.values_list("pk", flat=True))
    new_themes = {theme.pk for theme in themes}
    if old_themes != new_themes:
        opportunity.themes.set(themes)
        changed.append("themes")
    log_action(actor=actor, action="opportunity.changed", target=opportunity, data={"fields": changed})
    return opportunity


def _lock(opportunity: Opportunity) -> Opportunity:
    return Opportunity.objects.select_for_update().get(pk=opportunity.pk)


def _require_status(opportunity: Opportunity, *allowed: str, message: str) -> None:
    if opportunity.status not in allowed:
        raise PostingError(message)


def _set_status(opportunity: Opportunity, *, actor, status: str, action: str, **extra) -> Opportunity:
    opportunity.status = status
    for name, value in extra.items():
        setattr(opportunity, name, value)
    opportunity.save(update_fields=["status", "updated_at", *extra])
    log_action(actor=actor, action=action, target=opportunity, data={"status": status})
    return opportunity


@transaction.atomic
def submit_for_approval(*, actor, opportunity: Opportunity) -> Opportunity:
    opportunity = _lock(opportunity)
    _require_status(opportunity, Status.DRAFT, message=_("Only a draft can be sent for approval."))
    if opportunity.respond_by < timezone.localdate():
        raise PostingError(_("The deadline to respond has passed. Choose a new date first."))
    return _set_status(
        opportunity,
        actor=actor,
        status=Status.PENDING,
        action="opportunity.submitted",
        submitted_at=timezone.now(),
        rejection_reason="",
    )


# --- approval (coordinators) ---------------------------------------------------------------------


def _page_url(opportunity: Opportunity) -> str:
    return settings.SITE_URL + reverse("opportunities:detail", args=[opportunity.pk])


def _email_poster(opportunity: Opportunity, template: str, **context) -> None:
    """To the member who posted it, or to the public submitter (in Dutch: their language is not kept)."""
    member = opportunity.created_by
    if member is not None and member.is_active:
        to, name, language = member.email, member.name, member.preferred_language or "nl"
    elif opportunity.contact_email:
        to, name, language = opportunity.contact_email, opportunity.contact_name, "nl"
    else:
        return
    context = {"name": name, "title": opportunity.title, **context}
    send_templated_email(to=to, template=f"opportunities/{template}", context=context, language=language)


@transaction.atomic
def approve(*, actor, opportunity: Opportunity) -> Opportunity:
    """Publish an opportunity that waits for approval; the poster hears of it, matching too."""
    opportunity = _lock(opportunity)
    _require_status(opportunity, Status.PENDING, message=_("This opportunity is not waiting for approval."))
    if opportunity.respond_by < timezone.localdate():
        raise PostingError(_("The deadline to respond has passed. Change the date before you approve it."))
    now = timezone.now()
    _set_status(
        opportunity,
        actor=actor,
        status=Status.PUBLISHED,
        action="opportunity.approved",
        published_at=now,
        decided_by=actor,
        decided_at=now,
        rejection_reason="",
    )
    _email_poster(opportunity, "approved", url=_page_url(opportunity))
    transaction.on_commit(lambda: _announce(opportunity))
    return opportunity


def _announce(opportunity: Opportunity) -> None:
    """Send `opportunity_published`; a failing receiver is logged and does not undo the publication."""
    for receiver, result in opportunity_published.send_robust(sender=Opportunity, opportunity=opportunity):
        if isinstance(result, Exception):
            logger.error(
                "opportunity_published receiver %s failed for opportunity %s",
                getattr(receiver, "__qualname__", receiver),
                opportunity.pk,
                exc_info=result,
            )


@transaction.atomic
def reject(*, actor, opportunity: Opportunity, reason: str) -> Opportunity:
    """Back to draft, with the reason shown to the poster (and emailed)."""
    reason = (reason or "").strip()
    if not reason:
        raise PostingError(_("Say why, so the poster can change it."))
    opportunity = _lock(opportunity)
    _require_status(opportunity, Status.PENDING, message=_("This opportunity is not waiting for approval."))
    _set_status(
        opportunity,
        actor=actor,
        status=Status.DRAFT,
        action="opportunity.rejected",
        decided_by=actor,
        decided_at=timezone.now(),
        rejection_reason=reason,
    )
    url = _page_url(opportunity) if opportunity.created_by_id else ""
    _email_poster(opportunity, "rejected", reason=reason, url=url)
    return opportunity


# --- the poster's transitions ------------------------------------------------------------------


@transaction.atomic
def close(*, actor, opportunity: Opportunity) -> Opportunity:
    """No more responses."""
    opportunity = _lock(opportunity)
    _require_status(opportunity, Status.PUBLISHED, message=_("Only a published opportunity can be closed."))
    return _set_status(
        opportunity, actor=actor, status=Status.CLOSED, action="opportunity.closed", closed_at=timezone.now()
    )


@transaction.atomic
def mark_filled(*, actor, opportunity: Opportunity) -> Opportunity:
    opportunity = _lock(opportunity)
    _require_status(
        opportunity, Status.PUBLISHED, Status.CLOSED, message=_("Only a published or closed opportunity can be filled.")
    )
    return _set_status(
        opportunity,
        actor=actor,
        status=Status.FILLED,
        action="opportunity.filled",
        closed_at=opportunity.closed_at or timezone.now(),
    )


@transaction.atomic
def reopen(*, actor, opportunity: Opportunity) -> Opportunity:
    """A closed opportunity takes responses again, until its deadline."""
    opportunity = _lock(opportunity)
    _require_status(opportunity, Status.CLOSED, message=_("Only a closed opportunity can be opened again."))
    if opportunity.respond_by < timezone.localdate():
        raise PostingError(_("The deadline to respond has passed, so it cannot be opened again."))
    return _set_status(opportunity, actor=actor, status=Status.PUBLISHED, action="opportunity.reopened", closed_at=None)


@transaction.atomic
def withdraw(*, actor, opportunity: Opportunity) -> Opportunity | None:
    """A pending opportunity goes back to draft; a draft is deleted (returns None)."""
    opportunity = _lock(opportunity)
    _require_status(
        opportunity,
        Status.DRAFT,
        Status.PENDING,
        message=_("Only a draft or one waiting for approval can be withdrawn."),
    )
    if opportunity.status == Status.PENDING:
        return _set_status(opportunity, actor=actor, status=Status.DRAFT, action="opportunity.withdrawn")
    log_action(actor=actor, action="opportunity.deleted", target=opportunity, data={"status": opportunity.status})
    opportunity.delete()
    return None


# --- the public form ---------------------------------------------------------------------------


@transaction.atomic
def submit_public(*, contact_name: str, contact_email: str, themes=(), language: str | None = None, **fields):
    """A partner without an account: waiting for approval at once; a confirmation to the contact."""
    fields = _editable(fields, PUBLIC_FIELDS)
    check_fields(fields)
    now = timezone.now()
    opportunity = Opportunity(
        status=Status.PENDING,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        submitted_at=now,
        created_at=now,
    )
    _apply(opportunity, fields)
    opportunity.save()
    opportunity.themes.set(themes)
    log_action(actor=None, action="opportunity.submitted_publicly", target=opportunity, data={"status": Status.PENDING})
    send_templated_email(
        to=opportunity.contact_email,
        template="opportunities/received",
        context={"name": opportunity.contact_name, "title": opportunity.title},
        language=(language or translation.get_language() or "nl")[:2],
    )
    return opportunity
