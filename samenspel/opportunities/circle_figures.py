"""The section on a circle's page with the circle's own opportunity figures (Kring Nieuw Werk).

Registered with `core.circle_page` in apps.py. Shown to everyone who may see the circle, for a
circle with at least one published (or closed, or filled) opportunity. The small-number rule of
the monitor holds: a number of people from 1 to 4 reads "fewer than 5", and the hours and fees of
fewer than 5 people are not shown.

The figures are the same for everyone, so they are cached under the circle's version
(`circle:<slug>`), like the rest of the circle page: every save and delete of an opportunity of
the circle, of its responses and of its realised work bumps it (cache_keys.py), so a cached figure
is never older than the data. The circle page reads that version up front, so the page's query
count stays as it was (two queries when the cache is cold, none after).
"""

from samenspel.core.cache_version import cached
from samenspel.monitor.indicators import SMALL_NUMBER

from .selectors.figures import circle_figures


def _small(count: int) -> bool:
    return 0 < count < SMALL_NUMBER


def section(request, circle) -> dict | None:
    # Wrapped in a dict: `cached` treats None as "not cached", and most circles have no figures.
    figures = cached(
        request,
        ("opportunities.circle_figures", circle.pk),
        lambda: {"figures": circle_figures(circle.pk)},
        keys=(f"circle:{circle.slug}",),
    )["figures"]
    if figures is None:
        return None
    return {
        "template": "opportunities/circle_figures.html",
        "figures": figures,
        "chosen_small": _small(figures["chosen"]),
        "realised_small": _small(figures["people_realised"]),
    }
