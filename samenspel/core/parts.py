"""Parts of pages kept in this process's cache ("pages") under what they show, rendered once.

A part's key is its name, a digest of what it depends on (`parts`: ids and revisions, or the
content itself), the language and the time zone (dates are formatted in it). Nothing about who
may see it: the caller decides that for every request, and only passes what this viewer may see.
"""

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# A change makes new keys at once; this only bounds how long old parts take up room.
PART_SECONDS = 60 * 60


def key(name: str, parts: tuple) -> str:
    digest = hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"samenspel:{name}:{get_language() or ''}:{timezone.get_current_timezone_name()}:{digest}"


def kept(name: str, parts: tuple, compute):
    """`compute()` once per key in this process's cache; nothing is cached when it raises."""
    cache_key = key(name, parts)
    value = caches["pages"].get(cache_key)
    if value is None:
        value = compute()
        caches["pages"].set(cache_key, value, PART_SECONDS)
    return value


def rendered(name: str, parts: tuple, template: str, context) -> str:
    """`template` rendered once per `parts`; `context()` gives its context on a miss."""
    html = kept(name, parts, lambda: render_to_string(template, context()))
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped there
