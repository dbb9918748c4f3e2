"""What the public dashboard shows, built from the closed periods (see selectors.closed_periods).

Only closed periods are public: their figures are frozen, so the page can be cached until the
next close or correction (both bump the `monitor` cache version). No per-team or per-person figure
appears here; the small-number rule hides counts below 5.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import charts, extra_figures, indicators, selectors

ORGANISATION_COLUMNS = [
    "experts_employed",
    "experts_fte",
    "share_trained",
    "tandems_formed",
    "share_in_trajectory",
    "share_through_trajectory",
    "teams_with_expert",
    "teams_without_expert",
    "level_board",
    "level_team_leaders",
    "level_professionals",
]


@dataclass
class StatusFigure:
    label: str
    text: str


def _status_figures(request_status, figures: dict, hidden: set[str]) -> list[StatusFigure]:
    result = []
    for item in request_status.figures:
        if item[0] == "organisations":
            _kind, label, done, total = item
            result.append(StatusFigure(str(label), _("%(done)s of %(total)s") % {"done": done, "total": total}))
        else:
            key = item[1]
            result.append(StatusFigure(str(indicators.BY_KEY[key].label), selectors.cell(key, figures, hidden).text))
    return result


def _series(name, key, periods, hidden_per_period, scale=1.0) -> charts.Series:
    values, texts = [], []
    for figures, hidden in zip(periods, hidden_per_period, strict=True):
        c = selectors.cell(key, figures.city, hidden)
        values.append(None if c.value is None else c.value * scale)
        texts.append(c.text)
    return charts.Series(str(name), values, texts)


def build_charts(periods: list[selectors.PeriodFigures]) -> list[charts.Chart]:
    if not periods:
        return []
    labels = [p.label for p in periods]
    hidden = [indicators.hidden_keys(p.city) for p in periods]
    first, last = periods[0], periods[-1]
    label = indicators.BY_KEY

    def text(key, figures):
        return selectors.cell(key, figures.city, indicators.hidden_keys(figures.city)).text

    people = charts.line_chart(
        key="people",
        title=_("Experts by experience and tandems in the city, per quarter"),
        summary=_(
            "From %(first)s to %(last)s the number of experts by experience employed went from %(e1)s to "
            "%(e2)s, of whom %(t2)s trained; the number of tandems went from %(d1)s to %(d2)s."
        )
        % {
            "first": first.label,
            "last": last.label,
            "e1": text("experts_employed", first),
            "e2": text("experts_employed", last),
            "t2": text("experts_trained", last),
            "d1": text("tandems_formed", first),
            "d2": text("tandems_formed", last),
        },
        x_labels=labels,
        series=[
            _series(label["experts_employed"].label, "experts_employed", periods, hidden),
            _series(label["experts_trained"].label, "experts_trained", periods, hidden),
            _series(label["tandems_formed"].label, "tandems_formed", periods, hidden),
        ],
        column_header=_("Quarter"),
    )
    shares = charts.line_chart(
        key="shares",
        title=_("Shares in the city, per quarter (percent)"),
        summary=_(
            "In %(last)s %(trained)s of the experts by experience were trained; %(inside)s of the tandems "
            "were in the learning trajectory and %(through)s had completed it."
        )
        % {
            "last": last.label,
            "trained": text("share_trained", last),
            "inside": text("share_in_trajectory", last),
            "through": text("share_through_trajectory", last),
        },
        x_labels=labels,
        series=[
            _series(label["share_trained"].label, "share_trained", periods, hidden, scale=100),
            _series(label["share_in_trajectory"].label, "share_in_trajectory", periods, hidden, scale=100),
            _series(label["share_through_trajectory"].label, "share_through_trajectory", periods, hidden, scale=100),
        ],
        column_header=_("Quarter"),
        y_unit="%",
    )
    levels = charts.line_chart(
        key="levels",
        title=_("The three levels in the city, per quarter (average step, 1 to 4)"),
        summary=_(
            "In %(last)s the organisations put their board at %(board)s, their team leaders at %(leaders)s "
            "and their professionals at %(professionals)s on average (1 aware, 2 committed, 3 implementing, "
            "4 embedded)."
        )
        % {
            "last": last.label,
            "board": text("level_board", last),
            "leaders": text("level_team_leaders", last),
            "professionals": text("level_professionals", last),
        },
        x_labels=labels,
        series=[
            _series(label["level_board"].label, "level_board", periods, hidden),
            _series(label["level_team_leaders"].label, "level_team_leaders", periods, hidden),
            _series(label["level_professionals"].label, "level_professionals", periods, hidden),
        ],
        column_header=_("Quarter"),
    )
    names, values, texts = [], [], []
    for row in last.organisations:
        teams, with_expert = row.figures.get("teams") or 0, row.figures.get("teams_with_expert") or 0
        share = round(100 * with_expert / teams) if teams else None
        names.append(row.name)
        values.append(share)
        texts.append(
            _("%(with)s of %(teams)s (%(share)s%%)") % {"with": with_expert, "teams": teams, "share": share}
            if teams
            else "–"
        )
    covered = sum(1 for v in values if v == 100)
    teams_chart = charts.bar_chart(
        key="teams",
        title=_("Teams with an expert by experience, per organisation, %(last)s") % {"last": last.label},
        summary=_("In %(last)s %(covered)s of %(count)s organisations had an expert by experience in every team.")
        % {"last": last.label, "covered": covered, "count": len(values)},
        labels=names,
        values=values,
        texts=texts,
        column_header=_("Organisation"),
        value_header=_("Teams with an expert by experience"),
        y_unit="%",
        y_max=100,
    )
    return [people, shares, teams_chart, levels]


def build(periods: list[selectors.PeriodFigures]) -> dict:
    """The dashboard's context (everything but the motion text, which is in the template)."""
    if not periods:
        return {"latest": None, "periods": []}
    latest = periods[-1]
    previous = periods[-2] if len(periods) > 1 else None
    city_hidden, organisation_hidden = latest.hidden()
    previous_hidden = indicators.hidden_keys(previous.city) if previous else set()
    city_rows = [
        (
            indicator,
            selectors.cell(indicator.key, latest.city, city_hidden),
            selectors.cell(indicator.key, previous.city, previous_hidden) if previous else None,
        )
        for indicator in indicators.INDICATORS
    ]
    organisation_rows = [
        (row, [selectors.cell(key, row.figures, hidden, row.corrected) for key in ORGANISATION_COLUMNS])
        for row, hidden in zip(latest.organisations, organisation_hidden, strict=True)
    ]
    statuses = [(status, _status_figures(status, latest.city, city_hidden)) for status in latest.status()]
    names = {row.organisation_id: row.name for p in periods for row in p.organisations}
    corrections = [
        {
            "period": p.label,
            "organisation": names.get(c.organisation_id, ""),
            "indicator": indicators.BY_KEY[c.indicator].label if c.indicator in indicators.BY_KEY else c.indicator,
            "recorded_at": c.recorded_at,
        }
        for p in periods
        for c in p.corrections
    ]
    return {
        "latest": latest,
        "previous": previous,
        "periods": periods,
        "city_rows": city_rows,
        "organisation_columns": [indicators.BY_KEY[key] for key in ORGANISATION_COLUMNS],
        "organisation_rows": organisation_rows,
        "statuses": statuses,
        "charts": build_charts(periods),
        "corrections": corrections,
        "skipped": selectors.skipped_labels([p.period for p in periods]),
        # What other apps count per quarter (opportunities: paid work realised for experts by experience).
        "extra_tables": extra_figures.dashboard_tables(periods),
    }
