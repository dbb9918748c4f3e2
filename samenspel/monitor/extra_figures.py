"""Figures other apps add to the monitor per quarter, so the monitor imports none of them.

An app registers a `Table` in its `AppConfig.ready()` (opportunities: paid work realised for
experts by experience). `compute(quarters)` gets the closed quarters as (year, quarter) pairs and
returns, per pair, a dict of the table's measures; it costs a fixed number of queries however many
quarters there are. The monitor shows each table on the dashboard (a row per closed quarter) and
adds its measures to the city's figures in the open data (CSV, XLSX, JSON), under the keys
`<table key>_<measure key>`.

The small-number rule: when the table's people count is 1 to 4, the whole row is hidden ("fewer
than 5"; "<5" in CSV/XLSX; null and listed in `hidden` in JSON): a sum of hours or fees of fewer
than five people would say too much about each of them.

These figures are counted from the records when shown, not frozen when a quarter is closed: a
record added later changes the quarter's figure. The table names its cache versions
(`cache_keys`), which the registering app bumps on every change of its records
(`core.cache_version.bump_on`); the monitor's cached pages and files are keyed on them too.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from .indicators import SMALL_NUMBER

HIDDEN_COUNT = "<5"


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    kind: str  # "people", "hours" or "euros"


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    caption: str  # the table's caption, which names the scrollable region (differs from the title)
    explanation: str
    measures: tuple[Measure, ...]
    compute: Callable[[list[tuple[int, int]]], dict]
    # The cache versions (core.cache_version) the registering app bumps when these figures change.
    cache_keys: tuple[str, ...] = ()
    position: int = 100

    @property
    def people_key(self) -> str:
        return next(measure.key for measure in self.measures if measure.kind == "people")


_tables: dict[str, Table] = {}


def add_table(table: Table) -> None:
    """Register a table (again under the same key: replaced)."""
    _tables[table.key] = table


def cache_keys() -> tuple[str, ...]:
    return tuple(key for table in tables() for key in table.cache_keys)


def tables() -> list[Table]:
    return sorted(_tables.values(), key=lambda table: (table.position, table.key))


def is_hidden(values: dict, table: Table) -> bool:
    people = values.get(table.people_key) or 0
    return 0 < people < SMALL_NUMBER


def _text(measure: Measure, value) -> str:
    if measure.kind == "euros":
        return "€ " + formats.number_format(value or 0, 2, force_grouping=True)
    if measure.kind == "hours":
        return formats.number_format(value or 0, 1, force_grouping=True)
    return formats.number_format(value or 0, 0, force_grouping=True)


def _values(table: Table, found: dict, quarter: tuple[int, int]) -> dict:
    values = found.get(quarter) or {}
    return {measure.key: values.get(measure.key) or 0 for measure in table.measures}


def dashboard_tables(periods) -> list[dict]:
    """For the dashboard: per table, a row per closed quarter (oldest first) with texts."""
    quarters = [(p.period.year, p.period.quarter) for p in periods]
    built = []
    for table in tables():
        found = table.compute(quarters) if quarters else {}
        rows = []
        for p, quarter in zip(periods, quarters, strict=True):
            values = _values(table, found, quarter)
            if is_hidden(values, table):
                cells = [_("fewer than 5") if m.kind == "people" else _("not shown") for m in table.measures]
            else:
                cells = [_text(m, values[m.key]) for m in table.measures]
            rows.append({"label": p.label, "cells": cells})
        built.append({"table": table, "rows": rows})
    return built


def explained() -> list[dict]:
    """For the explanation page: each measure's label, its name in the open data and the table's explanation."""
    return [
        {
            "label": f"{table.title}: {measure.label}",
            "key": f"{table.key}_{measure.key}",
            "explanation": table.explanation,
        }
        for table in tables()
        for measure in table.measures
    ]


def export_keys() -> list[str]:
    return [f"{table.key}_{measure.key}" for table in tables() for measure in table.measures]


def export_values(year: int, quarter: int) -> tuple[dict, set[str]]:
    """The open data of one closed quarter: {key: number or "<5"} and the hidden keys."""
    values, hidden = {}, set()
    for table in tables():
        found = _values(table, table.compute([(year, quarter)]), (year, quarter))
        small = is_hidden(found, table)
        for measure in table.measures:
            key = f"{table.key}_{measure.key}"
            if small:
                hidden.add(key)
                values[key] = HIDDEN_COUNT if measure.kind == "people" else None
            else:
                value = found[measure.key]
                values[key] = int(value) if measure.kind == "people" else float(value)
    return values, hidden
