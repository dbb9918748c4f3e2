"""iCalendar (RFC 5545) for meetings: one meeting as an .ics file, or many as a subscribable feed.

Every event has a stable UID (`<meeting.uid>@samenspel`), SEQUENCE = meeting.sequence (raised on
every change), DTSTART/DTEND in local time with TZID=Europe/Amsterdam and one VTIMEZONE with the
EU summer-time rules, and STATUS:CANCELLED for cancelled meetings so calendars strike them out.

The online link is left out unless the caller says the reader is a confirmed participant
(`with_online_link`): public .ics files and feeds never carry it.

Two kinds of calendar text leave this module:
- downloads and feeds (no METHOD): a copy to import or subscribe to. In the personal feed a place
  on the waitlist is STATUS:TENTATIVE with "(waitlist)" after the title.
- iTIP messages (RFC 5546) for email attachments (`invitation_ics`): METHOD:REQUEST invites or
  updates, METHOD:CANCEL removes. They name the network as ORGANIZER (its sending address) and the
  recipient as ATTENDEE, carry the meeting's UID and SEQUENCE, and DTSTAMP is the moment the
  message is made. A client applies a message only when its SEQUENCE is not lower than the copy it
  holds: every change, cancellation and withdrawal raises `Meeting.sequence`.
"""

import hashlib
from collections.abc import Container, Iterable
from datetime import datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.core.cache import caches
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Meeting

TZID = "Europe/Amsterdam"
PRODID = "-//Samenspel//Meetings//EN"
UID_DOMAIN = "samenspel"


def _amsterdam_vtimezone() -> icalendar.Timezone:
    """Europe/Amsterdam with the EU rules (since 1996): summer time from the last Sunday of March
    02:00 to the last Sunday of October 03:00. Small, and valid for every future year."""
    tz = icalendar.Timezone()
    tz.add("TZID", TZID)
    daylight = icalendar.TimezoneDaylight()
    daylight.add("DTSTART", datetime(1981, 3, 29, 2, 0))
    daylight.add("TZOFFSETFROM", timezone.timedelta(hours=1))
    daylight.add("TZOFFSETTO", timezone.timedelta(hours=2))
    daylight.add("TZNAME", "CEST")
    daylight.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"})
    standard = icalendar.TimezoneStandard()
    standard.add("DTSTART", datetime(1996, 10, 27, 3, 0))
    standard.add("TZOFFSETFROM", timezone.timedelta(hours=2))
    standard.add("TZOFFSETTO", timezone.timedelta(hours=1))
    standard.add("TZNAME", "CET")
    standard.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"})
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def meeting_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@{UID_DOMAIN}"


def meeting_page_url(meeting: Meeting) -> str:
    """The absolute address of the meeting's page (SITE_URL + the detail page)."""
    return settings.SITE_URL + reverse("meetings:detail", args=[meeting.pk])


_STATUS = {
    Meeting.Status.DRAFT: "TENTATIVE",
    Meeting.Status.PUBLISHED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def _event(meeting: Meeting, *, with_online_link: bool, waitlisted: bool = False) -> icalendar.Event:
    local = ZoneInfo(TZID)
    page = meeting_page_url(meeting)
    description = meeting.description.strip()
    if with_online_link and meeting.online_url:
        description += "\n\n" + _("Online link: %(url)s") % {"url": meeting.online_url}
    description = (description + "\n\n" + page).strip()
    if meeting.location:
        location = meeting.location
    elif meeting.online_url:
        location = meeting.online_url if with_online_link else _("Online")
    else:
        location = ""

    event = icalendar.Event()
    event.add("UID", meeting_uid(meeting))
    event.add("DTSTAMP", meeting.updated_at or timezone.now())
    if meeting.updated_at:
        event.add("LAST-MODIFIED", meeting.updated_at)
    event.add("DTSTART", meeting.starts_at.astimezone(local))
    event.add("DTEND", meeting.ends_at.astimezone(local))
    status = _STATUS.get(meeting.status, "CONFIRMED")
    if waitlisted and status != "CANCELLED":
        # Not a seat yet: the calendar shows the date as uncertain, and says why.
        status = "TENTATIVE"
        event.add("SUMMARY", _("%(title)s (waitlist)") % {"title": meeting.title})
    else:
        event.add("SUMMARY", meeting.title)
    event.add("DESCRIPTION", description)
    if location:
        event.add("LOCATION", location)
    event.add("URL", page)
    event.add("SEQUENCE", meeting.sequence)
    event.add("STATUS", status)
    return event


def _calendar(events: Iterable[icalendar.Event], *, name: str | None = None, method: str | None = None) -> str:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    if method:
        calendar.add("METHOD", method)
    if name:
        calendar.add("X-WR-CALNAME", name)
        calendar.add("X-WR-TIMEZONE", TZID)
    calendar.add_component(_amsterdam_vtimezone())
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical().decode()


def meeting_ics(meeting: Meeting, *, with_online_link: bool = False) -> str:
    """One meeting as an iCalendar text (for a download or an email attachment).

    Pass with_online_link=True only when the reader is a confirmed participant.
    """
    return _calendar([_event(meeting, with_online_link=with_online_link)])


def calendar_ics(
    meetings: Iterable[Meeting], *, name: str, with_online_link: Container[int] = (), waitlisted: Container[int] = ()
) -> str:
    """Many meetings as one subscribable calendar called `name`.

    `with_online_link` holds the ids of meetings whose online link the reader may see
    (their confirmed registrations); public feeds leave it empty. `waitlisted` holds the ids of
    meetings where the reader is on the waitlist (shown as tentative).
    """
    return _calendar(
        (_event(m, with_online_link=m.pk in with_online_link, waitlisted=m.pk in waitlisted) for m in meetings),
        name=name,
    )


# --- iTIP messages for emails (RFC 5546) ---------------------------------------------------

REQUEST = "REQUEST"
CANCEL = "CANCEL"


def organizer_address() -> str:
    """The network's sending address (DEFAULT_FROM_EMAIL without its display name)."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def invitation_ics(
    meeting: Meeting, *, method: str, attendee_email: str, attendee_name: str, partstat: str, with_online_link: bool
) -> str:
    """One meeting as an iTIP message to one attendee.

    REQUEST invites or updates. CANCEL of a cancelled meeting carries STATUS:CANCELLED; CANCEL of
    a live meeting removes only this attendee (a withdrawn registration), and RFC 5546 3.2.5 then
    forbids STATUS. `partstat` is the attendee's answer as we know it (ACCEPTED: they registered).
    """
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"unknown iTIP method {method!r}")
    event = _event(meeting, with_online_link=with_online_link)
    event.pop("DTSTAMP")
    event.add("DTSTAMP", timezone.now())  # RFC 5546: when this message was made
    event.add(
        "ORGANIZER",
        icalendar.vCalAddress(f"mailto:{organizer_address()}"),
        parameters={"CN": settings.NETWORK_NAME},
    )
    event.add(
        "ATTENDEE",
        icalendar.vCalAddress(f"mailto:{attendee_email}"),
        parameters={"CN": attendee_name, "ROLE": "REQ-PARTICIPANT", "PARTSTAT": partstat, "RSVP": "FALSE"},
    )
    if method == CANCEL and meeting.status != Meeting.Status.CANCELLED:
        del event["STATUS"]
    return _calendar([event], method=method)


def itip_mimetype(method: str) -> str:
    """The attachment's type: RFC 6047 repeats the METHOD in the MIME part."""
    return f"text/calendar; charset=utf-8; method={method}"


# --- feeds from the cache ------------------------------------------------------------------

# Each feed and each event is kept once per language, with the revisions it was made from (see
# samenspel.meetings.revisions): a change replaces it, old copies do not pile up.
FEED_CACHE_SECONDS = 60 * 60
_END = "END:VCALENDAR\r\n"


def _event_key(pk: int) -> str:
    return f"samenspel:ics-event:{pk}:{get_language() or ''}"


def feed_rows(meetings: QuerySet[Meeting]) -> list[tuple[int, int]]:
    """The feed's meetings as (id, revision), in feed order: one query, all a feed is made from."""
    return list(meetings.values_list("id", "revision"))


def cached_feed_ics(meetings: QuerySet[Meeting], *, name: str, rows: list[tuple[int, int]] | None = None) -> str:
    """A public feed of `meetings` (no online links) from this process's cache.

    One query lists the feed's meetings with their revisions (or the caller passes `rows`, from
    `feed_rows`); when any of them changed (or one came or went), the feed is assembled anew
    from each event's cached text, and only the changed meetings are read and rendered again.
    """
    cache = caches["pages"]
    if rows is None:
        rows = feed_rows(meetings)
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    feed_key = "samenspel:ics-feed:" + hashlib.sha256(f"{name}:{get_language() or ''}".encode()).hexdigest()
    stored = cache.get(feed_key)
    if stored is not None and stored[0] == digest:
        return stored[1]
    revisions = dict(rows)
    keys = {pk: _event_key(pk) for pk in revisions}
    found = cache.get_many(keys.values())
    texts = {pk: found[key][1] for pk, key in keys.items() if key in found and found[key][0] == revisions[pk]}
    fresh = {}
    for meeting in Meeting.objects.filter(pk__in=[pk for pk in revisions if pk not in texts]):
        texts[meeting.pk] = _event(meeting, with_online_link=False).to_ical().decode()
        # Stored with the revision read with the row: a change in between is seen at the next request.
        fresh[keys[meeting.pk]] = (meeting.revision, texts[meeting.pk])
    cache.set_many(fresh, FEED_CACHE_SECONDS)
    header = _calendar([], name=name)
    if not header.endswith(_END):  # icalendar always ends a calendar so; a change there must not go unseen
        raise ValueError("unexpected end of an iCalendar text")
    # A meeting deleted between the two reads is left out.
    text = header[: -len(_END)] + "".join(texts[pk] for pk, _revision in rows if pk in texts) + _END
    cache.set(feed_key, (digest, text), FEED_CACHE_SECONDS)
    return text
