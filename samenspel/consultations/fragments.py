"""The viewer-independent parts of the consultation pages, rendered once and kept in this process's
cache ("pages") under keys of ids that never change and round revisions (see revisions.py).

What goes in: only what every viewer who reaches the page sees alike. Who may see the page, and
what this viewer may do (forms, links to manage, their own remarks), is decided in the view for
every request, outside the cached part; a part that differs between kinds of viewers (for example
withdrawn remarks, counted for coordinators only) has that difference in its key.
"""

import hashlib

from django.core.cache import caches
from django.utils.translation import get_language

# A change makes new keys at once; this only bounds how long old parts take up room.
FRAGMENT_SECONDS = 60 * 60


def key(name: str, *parts) -> str:
    """The cache key of one part: its name, the ids and revisions it depends on, the language."""
    digest = hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"samenspel:consultations:{name}:{get_language() or ''}:{digest}"


def cached(name: str, parts: tuple, compute):
    """`compute()` once per key in this process's cache; nothing is cached when it raises."""
    cache_key = key(name, *parts)
    value = caches["pages"].get(cache_key)
    if value is None:
        value = compute()
        caches["pages"].set(cache_key, value, FRAGMENT_SECONDS)
    return value
