"""The motion monitor on the home page (registered with samenspel.core.home): quarters to close,
self-assessments that are due or missing, and the latest closed quarter for the municipality.

When a self-assessment is due: a quarter's assessment is due from the first day of its last month
to its end, and after the end until a coordinator closes the quarter (a closed quarter's figures
are frozen). So at most two quarters are due at once: the one that ended, and the current one in
its last month. Reading the home page writes nothing (no Period rows are made here).
"""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.core.home import Item
from samenspel.organisations.models import Organisation

from .models import LevelAssessment, Period
from .selectors import period_label

LEVELS = len(LevelAssessment.Level.values)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def current_quarter(today: datetime.date) -> tuple[int, int]:
    return today.year, (today.month - 1) // 3 + 1


def due_quarters(today: datetime.date, periods: dict[tuple[int, int], bool]) -> list[tuple[int, int]]:
    """The quarters whose self-assessment is due on `today` (see the module's text), oldest first.

    periods: the known quarters, True for a closed one. The quarter that ended is due only while its
    period exists and is open: an assessment is written into an existing period.
    """
    current = current_quarter(today)
    due = []
    previous = previous_quarter(*current)
    if periods.get(previous) is False:
        due.append(previous)
    if today.month % 3 == 0 and not periods.get(current):  # the quarter's last month
        due.append(current)
    return due


def _label(year: int, quarter: int) -> str:
    return period_label(Period(year=year, quarter=quarter))


def _periods(today: datetime.date) -> dict[tuple[int, int], bool]:
    """The open quarters and the last two, each with whether it is closed. One query.

    Only open periods and the last two quarters are read, however long the monitor has run.
    """
    current = current_quarter(today)
    previous = previous_quarter(*current)
    rows = Period.objects.filter(
        Q(closed_at__isnull=True) | Q(year=current[0], quarter=current[1]) | Q(year=previous[0], quarter=previous[1])
    ).values_list("year", "quarter", "closed_at")
    return {(year, quarter): closed_at is not None for year, quarter, closed_at in rows}


def quarters_to_close(today: datetime.date, periods: dict[tuple[int, int], bool]) -> list[tuple[int, int]]:
    """The quarters that ended and are not closed, the one just ended also when it has no period yet."""
    current = current_quarter(today)
    ended = {quarter for quarter, closed in periods.items() if not closed and quarter < current}
    if not periods.get(previous_quarter(*current)):
        ended.add(previous_quarter(*current))
    return sorted(ended)


def _done_per_organisation(organisations, quarters: list[tuple[int, int]]) -> list[tuple[Organisation, list[int]]]:
    """Each organisation with the number of levels filled in for each of `quarters`. One query."""
    counts = {
        f"done_{index}": Count(
            "level_assessments",
            filter=Q(level_assessments__period__year=year, level_assessments__period__quarter=quarter),
        )
        for index, (year, quarter) in enumerate(quarters)
    }
    rows = organisations.annotate(**counts).order_by("name")
    return [(row, [getattr(row, f"done_{index}") for index in range(len(quarters))]) for row in rows]


def coordinator_items(user, scope) -> list[Item]:
    """Quarters that ended and are not closed, and organisations whose due self-assessment is missing.

    Two queries."""
    today = timezone.localdate()
    periods = _periods(today)
    items = [
        Item(
            title=_("Close %(period)s") % {"period": _label(year, quarter)},
            url=reverse("monitor:period_list"),
            text=_("The quarter is over. Close it, so its figures are fixed and public."),
        )
        for year, quarter in quarters_to_close(today, periods)
    ]
    due = due_quarters(today, periods)
    if due:
        organisations = Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
        rows = _done_per_organisation(organisations, due)
        for index, (year, quarter) in enumerate(due):
            missing = sum(1 for _organisation, done in rows if done[index] < LEVELS)
            if missing:
                items.append(
                    Item(
                        title=_("Self-assessments missing for %(period)s") % {"period": _label(year, quarter)},
                        url=reverse("monitor:assessment_list"),
                        text=ngettext(
                            "%(count)s organisation has not yet said how far the three levels are.",
                            "%(count)s organisations have not yet said how far the three levels are.",
                            missing,
                        )
                        % {"count": missing},
                        count=missing,
                    )
                )
    return items


def organisation_items(user, organisations: list[Organisation]) -> list[Item]:
    """Representatives: each organisation's self-assessment while it is due and not complete. Two queries."""
    today = timezone.localdate()
    due = due_quarters(today, _periods(today))
    if not due:
        return []
    items = []
    queryset = Organisation.objects.filter(pk__in=[organisation.pk for organisation in organisations])
    for organisation, done in _done_per_organisation(queryset, due):
        for (year, quarter), count in zip(due, done, strict=True):
            if count >= LEVELS:
                continue
            ended = (year, quarter) < current_quarter(today)
            items.append(
                Item(
                    title=_("Self-assessment of %(organisation)s for %(period)s")
                    % {"organisation": organisation.name, "period": _label(year, quarter)},
                    url=reverse("monitor:assessment_edit", args=[organisation.slug, year, quarter]),
                    text=(
                        _("The quarter is over. Fill it in before the coordinator closes the quarter.")
                        if ended
                        else _("Say how far the three levels are: %(done)s of %(levels)s filled in.")
                        % {"done": count, "levels": LEVELS}
                    ),
                    when=None if ended else Period(year=year, quarter=quarter).ends_on,
                    when_label="" if ended else _("Due"),
                )
            )
    return items


def municipality_items(user, scope) -> list[Item]:
    """The municipality viewer: the latest closed quarter, and the figures per team. One query."""
    latest = Period.objects.filter(closed_at__isnull=False).order_by("-year", "-quarter").first()
    items = []
    if latest is not None:
        items.append(
            Item(
                title=_("The figures of %(period)s") % {"period": period_label(latest)},
                url=reverse("monitor:dashboard"),
                text=_("The latest closed quarter."),
                when=latest.closed_at,
                when_label=_("Closed"),
            )
        )
    items.append(
        Item(
            title=_("Figures per team"),
            url=reverse("monitor:detail_list"),
            text=_("Today's figures of every organisation, per team. Not public."),
        )
    )
    return items
