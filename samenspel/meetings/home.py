"""Meetings on the home page (registered with samenspel.core.home): held meetings without a published
report (coordinators), each led circle's next meeting (kartrekkers), and the member's own next
meetings with their place (members)."""

import datetime

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.circles.models import Circle
from samenspel.core.home import Item, first

from .mine import next_registrations, status_text
from .models import Meeting

# A held meeting waits for its report on the coordinator's home for this long; older ones are
# history (not every circle meeting gets a report).
REPORT_EXPECTED_DAYS = 60
# The member's next meetings on the home page.
MY_NEXT = 3


def reports_to_publish(user, scope) -> list[Item]:
    """Coordinators: meetings held in the last two months whose report is not published. One query."""
    since = timezone.now() - datetime.timedelta(days=REPORT_EXPECTED_DAYS)
    meetings, more = first(
        Meeting.objects.filter(status=Meeting.Status.HELD, starts_at__gte=since)
        .filter(Q(report__isnull=True) | Q(report__published_at__isnull=True))
        .only("title", "starts_at")
        .order_by("-starts_at", "-id")
    )
    items = [
        Item(
            title=_("Report of %(meeting)s") % {"meeting": meeting.title},
            url=reverse("meetings:report_edit", args=[meeting.pk]),
            text=_("The meeting was held. Write and publish the report."),
            when=meeting.starts_at,
        )
        for meeting in meetings
    ]
    if more:
        items.append(Item(title=_("More meetings without a report"), url=reverse("meetings:list")))
    return items


def next_circle_meetings(user, circles: list[Circle]) -> list[Item]:
    """Kartrekkers: each led circle's next meeting (a draft too), or a link to plan one. One query."""
    upcoming = Meeting.objects.filter(
        circle=OuterRef("pk"),
        status__in=[Meeting.Status.PUBLISHED, Meeting.Status.DRAFT],
        ends_at__gte=timezone.now(),
    ).order_by("starts_at", "id")
    rows = (
        Circle.objects.filter(pk__in=[circle.pk for circle in circles])
        .annotate(
            next_pk=Subquery(upcoming.values("pk")[:1]),
            next_title=Subquery(upcoming.values("title")[:1]),
            next_starts=Subquery(upcoming.values("starts_at")[:1]),
            next_status=Subquery(upcoming.values("status")[:1]),
        )
        .order_by("position", "name")
    )
    items = []
    for circle in rows:
        if circle.next_pk is None:
            items.append(
                Item(
                    title=_("Plan the next meeting of %(circle)s") % {"circle": circle.name},
                    url=reverse("meetings:create") + f"?circle={circle.pk}",
                    text=_("The circle has no meeting planned."),
                )
            )
            continue
        draft = circle.next_status == Meeting.Status.DRAFT
        items.append(
            Item(
                title=_("Next meeting of %(circle)s: %(meeting)s")
                % {"circle": circle.name, "meeting": circle.next_title},
                url=reverse("meetings:detail", args=[circle.next_pk]),
                text=_("Still a draft: publish it, so members can register.") if draft else "",
                when=circle.next_starts,
            )
        )
    return items


def my_next_meetings(user, scope) -> list[Item]:
    """Members: their next meetings with a place or a place on the waitlist. One query.

    The member's section links to all of them ("My meetings"), so only the next few are here."""
    return [
        Item(
            title=registration.meeting.title,
            url=reverse("meetings:detail", args=[registration.meeting_id]),
            text=status_text(registration),
            when=registration.meeting.starts_at,
        )
        for registration in next_registrations(user, limit=MY_NEXT)
    ]
