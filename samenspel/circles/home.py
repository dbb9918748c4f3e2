"""The circles app on the home page (registered with samenspel.core.home): who is a kartrekker,
circles without one, join requests, and new updates in the member's circles."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.core.home import Item, first

from .models import Circle, CircleMembership, CircleUpdate

# An update is new on a member's home page for this long after it was published.
NEW_UPDATE_DAYS = 14


def led_circles(user) -> list[Circle]:
    """The kartrekker role's scope: the active circles `user` leads (empty: not a kartrekker). One query."""
    return list(
        Circle.objects.filter(
            is_active=True,
            memberships__member=user,
            memberships__role=CircleMembership.Role.LEAD,
            memberships__status=CircleMembership.Status.ACTIVE,
        ).order_by("position", "name")
    )


def circles_without_lead(user, scope) -> list[Item]:
    """Coordinators: active circles that nobody leads, each linking to the page that names a lead. One query."""
    leads = CircleMembership.objects.filter(
        circle=OuterRef("pk"), role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
    )
    circles, more = first(
        Circle.objects.filter(is_active=True).exclude(Exists(leads)).order_by("position", "name").only("name", "slug")
    )
    items = [
        Item(
            title=_("%(circle)s has no circle lead") % {"circle": circle.name},
            url=reverse("circles:leads", args=[circle.slug]),
            text=_("Choose a circle lead."),
        )
        for circle in circles
    ]
    if more:
        items.append(Item(title=_("More circles without a circle lead"), url=reverse("circles:list")))
    return items


def join_requests(user, circles: list[Circle]) -> list[Item]:
    """Kartrekkers: requests to join the circles they lead, a count per circle. One query."""
    counts = dict(
        CircleMembership.objects.filter(circle__in=circles, status=CircleMembership.Status.REQUESTED)
        .values_list("circle_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    items = []
    for circle in circles:
        count = counts.get(circle.pk, 0)
        if count:
            items.append(
                Item(
                    title=_("Requests to join %(circle)s") % {"circle": circle.name},
                    url=reverse("circles:requests", args=[circle.slug]),
                    text=ngettext(
                        "%(count)s person wants to join. Say yes or no.",
                        "%(count)s people want to join. Say yes or no.",
                        count,
                    )
                    % {"count": count},
                    count=count,
                )
            )
    return items


def new_updates(user, scope) -> list[Item]:
    """Members: updates of the last two weeks in their circles, not their own. One query."""
    since = timezone.now() - datetime.timedelta(days=NEW_UPDATE_DAYS)
    mine = CircleMembership.objects.filter(member=user, status=CircleMembership.Status.ACTIVE).values("circle_id")
    updates, _more = first(
        CircleUpdate.objects.filter(circle__in=mine, circle__is_active=True, published_at__gte=since)
        .exclude(Q(author=user))
        .select_related("circle")
        .only("title", "published_at", "circle__name", "circle__slug")
        .order_by("-published_at", "-id")
    )
    return [
        Item(
            title=update.title,
            url=reverse("circles:updates", args=[update.circle.slug]) + f"#update-{update.pk}",
            text=_("New in %(circle)s") % {"circle": update.circle.name},
            when=update.published_at,
        )
        for update in updates
    ]
