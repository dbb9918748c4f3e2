"""Reads for posting and the public list: the list with its filters, the poster's own, the review queue.

Each returns a queryset whose rows carry what their page shows (area, organisation, circle,
themes) in a fixed number of queries, however many rows there are.
"""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from samenspel.members.models import Theme

from .. import access
from ..models import Opportunity

_THEMES = Prefetch("themes", queryset=Theme.objects.order_by("position", "name_nl"))


def _with_details(opportunities: QuerySet) -> QuerySet:
    return opportunities.select_related("area", "organisation", "circle").prefetch_related(_THEMES)


def open_opportunities(user, *, kind="", theme=None, paid=None, area=None) -> QuerySet[Opportunity]:
    """Published opportunities `user` may read whose deadline is today or later, soonest deadline first."""
    opportunities = access.visible_opportunities(user).filter(
        status=Opportunity.Status.PUBLISHED, respond_by__gte=timezone.localdate()
    )
    if kind:
        opportunities = opportunities.filter(kind=kind)
    if theme is not None:
        opportunities = opportunities.filter(themes=theme)
    if paid is True:
        opportunities = opportunities.exclude(pay=Opportunity.Pay.NONE)
    elif paid is False:
        opportunities = opportunities.filter(pay=Opportunity.Pay.NONE)
    if area is not None:
        opportunities = opportunities.filter(area=area)
    return _with_details(opportunities).order_by("respond_by", "id")


def managed_opportunities(user) -> QuerySet[Opportunity]:
    """Every opportunity `user` manages (coordinators: all), the newest first."""
    return (
        Opportunity.objects.filter(access.managed_by(user))
        .select_related("area", "organisation", "circle")
        .order_by("-created_at", "-id")
    )


def waiting_for_approval() -> QuerySet[Opportunity]:
    """What coordinators check, the longest waiting first."""
    return _with_details(Opportunity.objects.filter(status=Opportunity.Status.PENDING)).order_by("submitted_at", "id")


def count_waiting_for_approval() -> int:
    return Opportunity.objects.filter(status=Opportunity.Status.PENDING).count()
