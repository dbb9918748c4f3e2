"""Open data: the public figures of one closed period as rows, CSV and XLSX (JSON: see api.py).

The same figures as the dashboard, with the same small-number rule: counts from 1 to 4 read
"<5", an FTE or a share that would give such a count away is left empty. Shares are percentages.
"""

from __future__ import annotations

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from samenspel.core.cache_version import stamp
from samenspel.lib.csvfiles import safe_cell, write_rows

from . import extra_figures, indicators, selectors

CITY_SLUG = "city"

# The cache versions of what the public monitor shows: closed periods and corrections
# (`monitor`, bumped by samenspel.monitor.services) and the organisations' names.
CACHE_KEYS = ("monitor", "organisation:*")


def cache_keys() -> tuple[str, ...]:
    """CACHE_KEYS and the keys of the figures other apps add (extra_figures: `paid-work`)."""
    return CACHE_KEYS + extra_figures.cache_keys()


def open_data_version(request, kind: str, year: int, quarter: int) -> tuple:
    """What a closed period's open data (`kind`: csv, xlsx, json) is made from, for its ETag.

    Closing a period and every correction raise the `monitor` version, renaming an organisation
    its own, the other apps' figures theirs (`cache_keys()`, samenspel.core.cache_version); the cached files use the same keys. One
    query, none for a logged-in person (the request has read the versions already).
    """
    return ("monitor.open-data", kind, year, quarter, stamp(request, cache_keys()), get_language())


def header() -> list[str]:
    return [
        "period",
        "organisation",
        "organisation_slug",
        *[i.key for i in indicators.INDICATORS],
        *extra_figures.export_keys(),
    ]


def rows(figures: selectors.PeriodFigures) -> list[list]:
    """One row per organisation and one for the city (last); the other apps' figures (extra_figures)
    are the city's only, empty in the organisations' rows."""
    city_hidden, organisation_hidden = figures.hidden()
    period = f"{figures.period.year}-Q{figures.period.quarter}"
    extra_keys = extra_figures.export_keys()
    out = []
    for row, hidden in zip(figures.organisations, organisation_hidden, strict=True):
        values = [selectors.export_value(i.key, row.figures, hidden) for i in indicators.INDICATORS]
        out.append([period, row.name, row.slug, *values, *[None for _key in extra_keys]])
    values = [selectors.export_value(i.key, figures.city, city_hidden) for i in indicators.INDICATORS]
    extra, _hidden = extra_figures.export_values(figures.period.year, figures.period.quarter)
    out.append([period, _("City total"), CITY_SLUG, *values, *[extra[key] for key in extra_keys]])
    return out


def as_csv(figures: selectors.PeriodFigures) -> str:
    return write_rows(rows(figures), header())


# Number formats per kind of indicator: whole numbers, FTE with two decimals, shares (in %) and levels with one.
NUMBER_FORMATS = {"count": "0", "teams": "0", "fte": "0.00", "share": "0.0", "level": "0.0"}
MAX_WIDTH = 80  # characters; longer texts wrap


def _fit_columns(sheet, widest: list[int], wrap_from: int | None = None) -> None:
    """Column widths that fit the longest value (the header at least), plus a little room."""
    for index, width in enumerate(widest, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
        if wrap_from is not None and index >= wrap_from:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _table(sheet, names: list[str], lines: list[list], formats: list[str | None], wrap_from=None) -> None:
    """A header row in bold and frozen, the lines, and column widths that fit."""
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widest = [len(name) for name in names]
    for row in lines:
        sheet.append(row)
        widest = [
            max(width, len(str(value)) if value is not None else 0) for width, value in zip(widest, row, strict=True)
        ]
    for index, number_format in enumerate(formats, start=1):
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, int | float):
                    cell.number_format = number_format
    _fit_columns(sheet, widest, wrap_from)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def as_xlsx(figures: selectors.PeriodFigures) -> bytes:
    """The figures as a workbook: numbers as numbers ("<5" stays text, as in the CSV), a frozen
    header row, columns as wide as their header and values; a second sheet explains the indicators."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{figures.period.year}-Q{figures.period.quarter}"
    # Text cells are neutralised like in the CSV: no formulas in open data.
    values = [[safe_cell(cell) if isinstance(cell, str) else cell for cell in row] for row in rows(figures)]
    formats = [None, None, None, *[NUMBER_FORMATS.get(i.kind) for i in indicators.INDICATORS]]
    _table(sheet, header(), values, formats)
    explanation = workbook.create_sheet(title=_("Indicators")[:31])
    texts = [[indicator.key, str(indicator.label), str(indicator.explanation)] for indicator in indicators.INDICATORS]
    _table(explanation, ["key", "label", "explanation"], texts, [None, None, None], wrap_from=3)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_json(figures: selectors.PeriodFigures) -> dict:
    """The figures for the API: hidden values are null and named in `hidden`."""
    city_hidden, organisation_hidden = figures.hidden()

    def values(source: dict, hidden: set[str]) -> dict:
        result = {}
        for indicator in indicators.INDICATORS:
            value = selectors.export_value(indicator.key, source, hidden)
            result[indicator.key] = None if value == selectors.HIDDEN_COUNT else value
        return result

    extra, extra_hidden = extra_figures.export_values(figures.period.year, figures.period.quarter)
    city = values(figures.city, city_hidden)
    city.update({key: None if value == extra_figures.HIDDEN_COUNT else value for key, value in extra.items()})
    return {
        "period": {
            "year": figures.period.year,
            "quarter": figures.period.quarter,
            "starts_on": figures.period.starts_on,
            "ends_on": figures.period.ends_on,
            "closed_at": figures.period.closed_at,
        },
        "city": {"figures": city, "hidden": sorted(city_hidden | extra_hidden)},
        "organisations": [
            {
                "name": row.name,
                "slug": row.slug,
                "figures": values(row.figures, hidden),
                "hidden": sorted(hidden),
                "corrected": sorted(row.corrected),
            }
            for row, hidden in zip(figures.organisations, organisation_hidden, strict=True)
        ],
        "motion": [
            {"request": status.letter, "text": str(status.text), "status": status.status} for status in figures.status()
        ],
    }
