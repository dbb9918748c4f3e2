"""Which cache versions (samenspel.core.cache_version) a change to opportunities bumps.

- `paid-work`: the monitor's figures of paid work realised (dashboard, open data; registered with
  `monitor.extra_figures` under this key), bumped by every change of realised work.
- `circle:<slug>`: a circle's page shows its own opportunity figures (circle_figures.py), bumped by
  every change of an opportunity of the circle (also the circle it leaves), its responses (people
  chosen) and its realised work.
"""

from django.db.models.signals import pre_save

from samenspel.circles.models import Circle
from samenspel.core import cache_version

from .models import Opportunity, RealisedWork, Response
from .selectors.figures import PAID_WORK


def _circle_keys(circle_ids) -> list[str]:
    ids = [pk for pk in circle_ids if pk]
    if not ids:
        return []
    return [f"circle:{slug}" for slug in Circle.objects.filter(pk__in=ids).values_list("slug", flat=True)]


def _circle_of(opportunity_id) -> int | None:
    return Opportunity.objects.filter(pk=opportunity_id).values_list("circle_id", flat=True).first()


def opportunity_keys(opportunity: Opportunity) -> list[str]:
    old = opportunity.__dict__.pop("_samenspel_old_circle_id", None)
    return _circle_keys({opportunity.circle_id, old})


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
    cache_version.bump_on(RealisedWork, realised_keys)
