"""Server-rendered SVG charts: a line chart (trends over periods) and a bar chart.

Each chart comes with a text summary and the same figures as a table, so nobody needs to read
the picture (and screen readers get the table). No style attributes (the CSP forbids them): the
look is set with SVG presentation attributes. Series differ in colour, line pattern and marker
shape, so colour is never the only cue. A hidden value (small-number rule) leaves a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48
LEGEND_ROW = 20  # a line chart adds one legend row per series under the axis
# Colours with at least 3:1 contrast against white; patterns and markers for who cannot see them.
COLOURS = ["#1f5fa8", "#b3471d", "#2e7d32", "#6a3d9a"]
DASHES = ["", "6 4", "2 3", "10 3 2 3"]
MARKERS = ["circle", "square", "triangle", "diamond"]


@dataclass
class Series:
    name: str
    values: list  # numbers, or None for a gap
    texts: list[str]  # the same figures as shown in the table


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    svg: SafeString
    column_header: str
    columns: list[str]  # table column headings (the series' names)
    rows: list[tuple[str, list[str]]] = field(default_factory=list)  # (row heading, cells)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return value


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return format_html(
            '<rect x="{}" y="{}" width="8" height="8" fill="{}"/>', f"{x - 4:.1f}", f"{y - 4:.1f}", colour
        )
    if kind == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}"
        return format_html('<polygon points="{}" fill="{}"/>', points, colour)
    if kind == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return format_html('<polygon points="{}" fill="{}"/>', points, colour)
    return format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', f"{x:.1f}", f"{y:.1f}", colour)


def _frame(
    chart_id: str, title: str, summary: str, body: list[str], y_max: float, y_unit: str, height: int = HEIGHT
) -> SafeString:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-labelledby="{}-title {}-desc" class="samenspel-chart__svg" focusable="false">',
            WIDTH,
            height,
            chart_id,
            chart_id,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, summary),
        '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>',
    ]
    for i in range(5):
        value = y_max * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c8c8c8" stroke-width="1"/>',
                LEFT,
                f"{y:.1f}",
                WIDTH - RIGHT,
                f"{y:.1f}",
            )
        )
        label = f"{value:g}{y_unit}"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#333333">{}</text>',
                LEFT - 6,
                f"{y + 4:.1f}",
                label,
            )
        )
    parts.extend(body)
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part is escaped above


def line_chart(
    *,
    key: str,
    title: str,
    summary: str,
    x_labels: list[str],
    series: list[Series],
    column_header: str,
    y_unit: str = "",
) -> Chart:
    chart_id = f"chart-{key}"
    known = [v for s in series for v in s.values if v is not None]
    y_max = _nice_max(max(known, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(x_labels), 1)

    def x_at(i):
        return LEFT + (plot_w * (i + 0.5) / n)

    def y_at(v):
        return TOP + plot_h - plot_h * (v / y_max)

    body = []
    for i, label in enumerate(x_labels):
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#333333">{}</text>',
                f"{x_at(i):.1f}",
                HEIGHT - BOTTOM + 18,
                label,
            )
        )
    for index, s in enumerate(series):
        colour, dash, marker = COLOURS[index % 4], DASHES[index % 4], MARKERS[index % 4]
        # One polyline per run of known values: a hidden value leaves a gap.
        run: list[str] = []
        runs = []
        for i, v in enumerate(s.values):
            if v is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(f"{x_at(i):.1f},{y_at(v):.1f}")
        if run:
            runs.append(run)
        for points in runs:
            body.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
                    " ".join(points),
                    colour,
                    mark_safe(f' stroke-dasharray="{dash}"') if dash else "",  # noqa: S308 - a constant
                )
            )
        for i, v in enumerate(s.values):
            if v is not None:
                body.append(_marker(marker, x_at(i), y_at(v), colour))
        # Legend under the axis.
        lx = LEFT
        ly = HEIGHT + 4 + LEGEND_ROW * index
        body.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5"{}/>',
                f"{lx:.1f}",
                ly - 4,
                f"{lx + 22:.1f}",
                ly - 4,
                colour,
                mark_safe(f' stroke-dasharray="{dash}"') if dash else "",  # noqa: S308 - a constant
            )
        )
        body.append(_marker(marker, lx + 11, ly - 4, colour))
        body.append(
            format_html('<text x="{}" y="{}" font-size="12" fill="#333333">{}</text>', f"{lx + 28:.1f}", ly, s.name)
        )
    svg = _frame(chart_id, title, summary, body, y_max, y_unit, height=HEIGHT + 8 + LEGEND_ROW * len(series))
    rows = [(label, [s.texts[i] for s in series]) for i, label in enumerate(x_labels)]
    return Chart(chart_id, title, summary, svg, column_header, [s.name for s in series], rows)


def bar_chart(
    *,
    key: str,
    title: str,
    summary: str,
    labels: list[str],
    values: list,
    texts: list[str],
    column_header: str,
    value_header: str,
    y_unit: str = "",
    y_max: float | None = None,
) -> Chart:
    chart_id = f"chart-{key}"
    known = [v for v in values if v is not None]
    top = y_max if y_max is not None else _nice_max(max(known, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(labels), 1)
    slot = plot_w / n
    bar = min(slot * 0.6, 80)
    body = []
    for i, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        x = LEFT + slot * i + (slot - bar) / 2
        if value is not None:
            h = plot_h * (value / top) if top else 0
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    f"{x:.1f}",
                    f"{TOP + plot_h - h:.1f}",
                    f"{bar:.1f}",
                    f"{h:.1f}",
                    COLOURS[0],
                )
            )
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#333333">{}</text>',
                f"{x + bar / 2:.1f}",
                f"{TOP + plot_h - (plot_h * (value / top) if value and top else 0) - 6:.1f}",
                text,
            )
        )
        short = label if len(label) <= 22 else label[:21] + "…"
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#333333">{}</text>',
                f"{x + bar / 2:.1f}",
                HEIGHT - BOTTOM + 18,
                short,
            )
        )
    svg = _frame(chart_id, title, summary, body, top, y_unit)
    rows = [(label, [text]) for label, text in zip(labels, texts, strict=True)]
    return Chart(chart_id, title, summary, svg, column_header, [value_header], rows)
