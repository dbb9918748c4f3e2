"""Reads of the motion monitor: the figures of closed periods (public) and the live preview.

A closed period's figures come from its snapshots with the corrections applied; the city's are
added up again from the corrected organisation figures. Three queries give every closed period.
`public_cells` applies the small-number rule for what the dashboard and the open data show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from . import indicators
from .models import Correction, Period, Snapshot

HIDDEN_COUNT = "<5"


@dataclass
class OrganisationRow:
    organisation_id: int
    name: str
    slug: str
    figures: dict  # derived, corrections applied
    corrected: set[str] = field(default_factory=set)
    teams: list[dict] = field(default_factory=list)  # not public


@dataclass
class PeriodFigures:
    period: Period
    city: dict
    organisations: list[OrganisationRow]
    frozen_city: dict  # the city's snapshot as it was frozen, before corrections
    corrections: list[Correction] = field(default_factory=list)

    @property
    def label(self) -> str:
        return period_label(self.period)

    def hidden(self) -> tuple[set[str], list[set[str]]]:
        """Keys hidden in public: for the city row and for each organisation row."""
        return indicators.hidden_keys(self.city), indicators.hide_across([row.figures for row in self.organisations])

    def status(self) -> list[indicators.RequestStatus]:
        return indicators.motion_status([row.figures for row in self.organisations], self.city)


def period_label(period: Period) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": period.quarter, "year": period.year}


def skipped_labels(closed: list[Period]) -> list[str]:
    """The quarters between the first and the last closed one that were not closed ("Q2 2025")."""
    done = {p.year * 4 + p.quarter - 1 for p in closed}
    if not done:
        return []
    return [
        _("Q%(quarter)s %(year)s") % {"quarter": i % 4 + 1, "year": i // 4}
        for i in range(min(done), max(done) + 1)
        if i not in done
    ]


def _build(period, snapshots, corrections) -> PeriodFigures:
    rows, frozen_city = [], {}
    for snapshot in snapshots:
        if snapshot.organisation_id is None:
            frozen_city = snapshot.data["figures"]
            continue
        own = [c for c in corrections if c.organisation_id == snapshot.organisation_id]
        figures = indicators.apply_corrections(snapshot.data["figures"], own)
        rows.append(
            OrganisationRow(
                organisation_id=snapshot.organisation_id,
                name=snapshot.organisation.name,
                slug=snapshot.organisation.slug,
                figures=figures,
                corrected={c.indicator for c in own},
                teams=snapshot.data.get("teams", []),
            )
        )
    rows.sort(key=lambda row: row.name.lower())
    city = indicators.derive(indicators.aggregate([row.figures for row in rows]))
    for row in rows:
        row.figures = indicators.derive(row.figures)
    return PeriodFigures(period=period, city=city, organisations=rows, frozen_city=frozen_city, corrections=corrections)


def closed_periods() -> list[PeriodFigures]:
    """Every closed period with its (corrected) figures, oldest first: three queries."""
    periods = list(Period.objects.filter(closed_at__isnull=False).order_by("year", "quarter"))
    if not periods:
        return []
    snapshots: dict[int, list[Snapshot]] = {p.pk: [] for p in periods}
    for snapshot in Snapshot.objects.filter(period__in=periods).select_related("organisation"):
        snapshots[snapshot.period_id].append(snapshot)
    corrections: dict[int, list[Correction]] = {p.pk: [] for p in periods}
    for correction in Correction.objects.filter(period__in=periods).order_by("recorded_at", "pk"):
        corrections[correction.period_id].append(correction)
    return [_build(p, snapshots[p.pk], corrections[p.pk]) for p in periods]


def closed_period_list() -> list[Period]:
    return list(Period.objects.filter(closed_at__isnull=False).order_by("year", "quarter"))


def closed_period(year: int, quarter: int) -> PeriodFigures | None:
    period = Period.objects.filter(year=year, quarter=quarter, closed_at__isnull=False).first()
    if period is None:
        return None
    snapshots = list(Snapshot.objects.filter(period=period).select_related("organisation"))
    corrections = list(Correction.objects.filter(period=period).order_by("recorded_at", "pk"))
    return _build(period, snapshots, corrections)


def live(*, on: datetime.date, period: Period | None) -> indicators.Computed:
    """The figures as they would be frozen if the period closed on `on` (not public)."""
    return indicators.compute(on=on, period=period)


# --------------------------------------------------------------------------------------
# Showing a figure
# --------------------------------------------------------------------------------------


def format_value(key: str, value) -> str:
    """A figure as a person reads it (in the active language)."""
    indicator = indicators.BY_KEY[key]
    if value is None:
        return "–"
    if indicator.kind == "share":
        return f"{formats.number_format(round(value * 100), 0)}%"
    if indicator.kind == "fte":
        return formats.number_format(value, 1)
    if indicator.kind == "level":
        if isinstance(value, int):
            from .models import LevelAssessment

            return f"{value} {LevelAssessment.Step(value).label.lower()}"
        return formats.number_format(value, 1)
    return formats.number_format(value, 0, force_grouping=True)


@dataclass(frozen=True)
class Cell:
    key: str
    text: str
    value: float | int | None  # None when hidden or unknown
    hidden: bool = False
    corrected: bool = False


def cell(key: str, figures: dict, hidden: set[str], corrected: set[str] | None = None) -> Cell:
    if key in hidden:
        text = _("fewer than 5") if indicators.BY_KEY[key].kind == "count" else _("not shown")
        return Cell(key, text, None, hidden=True, corrected=key in (corrected or ()))
    value = figures.get(key)
    return Cell(key, format_value(key, value), value, corrected=key in (corrected or ()))


def export_value(key: str, figures: dict, hidden: set[str]):
    """A figure for the open data: counts below 5 as "<5", other hidden figures empty, shares in %."""
    if key in hidden:
        return HIDDEN_COUNT if indicators.BY_KEY[key].kind == "count" else None
    value = figures.get(key)
    if value is not None and indicators.BY_KEY[key].kind == "share":
        return round(value * 100, 1)
    return value
