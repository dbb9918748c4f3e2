"""Which cache versions (samenspel.core.cache_version) a change to opportunities bumps.

- `paid-work`: the monitor's figures of paid work realised (dashboard, open data; registered with
  `monitor.extra_figures` under this key), bumped by every change of realised work.
- `circle:<slug>`: a circle's page shows its own opportunity figures (circle_figures.py), bumped by
  every change of an opportunity of the circle (also the circle it leaves), its responses (people
  chosen) and its realised work.
- `opportunity:<id>`: one opportunity's cached row and page part (the detail page), bumped by
  every save of it, of its themes (many-to-many), and of the circle it is posted for (its name).
- `opportunities:<id % 16>`: the listings (the list, "Kansen voor jou"), read as `opportunities:*`:
  a change to one opportunity bumps its shard, so the sum grows without one row every writer locks.
- `area:<id>`: an area's label, read as `area:*` (a handful of rows, rarely changed).
- `member:<id>`: "Kansen voor jou" is cached per member under their own version, which their
  theme changes bump already (members.cache_keys); a change of their opt-in (wishes, areas,
  withdrawal) bumps it too.
"""

from django.db.models.signals import pre_save

from samenspel.circles.models import Circle
from samenspel.core import cache_version

from .models import Area, MatchingOptIn, Opportunity, RealisedWork, Response
from .selectors.figures import PAID_WORK

LISTING_SHARDS = 16
LISTING = "opportunities:*"
AREAS = "area:*"


def shown_keys(*opportunity_ids) -> list[str]:
    """What shows these opportunities: their own page and the listings."""
    return [key for pk in opportunity_ids for key in (f"opportunity:{pk}", f"opportunities:{pk % LISTING_SHARDS}")]


def _circle_keys(circle_ids) -> list[str]:
    ids = [pk for pk in circle_ids if pk]
    if not ids:
        return []
    return [f"circle:{slug}" for slug in Circle.objects.filter(pk__in=ids).values_list("slug", flat=True)]


def _circle_of(opportunity_id) -> int | None:
    return Opportunity.objects.filter(pk=opportunity_id).values_list("circle_id", flat=True).first()


def opportunity_keys(opportunity: Opportunity) -> list[str]:
    old = opportunity.__dict__.pop("_samenspel_old_circle_id", None)
    return [*_circle_keys({opportunity.circle_id, old}), *shown_keys(opportunity.pk)]


def circle_name_keys(circle: Circle) -> list[str]:
    """The detail page names the circle an opportunity is posted for."""
    return shown_keys(*Opportunity.objects.filter(circle_id=circle.pk).values_list("pk", flat=True))


def opt_in_keys(choice: MatchingOptIn) -> list[str]:
    return [f"member:{choice.member_id}"]


def opt_in_areas_keys(choices, _areas) -> list[str]:
    members = MatchingOptIn.objects.filter(pk__in=choices).values_list("member_id", flat=True)
    return [f"member:{pk}" for pk in members]


def response_keys(response: Response) -> list[str]:
    return _circle_keys([_circle_of(response.opportunity_id)])


def realised_keys(row: RealisedWork) -> list[str]:
    return [PAID_WORK, *_circle_keys([_circle_of(row.opportunity_id)])]


def _note_old_circle(sender, instance, raw=False, **kwargs):
    if instance.pk is not None and not raw:
        instance._samenspel_old_circle_id = _circle_of(instance.pk)


def connect() -> None:
    """Called once from OpportunitiesConfig.ready()."""
    pre_save.connect(_note_old_circle, sender=Opportunity, dispatch_uid="opportunities.cache_keys.old_circle")
    cache_version.bump_on(Opportunity, opportunity_keys)
    cache_version.bump_on(Response, response_keys)
    cache_version.bump_on_m2m(Opportunity.themes.through, lambda opportunities, _themes: shown_keys(*opportunities))
    cache_version.bump_on(Circle, circle_name_keys)
    cache_version.bump_on(Area, lambda area: [f"area:{area.pk}"])
    cache_version.bump_on(MatchingOptIn, opt_in_keys)
    cache_version.bump_on_m2m(MatchingOptIn.areas.through, opt_in_areas_keys)
    cache_version.bump_on(RealisedWork, realised_keys)
