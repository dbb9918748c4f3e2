"""Reads for the newsletter: the archive, the coordinators' list, requests waiting for kartrekkers.

`requests_waiting_for(member)` and `editions_waiting_for_updates()` are what a home page shows
("an update requested for the newsletter", "editions waiting for updates"); each is one query.
"""

from django.db.models import Count, Q, QuerySet

from samenspel.core.roles import is_coordinator

from .access import PUBLISHED, visible_editions_for
from .models import Edition, UpdateRequest

OPEN = (Edition.Status.DRAFT, Edition.Status.SCHEDULED)


def archive(user) -> QuerySet[Edition]:
    """Editions `user` may read that went out, newest first (drafts are not in the archive)."""
    return (
        visible_editions_for(user)
        .filter(status__in=PUBLISHED)
        .only("id", "title", "issue_date", "visibility", "status", "sending_started_at")
        .order_by("-issue_date", "-id")
    )


def editions_for_coordinators() -> QuerySet[Edition]:
    """Every edition with its number of requests and of updates received (one query)."""
    return (
        Edition.objects.select_related("circle")
        .annotate(
            request_count=Count("requests", distinct=True),
            answered_count=Count("requests", filter=Q(requests__update__isnull=False), distinct=True),
        )
        .order_by("-issue_date", "-id")
    )


def editions_waiting_for_updates() -> QuerySet[Edition]:
    """Editions in preparation with requests still unanswered, soonest deadline first, with `missing_count`."""
    return (
        Edition.objects.filter(status__in=OPEN)
        .annotate(missing_count=Count("requests", filter=Q(requests__update__isnull=True)))
        .filter(missing_count__gt=0)
        .order_by("deadline", "id")
    )


def _led_by(member) -> Q:
    return Q(
        circle__memberships__member=member,
        circle__memberships__role="lead",
        circle__memberships__status="active",
        circle__is_active=True,
    )


def requests_for(member) -> QuerySet[UpdateRequest]:
    """The requests of editions in preparation for the circles `member` leads (all of them for coordinators)."""
    requests = UpdateRequest.objects.filter(edition__status__in=OPEN)
    if not is_coordinator(member):
        requests = requests.filter(_led_by(member))
    return requests.select_related("edition", "circle", "update").order_by("edition__deadline", "circle__name", "id")


def requests_waiting_for(member) -> QuerySet[UpdateRequest]:
    """Requests `member` leads the circle of that have no update yet (not for coordinators as such)."""
    return (
        UpdateRequest.objects.filter(_led_by(member), edition__status__in=OPEN, update__isnull=True)
        .select_related("edition", "circle")
        .order_by("edition__deadline", "circle__name", "id")
    )


def requests_of(edition: Edition) -> list[UpdateRequest]:
    return list(edition.requests.select_related("circle", "update").order_by("circle__position", "circle__name"))


def recent_updates_of(request: UpdateRequest, limit: int = 10):
    """The circle's latest updates, to choose one already posted instead of writing a new one."""
    latest = list(request.circle.updates.order_by("-published_at", "-id").values_list("pk", flat=True)[:limit])
    return request.circle.updates.filter(pk__in=latest).order_by("-published_at", "-id")  # not sliced: a form checks it
