"""Atom feeds (django.contrib.syndication): public meetings, and published reports of public meetings.

Feed readers cannot log in, so a feed holds only what a visitor may see: meetings for everyone
(not drafts), and reports published for everyone of such meetings. Members-only and circle-only
meetings, reports for participants or members, and unpublished reports never appear.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import format_html, linebreaks
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .models import Meeting, Report, Visibility
from .selectors import FEED_HISTORY, FEED_STATUSES

FEED_ITEMS = 50


def public_meetings():
    """Meetings everyone may see, not drafts, from three months ago on; the latest starting first."""
    return (
        Meeting.objects.filter(
            visibility=Visibility.PUBLIC,
            status__in=FEED_STATUSES,
            ends_at__gte=timezone.now() - FEED_HISTORY,
        )
        .select_related("circle")
        .order_by("-starts_at", "-id")[:FEED_ITEMS]
    )


def public_reports():
    """Reports published for everyone, of meetings everyone may see; the latest published first."""
    return (
        Report.objects.filter(
            published_at__isnull=False,
            visibility=Visibility.PUBLIC,
            meeting__visibility=Visibility.PUBLIC,
            meeting__status__in=FEED_STATUSES,
        )
        .select_related("meeting")
        .order_by("-published_at", "-id")[:FEED_ITEMS]
    )


def _when_and_where(meeting: Meeting) -> str:
    starts = localtime(meeting.starts_at)
    when = date_format(starts, "l j F Y, H:i") + "–" + date_format(localtime(meeting.ends_at), "H:i")
    where = meeting.location or _("Online")
    if meeting.location and meeting.online_url:
        where = _("%(location)s and online") % {"location": meeting.location}
    return f"{when} · {where}"


class PublicMeetingsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("%(network)s: public meetings") % {"network": settings.NETWORK_NAME}

    def subtitle(self):
        return _("Meetings that everyone can come to.")

    def link(self):
        return reverse("meetings:list")

    def items(self):
        return public_meetings()

    def item_title(self, meeting: Meeting):
        if meeting.status == Meeting.Status.CANCELLED:
            return _("Cancelled: %(meeting)s") % {"meeting": meeting.title}
        return meeting.title

    def item_description(self, meeting: Meeting):
        circle = meeting.circle.name if meeting.circle_id else _("Whole network")
        # Plain text from the organisers: escaped, then paragraphs.
        return format_html("<p>{} · {}</p>{}", _when_and_where(meeting), circle, linebreaks(meeting.description))

    def item_link(self, meeting: Meeting):
        return reverse("meetings:detail", args=[meeting.pk])

    def item_pubdate(self, meeting: Meeting):
        return meeting.created_at

    def item_updateddate(self, meeting: Meeting):
        return meeting.updated_at


class PublishedReportsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("%(network)s: reports of meetings") % {"network": settings.NETWORK_NAME}

    def subtitle(self):
        return _("What was said and decided at public meetings.")

    def link(self):
        return reverse("meetings:list")

    def items(self):
        return public_reports()

    def item_title(self, report: Report):
        return _("Report: %(meeting)s") % {"meeting": report.meeting.title}

    def item_description(self, report: Report):
        # The *_html fields are Markdown sanitised with nh3 when saved (samenspel.lib.markdown).
        parts = [format_html("<p>{}</p>", _when_and_where(report.meeting))]
        parts += [html for html in (report.introduction_html, report.decisions_html) if html]
        return "".join(parts)

    def item_link(self, report: Report):
        return reverse("meetings:report", args=[report.meeting_id])

    def item_pubdate(self, report: Report):
        return report.published_at

    def item_updateddate(self, report: Report):
        return report.updated_at
