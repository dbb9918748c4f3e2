"""Markdown to safe HTML: render with Python-Markdown, then sanitise with nh3 (allow-list)."""

import re

import markdown as md
import nh3

HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
# User text sits under the page's h1 and the post's own h2 or h3 title: its headings start at h4.
HEADING_SHIFT = 3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "h4", "h5", "h6", "code", "pre", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> str:
    html = md.markdown(text or "", extensions=["sane_lists"], output_format="html")
    html = HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + HEADING_SHIFT, 6)}>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
