"""Open data: the public figures of one closed period as rows, CSV and XLSX (JSON: see api.py).

The same figures as the dashboard, with the same small-number rule: counts from 1 to 4 read
"<5", an FTE or a share that would give such a count away is left empty. Shares are percentages.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from samenspel.lib.csvfiles import safe_cell, write_rows

from . import indicators, selectors

CITY_SLUG = "city"


def header() -> list[str]:
    return ["period", "organisation", "organisation_slug", *[i.key for i in indicators.INDICATORS]]


def rows(figures: selectors.PeriodFigures) -> list[list]:
    """One row per organisation and one for the city (last)."""
    city_hidden, organisation_hidden = figures.hidden()
    period = f"{figures.period.year}-Q{figures.period.quarter}"
    out = []
    for row, hidden in zip(figures.organisations, organisation_hidden, strict=True):
        values = [selectors.export_value(i.key, row.figures, hidden) for i in indicators.INDICATORS]
        out.append([period, row.name, row.slug, *values])
    values = [selectors.export_value(i.key, figures.city, city_hidden) for i in indicators.INDICATORS]
    out.append([period, _("City total"), CITY_SLUG, *values])
    return out


def as_csv(figures: selectors.PeriodFigures) -> str:
    return write_rows(rows(figures), header())


def as_xlsx(figures: selectors.PeriodFigures) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=f"{figures.period.year}-Q{figures.period.quarter}")
    sheet.append(header())
    for row in rows(figures):
        # Text cells are neutralised like in the CSV: no formulas in open data.
        sheet.append([safe_cell(cell) if isinstance(cell, str) else cell for cell in row])
    explanation = workbook.create_sheet(title=_("Indicators")[:31])
    explanation.append(["key", "label", "explanation"])
    for indicator in indicators.INDICATORS:
        explanation.append([indicator.key, str(indicator.label), str(indicator.explanation)])
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

    return {
        "period": {
            "year": figures.period.year,
            "quarter": figures.period.quarter,
            "starts_on": figures.period.starts_on,
            "ends_on": figures.period.ends_on,
            "closed_at": figures.period.closed_at,
        },
        "city": {"figures": values(figures.city, city_hidden), "hidden": sorted(city_hidden)},
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
