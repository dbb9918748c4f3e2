"""The monitor's open data as JSON (django-ninja): the closed periods and each period's figures.

The same public figures as the dashboard and the CSV/XLSX files, with the small-number rule:
a hidden figure is null and its key is listed in `hidden`.
"""

import datetime

from django.http import Http404
from ninja import Router, Schema

from samenspel.core.cache_version import cached

from . import exports, selectors

router = Router(tags=["monitor"])


class PeriodOut(Schema):
    year: int
    quarter: int
    starts_on: datetime.date
    ends_on: datetime.date
    closed_at: datetime.datetime | None


class FiguresOut(Schema):
    figures: dict[str, int | float | None]
    hidden: list[str]


class OrganisationOut(FiguresOut):
    name: str
    slug: str
    corrected: list[str]


class MotionRequestOut(Schema):
    request: str
    text: str
    status: str


class PeriodFiguresOut(Schema):
    period: PeriodOut
    city: FiguresOut
    organisations: list[OrganisationOut]
    motion: list[MotionRequestOut]


@router.get("/periods", response=list[PeriodOut], url_name="monitor_periods", summary="Closed periods")
def periods(request):
    """The closed periods (quarters), oldest first. Only closed periods have public figures."""
    return [
        {
            "year": p.year,
            "quarter": p.quarter,
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
            "closed_at": p.closed_at,
        }
        for p in selectors.closed_period_list()
    ]


@router.get(
    "/periods/{id:year}/{id:quarter}",
    response=PeriodFiguresOut,
    url_name="monitor_period",
    summary="The figures of one closed period",
)
def period(request, year: int, quarter: int):
    """The city's and every organisation's figures of one closed period, corrections applied."""

    def compute():
        figures = selectors.closed_period(year, quarter)
        if figures is None:
            raise Http404
        return exports.as_json(figures)

    return cached(request, ("monitor.api.period", year, quarter), compute)
