"""render_markdown and nest_headings: user headings sit under the heading of the place they are shown."""

import pytest

from samenspel.lib.markdown import nest_headings, render_markdown


def levels(html: str) -> list[str]:
    import re

    return re.findall(r"<(/?h[1-6])>", html)


@pytest.mark.parametrize(
    ("html", "under", "expected"),
    [
        ("<h1>a</h1>", 2, ["h3", "/h3"]),
        ("<h1>a</h1>", 3, ["h4", "/h4"]),
        # The text's highest heading goes directly under the page's heading, whatever its level.
        ("<h3>a</h3><h4>b</h4>", 2, ["h3", "/h3", "h4", "/h4"]),
        # A jump of two levels in the text becomes one level on the page.
        ("<h1>a</h1><h3>b</h3><h3>c</h3>", 1, ["h2", "/h2", "h3", "/h3", "h3", "/h3"]),
        # Back up: to the level of the last heading at that height.
        ("<h1>a</h1><h2>b</h2><h1>c</h1><h2>d</h2>", 2, ["h3", "/h3", "h4", "/h4", "h3", "/h3", "h4", "/h4"]),
        # A first heading deeper than a later one: the later one is not placed above the first.
        ("<h3>a</h3><h1>b</h1><h2>c</h2>", 2, ["h3", "/h3", "h3", "/h3", "h4", "/h4"]),
        # Past h6 everything stays h6.
        ("<h1>a</h1><h2>b</h2><h3>c</h3>", 4, ["h5", "/h5", "h6", "/h6", "h6", "/h6"]),
        ("<p>no headings</p>", 2, []),
    ],
)
def test_nest_headings(html, under, expected):
    assert levels(nest_headings(html, under)) == expected


def test_nest_headings_keeps_the_text_and_other_tags():
    html = "<h2>Kop</h2><p>Tekst met <strong>nadruk</strong> en <code>&lt;h1&gt;</code></p>"
    assert nest_headings(html, 2) == "<h3>Kop</h3><p>Tekst met <strong>nadruk</strong> en <code>&lt;h1&gt;</code></p>"


def test_render_markdown_nests_headings_without_skipping_levels():
    html = render_markdown("## Wat we deden\n\ntekst\n\n#### Details\n\n# Verder", under=2)
    assert levels(html) == ["h3", "/h3", "h4", "/h4", "h3", "/h3"]


def test_render_markdown_strips_attributes_from_raw_html_headings():
    html = render_markdown('<h2 class="x" onclick="alert(1)">Kop</h2>', under=2)
    assert html == "<h3>Kop</h3>"


def test_render_markdown_stores_headings_under_an_h3_by_default():
    assert levels(render_markdown("# Kop")) == ["h4", "/h4"]
