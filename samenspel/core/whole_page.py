"""Whole pages for visitors: kept per process under the cache versions they read.

A visitor's page (no one logged in) is the same for every visitor: it depends on the address, the
language and the data it shows. The pages that use this (`@visitor_page`) already keep every part
they show under cache versions (`core.cache_version`), so the versions a page read while it was
rendered say when it is stale. The whole response is kept with those keys and their values; the
next visitor's request reads the same versions again (one query, as the page does anyway) and,
when none changed, gets the kept page without rendering it. A write shows at the next request,
in every process and on every server, exactly as the parts do.

What changes with the clock alone (a meeting that starts, a registration that opens) is shown at
most `SECONDS` late: a kept page lives that long. A new day starts new pages at once (the date is
in the key: what ends with a day, such as an opportunity's last day to respond, is gone at once).

Never kept: a logged-in member's page, a request that carries a session or flash messages (cookies
other than the CSRF and language cookies), anything but GET and HEAD, an answer other than 200 or
one that sets cookies, and a page that read no versions (nothing would tell when it is stale).

The CSRF token of each form on the page (the language switch, a visitor's registration) is the
requester's own: the kept page holds a placeholder, filled in for every request.
"""

import re
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from . import cache_version

SECONDS = 10
# Longer addresses (query strings nobody's page links to) are rendered, not kept.
MAX_PATH = 300
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"
# Cookies a visitor's page does not depend on.
HARMLESS_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def _keepable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and len(request.get_full_path()) <= MAX_PATH
        and not (set(request.COOKIES) - HARMLESS_COOKIES)
        and not request.user.is_authenticated
    )


def _cache_key(request) -> str:
    # The date too: what a day ends (an opportunity's last day) is gone the next morning at once.
    # The scheme and host: a page may hold absolute links built from them (feeds, calendar links).
    return (
        f"whole-page:{timezone.localdate().isoformat()}:{get_language()}:"
        f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    )


def without_csrf(html: bytes) -> bytes:
    """`html` with each form's CSRF token replaced by a placeholder, to keep it for other requests."""
    return CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", html)


def with_csrf(html: bytes, request, token=None) -> bytes:
    """Kept `html` with this request's own CSRF token in each form; `token`: one the page already has
    (a template's `csrf_token`; masking a new one costs a random draw per character)."""
    if CSRF_PLACEHOLDER not in html:
        return html
    token = str(token) if token is not None else ""
    if token in ("", "NOTPROVIDED"):  # the template's stand-in when it had no request
        token = get_token(request)
    return html.replace(CSRF_PLACEHOLDER, token.encode())


def _kept_response(request, entry) -> HttpResponse | None:
    keys, values, headers, body = entry
    if tuple(cache_version.versions(request, *keys).values()) != values:
        return None
    response = HttpResponse(with_csrf(body, request))
    for name, value in headers:
        response.headers[name] = value
    return response


def _entry(request, response):
    """What to keep of a fresh response, or None when it must not be kept."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    read = getattr(request, cache_version.REQUEST_ATTRIBUTE, None) or {}
    if not read:
        return None
    keys = tuple(sorted(read))
    body = without_csrf(response.content)
    return keys, tuple(read[key] for key in keys), tuple(response.headers.items()), body


def visitor_page(view):
    """Keep the view's page for visitors (see the module's docstring). Put it above `@keyed`."""

    @wraps(view)  # keeps `@keyed`'s declarations (copied from the view's __dict__)
    def wrapper(request, *args, **kwargs):
        if not _keepable(request):
            return view(request, *args, **kwargs)
        cache, key = caches["pages"], _cache_key(request)
        entry = cache.get(key)
        if entry is not None:
            response = _kept_response(request, entry)
            if response is not None:
                return response
        cache_version.versions(request)  # the view's declared keys, read before it renders
        response = view(request, *args, **kwargs)
        entry = _entry(request, response)
        if entry is not None:
            cache.set(key, entry, SECONDS)
        return response

    return wrapper
