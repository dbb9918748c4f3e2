"""Which cache versions (samenspel.core.cache_version) a change to circles bumps.

A circle's page is cached under `circle:<slug>`; the home page's latest updates under the
listing `circle:*` (every circle's key summed), so a change to one circle bumps only its own row.
The circle cards (the circle list and the home page: name, summary, member count, leads) are
cached under the listing `circle-card:*`, which a circle or a membership bumps and an update does
not: a new update must not render the 400 cards again in every process (the mixed run of
docs/performance.md); the circle page keeps its circle (count, leads) under `circle-card:<slug>`
too. The visitors' lists of upcoming meetings show only the circle's name and address of the
circle: they are cached under `circle-name:<slug>` (`circle-name:*` on the home page), which only
a change of the circle itself bumps, not a join or an update. A member's circle roles (their menu, the meeting pages) are cached under
`member:<id>`.
"""

from django.db.models import Q
from django.db.models.signals import pre_save

from samenspel.core import cache_version
from samenspel.members.models import Member

from .models import Circle, CircleMembership, CircleUpdate

CARDS_KEY = "circle-card:*"  # the circle cards: every circle's card version summed


def _slug_of(circle_id) -> str | None:
    return Circle.objects.filter(pk=circle_id).values_list("slug", flat=True).first()


def _circle_key(instance) -> str:
    """The key of the circle an update or membership belongs to (its loaded circle when there is one)."""
    circle = instance._state.fields_cache.get("circle")
    return f"circle:{circle.slug if circle is not None else _slug_of(instance.circle_id)}"


def circle_keys(circle: Circle) -> list[str]:
    slugs = [circle.slug]
    old_slug = circle.__dict__.pop("_samenspel_old_slug", None)
    if old_slug and old_slug != circle.slug:  # the old address must not serve the old copy
        slugs.append(old_slug)
    return [f"{family}:{slug}" for slug in slugs for family in ("circle", "circle-card", "circle-name")]


def membership_keys(membership: CircleMembership) -> list[str]:
    """The circle's page and card (member count, leads) and the member's own roles."""
    circle_key = _circle_key(membership)
    card_key = circle_key.replace("circle:", "circle-card:", 1)
    return [circle_key, card_key, f"member:{membership.member_id}"]


def update_keys(update: CircleUpdate) -> list[str]:
    return [_circle_key(update)]


def member_keys(member) -> list[str]:
    """Circle pages show their members' names (leads) and the authors of their updates; the cards
    their leads' names. Two id lists, not one join of memberships and updates (at 100× data that
    join took 1.2 s for a member who posts updates, inside the profile form's transaction)."""
    memberships = CircleMembership.objects.filter(member=member).values("circle_id")
    updates = CircleUpdate.objects.filter(author=member).values("circle_id")
    slugs = Circle.objects.filter(Q(pk__in=memberships) | Q(pk__in=updates)).values_list("slug", flat=True)
    return [key for slug in slugs for key in (f"circle:{slug}", f"circle-card:{slug}")]


def _note_old_slug(sender, instance, raw=False, **kwargs):
    if instance.pk is not None and not raw:
        instance._samenspel_old_slug = _slug_of(instance.pk)


def connect() -> None:
    """Called once from CirclesConfig.ready()."""
    pre_save.connect(_note_old_slug, sender=Circle, dispatch_uid="circles.cache_keys.old_slug")
    cache_version.bump_on(Circle, circle_keys)
    cache_version.bump_on(CircleMembership, membership_keys)
    cache_version.bump_on(CircleUpdate, update_keys)
    cache_version.bump_on(Member, member_keys, fields_shown={"name"})  # a bio is not shown there
