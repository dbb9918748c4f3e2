"""`{% member_nav %}`: a logged-in member's menu, rendered once per what it shows.

The menu (both its folded and its wide list) depends on the member's roles (their cache version,
`member:<id>`, read with them: `nav_version`), the language and their unread count. It is kept in
the process cache under those; the logout form's CSRF token is the request's own
(`core.whole_page.with_csrf`), so a menu kept from another device or an earlier login still logs
out.
"""

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from samenspel.core.cache_version import FRAGMENT_SECONDS
from samenspel.core.whole_page import with_csrf, without_csrf

register = template.Library()


@register.simple_tag(takes_context=True)
def member_nav(context) -> str:
    request, user = context.get("request"), context.get("user")
    if request is None or "nav_version" not in context:  # a page rendered without its request: as is
        return render_to_string("includes/nav_bar.html", context.flatten())
    key = f"member-nav:{user.pk}:{context['nav_version']}:{get_language()}:{context['unread_notifications']}"
    pages = caches["pages"]
    html = pages.get(key)
    if html is None:
        html = without_csrf(render_to_string("includes/nav_bar.html", context.flatten(), request=request).encode())
        pages.set(key, html, FRAGMENT_SECONDS)
    return mark_safe(with_csrf(html, request, context.get("csrf_token")).decode())  # noqa: S308 - our template's escaped output plus Django's CSRF token
