"""The circle cards of the circle list and the home page, each card cached under its own version.

The pages cache the whole list as one fragment under the listing `circle-card:*` (see
`cache_keys`). When that fragment is missing because one circle changed (a member joined: its
count), the list is put together again here from the cards in the cache: only the cards whose
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


def _key(slug: str, version: int, heading_level: int) -> str:
    return f"samenspel:{FAMILY}:{slug}:{version}:{get_language() or ''}:{heading_level}"


def cards_html(*, heading_level: int) -> SafeString:
    """The cards of the active circles in their order, as HTML (empty when there are none)."""
    versions = cache_version.read_family(FAMILY)
    slugs = list(Circle.objects.filter(is_active=True).values_list("slug", flat=True))
    keys = {slug: _key(slug, versions.get(f"{FAMILY}:{slug}", 0), heading_level) for slug in slugs}
    cache = caches["pages"]
    found = cache.get_many(list(keys.values()))
    missing = [slug for slug, key in keys.items() if key not in found]
    if missing:
        fresh = {
            keys[circle.slug]: render_to_string(CARD_TEMPLATE, {"circle": circle, "heading_level": heading_level})
            for circle in circles_with_counts().filter(slug__in=missing)
        }
        cache.set_many(fresh, cache_version.FRAGMENT_SECONDS)
        found.update(fresh)
    # Each card is a template's output (escaped there); a circle gone in between is left out.
    return SafeString("".join(found[keys[slug]] for slug in slugs if keys[slug] in found))
