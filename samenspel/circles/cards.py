"""The circle cards of the circle list and the home page, each card cached under its own version.

The pages cache the whole list as one fragment under the listing `circle-card:*` (see
`cache_keys`). When that fragment is missing because one circle changed (a member joined: its
count), the list is put together again here from this process's cards: only the cards whose
version changed are read from the database and rendered. At 100× data (400 circles) a join cost
every process 80-170 ms for the two pages' full lists; now it costs one card (docs/performance.md,
"At 100×", the mixed run).

The versions are read before the circles: the data read after them is as new or newer, so no card
is ever cached under a version newer than its data.
"""

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from samenspel.core import cache_version

from .models import Circle
from .selectors import circles_with_counts

FAMILY = "circle-card"
CARD_TEMPLATE = "circles/includes/circle_card.html"


# This process's cards, per (language, heading level): {slug: (version, html)}. Kept as Python
# strings, not in the cache: putting the list together again after a join read and unpickled 400
# cards from the cache each time (2.7 ms at 100x data, twice per join in every process: the home
# page and the circle list). A card of an old version is replaced when it is asked for again.
# They live as long as the process's page cache: emptying that cache (as every test does) empties
# them too, through a marker kept in it.
_cards: dict[tuple[str, int], dict[str, tuple[int, str]]] = {}
_MARKER = "samenspel:circle-cards:alive"


def _kept_cards(heading_level: int) -> dict[str, tuple[int, str]]:
    pages = caches["pages"]
    if pages.get(_MARKER) is None:
        _cards.clear()
        pages.set(_MARKER, True, None)
    return _cards.setdefault((get_language() or "", heading_level), {})


def cards_html(*, heading_level: int, limit: int | None = None) -> SafeString:
    """The cards of the active circles in their order (the first `limit`), as HTML (empty when
    there are none)."""
    versions = cache_version.read_family(FAMILY)
    slugs = list(Circle.objects.filter(is_active=True).values_list("slug", flat=True)[:limit])
    kept = _kept_cards(heading_level)
    wanted = {slug: versions.get(f"{FAMILY}:{slug}", 0) for slug in slugs}
    missing = [slug for slug, version in wanted.items() if kept.get(slug, (None,))[0] != version]
    if missing:
        for circle in circles_with_counts().filter(slug__in=missing):
            html = render_to_string(CARD_TEMPLATE, {"circle": circle, "heading_level": heading_level})
            kept[circle.slug] = (wanted[circle.slug], html)
    # Each card is a template's output (escaped there); a circle gone in between is left out.
    return SafeString("".join(kept[slug][1] for slug in slugs if kept.get(slug, (None,))[0] == wanted[slug]))
