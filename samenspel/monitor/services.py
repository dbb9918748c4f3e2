"""Every write of the motion monitor: assessments, closing a period, corrections.

A closed period is history: its figures are frozen in Snapshots (one per organisation and one for
the city) and never recomputed. An assessment of a closed period cannot be changed; a coordinator
records a Correction instead, which keeps the old and the new value and the reason.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.core import cache_version
from samenspel.core.audit import log_action
from samenspel.lib.errors import DomainError

from . import indicators
from .models import Correction, LevelAssessment, Period, Snapshot

MAX_TEXT = 2000


class MonitorError(DomainError):
    """A monitor rule was broken; `message` can be shown to the person."""


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def current_period(*, today: datetime.date | None = None) -> Period:
    """The period of today's quarter (made when it does not exist yet)."""
    year, quarter = quarter_of(today or timezone.localdate())
    return get_or_create_period(year=year, quarter=quarter)


def get_or_create_period(*, year: int, quarter: int) -> Period:
    found = Period.objects.filter(year=year, quarter=quarter).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            period, _created = Period.objects.get_or_create(year=year, quarter=quarter)
    except IntegrityError:  # made by another request at the same moment
        period = Period.objects.get(year=year, quarter=quarter)
    return period


# --------------------------------------------------------------------------------------
# The three-level self-assessment
# --------------------------------------------------------------------------------------


@transaction.atomic
def save_assessment(*, actor, organisation, period: Period, level: str, step: int, explanation: str, evidence: str):
    """Store (or change) an organisation's assessment of one level in an open period."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise MonitorError(
            _("This period is closed, so its assessment cannot change. Ask a coordinator to record a correction.")
        )
    if level not in LevelAssessment.Level.values:
        raise MonitorError(_("Choose one of the three levels."))
    if step not in LevelAssessment.Step.values:
        raise MonitorError(_("Choose how far this level is: aware, committed, implementing or embedded."))
    explanation, evidence = explanation.strip(), evidence.strip()
    if not explanation:
        raise MonitorError(_("Explain in a few sentences why you chose this step."))
    if len(explanation) > MAX_TEXT or len(evidence) > MAX_TEXT:
        raise MonitorError(_("Keep the explanation and the evidence under 2000 characters each."))
    assessment, created = LevelAssessment.objects.update_or_create(
        organisation=organisation,
        period=period,
        level=level,
        defaults={"step": step, "explanation": explanation, "evidence": evidence, "updated_by": actor},
    )
    log_action(
        actor=actor,
        action="monitor.assessment.created" if created else "monitor.assessment.changed",
        target=assessment,
        data={"organisation": organisation.pk, "period": str(period), "level": level, "step": step},
    )
    return assessment


# --------------------------------------------------------------------------------------
# Closing a period
# --------------------------------------------------------------------------------------


def snapshot_data(result: indicators.OrganisationFigures) -> dict:
    return {
        "figures": result.figures,
        "teams": [{"id": team.pk, "name": team.name, **team.figures} for team in result.teams],
    }


@transaction.atomic
def close_period(*, actor, period: Period, today: datetime.date | None = None) -> Period:
    """Freeze the figures as of the period's last day, per organisation and for the city."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise MonitorError(_("This period is already closed."))
    today = today or timezone.localdate()
    if today <= period.ends_on:
        raise MonitorError(
            _("This period ends on %(date)s. You can close it from the next day on.")
            % {"date": period.ends_on.strftime("%d-%m-%Y")}
        )
    computed = indicators.compute(on=period.ends_on, period=period)
    Snapshot.objects.bulk_create(
        [Snapshot(period=period, organisation=r.organisation, data=snapshot_data(r)) for r in computed.organisations]
        + [Snapshot(period=period, organisation=None, data={"figures": computed.city})]
    )
    period.closed_at = timezone.now()
    period.closed_by = actor
    period.save(update_fields=["closed_at", "closed_by"])
    cache_version.bump("monitor")
    log_action(
        actor=actor,
        action="monitor.period.closed",
        target=period,
        data={"period": str(period), "organisations": len(computed.organisations)},
    )
    return period


MAX_PAST_QUARTERS = 40  # ten years: how far back the list of quarters to close reaches


def _quarter_index(year: int, quarter: int) -> int:
    return year * 4 + quarter - 1


def past_open_periods(*, today: datetime.date | None = None) -> list[Period]:
    """Every past quarter that is not closed, oldest first (made when it does not exist yet).

    From the earliest quarter that has a period (at most MAX_PAST_QUARTERS back) up to the
    quarter before today's.
    """
    today = today or timezone.localdate()
    last = _quarter_index(*quarter_of(today)) - 1
    earliest = Period.objects.order_by("year", "quarter").values_list("year", "quarter").first()
    first = _quarter_index(*earliest) if earliest else last
    first = max(first, last - MAX_PAST_QUARTERS + 1)
    existing = {_quarter_index(p.year, p.quarter): p for p in Period.objects.filter(year__gte=first // 4)}
    result = []
    for index in range(first, last + 1):
        period = existing.get(index) or get_or_create_period(year=index // 4, quarter=index % 4 + 1)
        if not period.is_closed:
            result.append(period)
    return result


def close_past_periods(*, actor, today: datetime.date | None = None) -> list[Period]:
    """Close every past quarter that is still open, oldest first (each in its own transaction)."""
    return [close_period(actor=actor, period=period, today=today) for period in past_open_periods(today=today)]


# --------------------------------------------------------------------------------------
# Corrections
# --------------------------------------------------------------------------------------


def clean_value(indicator: indicators.Indicator, raw):
    """The new value of a correction in the type its indicator has, or MonitorError."""
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    if indicator.kind == "level":
        if text == "":
            return None
        if text not in {"1", "2", "3", "4"}:
            raise MonitorError(_("A level is 1, 2, 3 or 4 (or empty when it was not filled in)."))
        return int(text)
    if indicator.kind == "fte":
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise MonitorError(_("Fill in a number of FTE, such as 2.5.")) from None
        if not value.is_finite() or value < 0 or value > 10000:
            raise MonitorError(_("Fill in a number of FTE, such as 2.5."))
        return float(value.quantize(Decimal("0.01")))
    if not text.isdigit() or len(text) > 6:
        raise MonitorError(_("Fill in a whole number of 0 or more."))
    return int(text)


@transaction.atomic
def record_correction(*, actor, period: Period, organisation, indicator: str, new_value, reason: str) -> Correction:
    """Correct one figure of one organisation in a closed period; the snapshot itself stays as it was."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    if not period.is_closed:
        raise MonitorError(_("Only a closed period gets corrections. An open period is counted again every day."))
    found = indicators.BY_KEY.get(indicator)
    if found is None or not found.correctable:
        raise MonitorError(_("Choose a figure that can be corrected."))
    reason = (reason or "").strip()
    if not reason:
        raise MonitorError(_("Say why the figure is corrected."))
    if len(reason) > MAX_TEXT:
        raise MonitorError(_("Keep the reason under 2000 characters."))
    value = clean_value(found, new_value)
    try:
        snapshot = Snapshot.objects.get(period=period, organisation=organisation)
    except Snapshot.DoesNotExist:
        raise MonitorError(_("This organisation has no figures in this period.")) from None
    earlier = Correction.objects.filter(period=period, organisation=organisation).order_by("recorded_at", "pk")
    old_value = indicators.apply_corrections(snapshot.data["figures"], earlier).get(indicator)
    if old_value == value:
        raise MonitorError(_("The new value is the same as the current one."))
    correction = Correction.objects.create(
        period=period,
        organisation=organisation,
        indicator=indicator,
        old_value=old_value,
        new_value=value,
        reason=reason,
        recorded_by=actor,
    )
    cache_version.bump("monitor")
    log_action(
        actor=actor,
        action="monitor.correction.recorded",
        target=correction,
        data={"period": str(period), "organisation": organisation.pk, "indicator": indicator},
    )
    return correction


@transaction.atomic
def save_assessments(*, actor, organisation, period: Period, levels: list[dict]) -> list[LevelAssessment]:
    """The three levels at once: all saved, or none."""
    return [save_assessment(actor=actor, organisation=organisation, period=period, **level) for level in levels]
