"""{{ html|nest_headings:2 }}: stored, sanitised Markdown HTML with its headings under an h2."""

from django import template
from django.utils.safestring import mark_safe

from samenspel.lib import markdown

register = template.Library()


@register.filter
def nest_headings(html, under):
    """Only for HTML that render_markdown made (sanitised on save): it is marked safe, like |safe did."""
    return mark_safe(markdown.nest_headings(str(html or ""), int(under)))  # noqa: S308 - sanitised by nh3 on save
