"""The monitor's open data as JSON (django-ninja): the closed periods and each period's figures.

The same public figures as the dashboard and the CSV/XLSX files, with the small-number rule:
a hidden figure is null and its key is listed in `hidden`.
"""

import datetime
from typing import Annotated

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Path, Router, Schema

from samenspel.core.api_errors import BAD_PARAMETERS, NOT_FOUND
from samenspel.core.cache_version import cached
from samenspel.lib.http import api_get, not_modified, set_validators, validators

from . import exports, selectors
from .models import Period

router = Router(tags=["monitor"])

# Path parameters: plain `{year}` in the route, not the `<id:>` converter of the pages' URLs, so that
# ninja checks them against these bounds: a bad value (0, 5, "abc", 10^30) answers 422 with what is
# wrong instead of a 404, never reaches a query, and the schema tells clients the range.
Year = Annotated[int, Path(ge=1, le=9999, description=gettext_noop("The year, e.g. 2024."))]
Quarter = Annotated[int, Path(ge=1, le=4, description=gettext_noop("The quarter: 1 to 4."))]


class PeriodOut(Schema):
    year: int
    quarter: int = Field(ge=1, le=4)
    starts_on: datetime.date
    ends_on: datetime.date
    closed_at: datetime.datetime | None = Field(description=gettext_noop("When a coordinator closed the period."))


class FiguresOut(Schema):
    figures: dict[str, int | float | None] = Field(
        description=gettext_noop("Each figure by its key (see the monitor's explanation page); null when hidden.")
    )
    hidden: list[str] = Field(description=gettext_noop("The keys of the figures hidden by the small-number rule."))


class OrganisationOut(FiguresOut):
    name: str
    slug: str
    corrected: list[str] = Field(description=gettext_noop("The keys of the figures corrected after closing."))


class MotionRequestOut(Schema):
    request: str = Field(description=gettext_noop("The motion's request: a, b or c."))
    text: str
    status: str = Field(description=gettext_noop("not_started, under_way or met."))


class PeriodFiguresOut(Schema):
    period: PeriodOut
    city: FiguresOut
    organisations: list[OrganisationOut]
    motion: list[MotionRequestOut]


@api_get(
    router,
    "/periods",
    response=list[PeriodOut],
    url_name="monitor_periods",
    summary=gettext_noop("Closed periods"),
    description=gettext_noop("The closed periods (quarters), oldest first. Only closed periods have public figures."),
)
def periods(request):
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


@api_get(
    router,
    "/periods/{year}/{quarter}",
    response={200: PeriodFiguresOut, **NOT_FOUND, **BAD_PARAMETERS},
    url_name="monitor_period",
    summary=gettext_noop("The figures of one closed period"),
    description=gettext_noop(
        "The city's and every organisation's figures of one closed period, corrections applied. "
        "A period that does not exist or is not closed yet answers 404."
    ),
)
def period(request, response: HttpResponse, year: Year, quarter: Quarter):
    """With an ETag and Last-Modified: a conditional request for unchanged figures gets 304."""

    def missing():
        return Http404(_("There is no closed period Q%(quarter)s %(year)s.") % {"quarter": quarter, "year": year})

    if not Period.objects.filter(year=year, quarter=quarter, closed_at__isnull=False).exists():
        raise missing()
    etag, last_modified = validators(exports.open_data_version(request, "json", year, quarter))
    early = not_modified(request, etag, last_modified)
    if early is not None:
        return early
    set_validators(response, etag, last_modified)

    def compute():
        figures = selectors.closed_period(year, quarter)
        if figures is None:
            raise missing()
        return exports.as_json(figures)

    return cached(request, ("monitor.api.period", year, quarter), compute, keys=exports.cache_keys())
