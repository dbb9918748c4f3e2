"""Markdown to safe HTML: render with Python-Markdown, then sanitise with nh3 (allow-list).

Headings in user text are nested under the heading of the place where the text is shown:
nest_headings(html, under=2) turns the text's highest heading into an h3 and closes the
gaps (## after # becomes one level deeper, never two), so a page never skips a level.
"""

import re

import markdown as md
import nh3

HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
# Stored HTML (circle updates, meeting reports) sits under a post's h2 or h3 title at most:
# it is stored nested under h3 and nested again, under the right level, where it is shown.
STORED_UNDER = 3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def nest_headings(html: str, under: int) -> str:
    """Renumber the headings of sanitised HTML to sit under an h<under>, without skipped levels.

    The first heading becomes h<under + 1>; a deeper one goes one level deeper than the one
    before it, a higher one goes back to the level of the last heading at its height. Levels
    past h6 stay h6. Only bare <hN> tags are touched (nh3 leaves no attributes on them).
    """
    stack: list[tuple[int, int]] = []  # (level in the text, level on the page) of the open headings
    current = [under + 1]

    def renumber(match: re.Match) -> str:
        closing, level = match[1], int(match[2])
        if closing:
            return f"</h{current[0]}>"
        while stack and stack[-1][0] >= level:
            stack.pop()
        page_level = min(stack[-1][1] + 1 if stack else under + 1, 6)
        stack.append((level, page_level))
        current[0] = page_level
        return f"<h{page_level}>"

    return HEADING_TAG.sub(renumber, html)


def render_markdown(text: str, under: int = STORED_UNDER) -> str:
    """Safe HTML for Markdown text, its headings nested under an h<under>."""
    html = md.markdown(text or "", extensions=["sane_lists"], output_format="html")
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return nest_headings(html, under)
