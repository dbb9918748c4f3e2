"""Calendars: a meeting's .ics download, the subscribable feeds, and the member's personal feed page.

Calendar apps poll feeds often: every calendar answers with an ETag and Last-Modified made
from its meetings' revisions, and a conditional request gets 304 without building the
iCalendar text (samenspel.lib.http).
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samenspel.circles.models import Circle
from samenspel.lib.http import conditional_response
from samenspel.meetings import selectors
from samenspel.members.access import require_member

from ..access import get_meeting_for
from ..ics import cached_feed_ics, calendar_ics, feed_rows, meeting_ics
from ..models import Registration
from ..services import calendars

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(text: str, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(text, content_type=CALENDAR_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _validators_parts(kind: str, *parts) -> tuple:
    """What a calendar is made from, besides its meetings' revisions: the language and SITE_URL."""
    return (kind, *parts, get_language(), settings.SITE_URL)


@require_safe
def meeting_ics_download(request, pk):
    meeting = get_meeting_for(request.user, pk)
    confirmed = (
        request.user.is_authenticated
        and Registration.objects.filter(
            meeting=meeting, member=request.user, status=Registration.Status.CONFIRMED
        ).exists()
    )
    return conditional_response(
        request,
        _validators_parts("meeting", meeting.pk, meeting.revision, confirmed),
        build=lambda: _calendar_response(
            meeting_ics(meeting, with_online_link=confirmed), filename=f"meeting-{meeting.pk}.ics", attachment=True
        ),
    )


def _feed_response(request, meetings, *, name: str, filename: str):
    """A public feed, or 304 when the calendar app has it already (one query, no iCalendar built)."""
    rows = feed_rows(meetings)
    return conditional_response(
        request,
        _validators_parts("feed", name, rows),
        build=lambda: _calendar_response(
            cached_feed_ics(meetings, name=name, rows=rows), filename=filename, attachment=False
        ),
    )


@require_safe
def feed_public(request):
    name = _("%(network)s: public meetings") % {"network": settings.NETWORK_NAME}
    return _feed_response(request, selectors.public_feed_meetings(), name=name, filename="meetings.ics")


@require_safe
def feed_circle(request, slug):
    circle = get_object_or_404(Circle, slug=slug, is_active=True)
    name = _("%(circle)s: meetings") % {"circle": circle.name}
    return _feed_response(request, selectors.circle_feed_meetings(circle), name=name, filename=f"{circle.slug}.ics")


@require_safe
def feed_personal(request, token):
    feed = calendars.get_personal_feed(token)
    name = _("%(network)s: my meetings") % {"network": settings.NETWORK_NAME}
    rows = [
        (meeting.pk, meeting.revision, meeting.pk in feed.confirmed_ids, meeting.pk in feed.waitlisted_ids)
        for meeting in feed.meetings
    ]
    response = conditional_response(
        request,
        _validators_parts("personal", name, rows),
        build=lambda: _calendar_response(
            calendar_ics(feed.meetings, name=name, with_online_link=feed.confirmed_ids, waitlisted=feed.waitlisted_ids),
            filename="my-meetings.ics",
            attachment=False,
        ),
    )
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_calendar(request):
    require_member(request.user)
    new_url = webcal_url = None
    if request.method == "POST":
        token = calendars.renew_personal_feed(member=request.user)
        path = reverse("meetings:feed_personal", args=[token])
        new_url = settings.SITE_URL + path
        webcal_url = "webcal://" + new_url.split("://", 1)[1]
    feed = selectors.feed_of(request.user)
    response = render(
        request,
        "meetings/my_calendar.html",
        {"feed": feed, "new_url": new_url, "webcal_url": webcal_url},
    )
    response["Cache-Control"] = "private, no-store"
    return response
