"""The SVG charts: accessible names, the same figures as their table, gaps for hidden values, no styles."""

import re

from samenspel.monitor import charts


def test_a_line_chart_has_a_title_a_description_and_a_table_with_the_same_figures():
    chart = charts.line_chart(
        key="people",
        title="Experts",
        summary="From 3 to 9.",
        x_labels=["Q1 2024", "Q2 2024", "Q3 2024"],
        series=[
            charts.Series("Employed", [6, 7, 9], ["6", "7", "9"]),
            charts.Series("Trained", [None, 5, 6], ["fewer than 5", "5", "6"]),
        ],
        column_header="Quarter",
    )
    svg = str(chart.svg)
    assert 'role="img"' in svg and 'aria-labelledby="chart-people-title chart-people-desc"' in svg
    assert '<title id="chart-people-title">Experts</title>' in svg
    assert '<desc id="chart-people-desc">From 3 to 9.</desc>' in svg
    assert "style=" not in svg
    assert chart.rows == [("Q1 2024", ["6", "fewer than 5"]), ("Q2 2024", ["7", "5"]), ("Q3 2024", ["9", "6"])]
    # The hidden value leaves a gap: the second series draws one line over two points, not three.
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert [len(points.split()) for points in lines[:2]] == [3, 2]


def test_text_in_a_chart_is_escaped():
    chart = charts.bar_chart(
        key="teams",
        title="<script>alert(1)</script>",
        summary="a & b",
        labels=['Org "<b>"'],
        values=[50],
        texts=["1 of 2 (50%)"],
        column_header="Organisation",
        value_header="Teams",
        y_max=100,
    )
    svg = str(chart.svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "a &amp; b" in svg
    assert "&lt;b&gt;" in svg


def test_points_are_drawn_at_their_value():
    chart = charts.line_chart(
        key="k",
        title="t",
        summary="s",
        x_labels=["a"],
        series=[charts.Series("n", [10], ["10"])],
        column_header="q",
    )
    # y axis: 0..20 (nice maximum for 10); the point sits halfway up the plot area.
    plot_h = charts.HEIGHT - charts.TOP - charts.BOTTOM
    cy = float(re.search(r'<circle cx="[\d.]+" cy="([\d.]+)"', str(chart.svg)).group(1))
    assert abs(cy - (charts.TOP + plot_h / 2)) < 0.1
