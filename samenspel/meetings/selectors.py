"""Reads for meetings: the list with filters, upcoming meetings for the home and circle pages."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .access import visible_meetings_for
from .models import Meeting, Registration


def with_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Annotate `confirmed_count` (the places taken) in the same query."""
    return meetings.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
    )


def month_range(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end (exclusive) of a month in the site's time zone, as aware datetimes."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime(year, month, 1, tzinfo=zone)
    end = (
        datetime.datetime(year + 1, 1, 1, tzinfo=zone)
        if month == 12
        else datetime.datetime(year, month + 1, 1, tzinfo=zone)
    )
    return start, end


def meetings_for_list(
    user, *, circle=None, network_only: bool = False, month: tuple[int, int] | None = None, where: str = ""
) -> QuerySet[Meeting]:
    """Meetings `user` may see: upcoming ones, or all of one month; filtered by circle and place.

    where: "online" (has an online link) or "location" (has a location); empty for both.
    """
    meetings = visible_meetings_for(user)
    if month is not None:
        start, end = month_range(*month)
        meetings = meetings.filter(starts_at__gte=start, starts_at__lt=end)
    else:
        meetings = meetings.filter(ends_at__gte=timezone.now())
    if circle is not None:
        meetings = meetings.filter(circle=circle)
    elif network_only:
        meetings = meetings.filter(circle__isnull=True)
    if where == "online":
        meetings = meetings.exclude(online_url="")
    elif where == "location":
        meetings = meetings.exclude(location="")
    return with_counts(meetings).order_by("starts_at", "id")


def upcoming_for(user, *, circle=None, limit: int = 5) -> list[Meeting]:
    """The next published meetings `user` may see (of one circle if given), for the home and circle pages."""
    meetings = visible_meetings_for(user).filter(status=Meeting.Status.PUBLISHED, ends_at__gte=timezone.now())
    if circle is not None:
        meetings = meetings.filter(circle=circle)
    return list(with_counts(meetings).order_by("starts_at", "id")[:limit])


# How long visitors' list of upcoming meetings on the home and circle pages may be old: places
# taken and "upcoming" change with registrations and the clock, which do not bump the content version.
UPCOMING_FOR_VISITORS_SECONDS = 60


def upcoming_on_page(request, *, circle=None, limit: int = 5) -> list[Meeting]:
    """`upcoming_for` the viewer; for visitors (the same list for all) cached for a minute."""
    if request.user.is_authenticated:
        return upcoming_for(request.user, circle=circle, limit=limit)
    from django.core.cache import caches

    from samenspel.core.cache_version import cache_key

    key = cache_key(request, ("upcoming-meetings", circle.pk if circle else None, limit))
    return caches["pages"].get_or_set(
        key, lambda: upcoming_for(request.user, circle=circle, limit=limit), UPCOMING_FOR_VISITORS_SECONDS
    )


def confirmed_count(meeting: Meeting) -> int:
    """The number of confirmed registrations (places taken)."""
    return meeting.registrations.filter(status=Registration.Status.CONFIRMED).count()


def registration_of(user, meeting: Meeting) -> Registration | None:
    """The viewer's own active (not cancelled) registration for the meeting, or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(meeting=meeting, member=user).exclude(status=Registration.Status.CANCELLED).first()
    )
