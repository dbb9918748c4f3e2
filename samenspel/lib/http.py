"""HTTP helpers: conditional requests (ETag, Last-Modified, 304) and HEAD for API operations.

Calendar apps poll feeds every few minutes and scripts fetch open data again and again. A view
that can say cheaply *from what* its body is made (ids and revisions, cache versions) lets
them ask "changed?" and answers 304 Not Modified without building the body:

    return conditional_response(request, ("feed", rows, language), build=lambda: make_response())

The ETag is a digest of those parts, so it changes exactly when one of them changes. The
Last-Modified date is when this ETag was first seen (kept in the default cache, shared by the
workers when Redis is configured): not every change has a timestamp of its own (a meeting that
leaves a feed, a renamed organisation in open data), but the first sighting of a new ETag is
never earlier than the change, so an If-Modified-Since never wrongly answers 304. When the
cache forgets, the date moves forward and a client downloads once more; nothing goes stale.
"""

import hashlib
import time
from collections.abc import Callable

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

SEEN_SECONDS = 60 * 60 * 24 * 30


def validators(parts: tuple) -> tuple[str, int]:
    """The ETag (quoted) of a representation made from `parts`, and its Last-Modified (a timestamp)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    seen = caches["default"].get_or_set(f"samenspel:etag-seen:{digest}", int(time.time()), SEEN_SECONDS)
    return f'"{digest}"', seen


def set_validators(response: HttpResponse, etag: str, last_modified: int) -> HttpResponse:
    response.headers.setdefault("ETag", etag)
    response.headers.setdefault("Last-Modified", http_date(last_modified))
    return response


def not_modified(request: HttpRequest, etag: str, last_modified: int) -> HttpResponse | None:
    """304 (or 412 for a failed If-Match) when the client's copy is current, else None (RFC 9110 §13)."""
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    return None if response is None else set_validators(response, etag, last_modified)


def conditional_response(request: HttpRequest, parts: tuple, *, build: Callable[[], HttpResponse]) -> HttpResponse:
    """`build()`'s response with ETag and Last-Modified, or a 304 without calling `build`."""
    etag, last_modified = validators(parts)
    early = not_modified(request, etag, last_modified)
    if early is not None:
        return early
    response = build()
    if response.status_code == 200:
        set_validators(response, etag, last_modified)
    return response


def api_get(router, path: str, **options):
    """`router.get(path, ...)` that also answers HEAD (RFC 9110 §9.3.2: HEAD wherever GET).

    The HEAD operation shares the URL name and stays out of the OpenAPI schema, which lists
    each operation once (django-ninja would give both methods the same operationId).
    """

    def decorator(view):
        router.add_api_operation(path, ["GET"], view, **options)
        router.add_api_operation(
            path,
            ["HEAD"],
            view,
            url_name=options.get("url_name"),
            include_in_schema=False,
            **{key: options[key] for key in ("response", "auth") if key in options},
        )
        return view

    return decorator
