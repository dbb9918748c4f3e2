"""`{% page_header %}`: the page's header (logo, language switch, main menu), rendered once per what it shows.

Every page has it, so rendering it (two includes, a form, a dozen links) was a good part of a
member's page. What it shows depends on the language and, for a logged-in member, on their menu:
their roles (their cache version, `member:<id>`, read with them: `nav_version`) and their unread
count. It is kept in the process cache under exactly those (`_key`); for visitors under the language
alone. Two things in it are the request's own and are put in for every request:

- the CSRF token of its forms (the language switch, the logout button): `core.whole_page.with_csrf`,
  so a header kept from another device or an earlier login still works;
- the address the language switch comes back to (`language_next`), escaped as the template would.
"""

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from samenspel.core.cache_version import FRAGMENT_SECONDS
from samenspel.core.whole_page import with_csrf, without_csrf

register = template.Library()

TEMPLATE = "includes/page_header.html"
# Stands in for the address in the kept header; no address or text can hold a NUL character.
NEXT_PLACEHOLDER = "\x00next\x00"


def _key(context, user) -> str | None:
    """The cache key of what the header shows to this viewer; None: render it (no request, or a
    member whose menu version was not read)."""
    if not user.is_authenticated:
        return f"page-header:visitor:{get_language()}"
    if "nav_version" not in context:
        return None
    return f"page-header:{user.pk}:{context['nav_version']}:{get_language()}:{context['unread_notifications']}"


def _render(context, user, request, language_next: str) -> str:
    def shows_tandems() -> bool:  # the menu shows it twice (folded and wide): one query at most
        if not user.is_authenticated:
            return False
        if user.is_coordinator or user.is_municipality_viewer:
            return True
        return bool(user.organisation_id) and user.represented_organisations.exists()

    flat = {**context.flatten(), "language_next": language_next, "shows_tandems": SimpleLazyObject(shows_tandems)}
    return render_to_string(TEMPLATE, flat, request=request)


@register.simple_tag(takes_context=True)
def page_header(context) -> str:
    request, user = context.get("request"), context.get("user")
    if request is None or user is None or (key := _key(context, user)) is None:  # as is, every time
        return _render(context, user, request, request.get_full_path() if request is not None else "")
    pages = caches["pages"]
    html = pages.get(key)
    if html is None:
        html = without_csrf(_render(context, user, request, NEXT_PLACEHOLDER).encode())
        pages.set(key, html, FRAGMENT_SECONDS)
    html = with_csrf(html, request, context.get("csrf_token")).decode()
    path = escape(request.get_full_path())  # as the template escapes it
    return mark_safe(html.replace(NEXT_PLACEHOLDER, path))  # noqa: S308 - our template's escaped output, the escaped address
