"""The viewer-independent parts of the consultation pages, rendered once and kept in this process's
cache ("pages") under keys of ids that never change and round revisions (see revisions.py).

What goes in: only what every viewer who reaches the page sees alike. Who may see the page, and
what this viewer may do (forms, links to manage, their own remarks), is decided in the view for
every request, outside the cached part; a part that differs between kinds of viewers (for example
withdrawn remarks, counted for coordinators only) has that difference in its key.
"""

from samenspel.core import parts as core_parts


def cached(name: str, parts: tuple, compute):
    """`compute()` once per key in this process's cache; nothing is cached when it raises."""
    return core_parts.kept(f"consultations:{name}", parts, compute)
