"""Planning meetings: create, change, publish, cancel, mark as held; series; reminders.

Every write is a keyword-only service in a transaction. A change locks the Meeting row, raises
its iCal SEQUENCE with F() + 1 and, for a published meeting, emails the registrants after the
transaction commits (in each person's own language).
"""

import calendar
import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.circles.models import CircleMembership
from samenspel.core.audit import log_action
from samenspel.core.emails import email_builder, send_templated_email
from samenspel.lib.errors import DomainError
from samenspel.notifications.models import Kind
from samenspel.notifications.services import notify

from ..models import Meeting, MeetingSeries, Registration, Visibility
from .registration import RegistrationError, change_capacity

MAX_OCCURRENCES = 24
REMINDER_WINDOW = datetime.timedelta(hours=48)

# Fields whose change is worth an email to the registrants (with the status).
NOTIFY_FIELDS = ("starts_at", "ends_at", "online_url", "location")
EDITABLE_FIELDS = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "online_url",
    "location",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "visibility",
    "guests",
)


class PlanningError(DomainError):
    """A planning rule was broken; `message` can be shown to the person."""


def validate_meeting(
    *,
    circle,
    starts_at,
    ends_at,
    online_url,
    location,
    capacity,
    registration_opens_at,
    registration_closes_at,
    visibility,
) -> None:
    """Raise PlanningError for the first broken rule. The forms check the same rules first."""
    if ends_at <= starts_at:
        raise PlanningError(_("The end must be after the start."))
    if not (online_url or location):
        raise PlanningError(_("Fill in an online link or a location (or both)."))
    if online_url and not online_url.lower().startswith(("http://", "https://")):
        raise PlanningError(_("The online link must start with http:// or https://."))
    if capacity is None or capacity < 1:
        raise PlanningError(_("The number of places must be 1 or more."))
    if registration_closes_at and registration_closes_at >= ends_at:
        raise PlanningError(_("Registration must close before the meeting ends."))
    if registration_opens_at and registration_closes_at and registration_opens_at >= registration_closes_at:
        raise PlanningError(_("Registration must open before it closes."))
    if visibility not in Visibility.values:
        raise PlanningError(_("Choose who may see the meeting."))
    if visibility == Visibility.CIRCLE and circle is None:
        raise PlanningError(_("Only a circle meeting can be for the members of a circle."))


@transaction.atomic
def create_meeting(
    *,
    actor,
    circle=None,
    title: str,
    description: str = "",
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    online_url: str = "",
    location: str = "",
    capacity: int,
    registration_opens_at: datetime.datetime | None = None,
    registration_closes_at: datetime.datetime | None = None,
    visibility: str = Visibility.MEMBERS,
    guests: str = "",
    series: MeetingSeries | None = None,
    publish: bool = False,
    tell_circle: bool = True,
) -> Meeting:
    """Plan a meeting of the network (circle=None) or of a circle, as a draft (or published).

    A circle meeting published at once is a message to the circle's members (not with
    `tell_circle=False`: a series tells them once, for all its dates)."""
    fields = {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "online_url": online_url,
        "location": location,
        "capacity": capacity,
        "registration_opens_at": registration_opens_at,
        "registration_closes_at": registration_closes_at,
        "visibility": visibility,
    }
    validate_meeting(circle=circle, **fields)
    meeting = Meeting.objects.create(
        circle=circle,
        series=series,
        title=title,
        description=description,
        guests=guests if visibility == Visibility.CIRCLE else "",
        status=Meeting.Status.PUBLISHED if publish else Meeting.Status.DRAFT,
        created_by=actor,
        **fields,
    )
    log_action(actor=actor, action="meeting.created", target=meeting, data={"circle": circle.pk if circle else None})
    if publish and tell_circle:
        _tell_circle(meeting, "meeting.planned")
    return meeting


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("circle").get(pk=meeting.pk)


def _bump_sequence(meeting: Meeting, update_fields: list[str]) -> None:
    meeting.sequence = F("sequence") + 1
    meeting.save(update_fields=[*update_fields, "sequence", "updated_at"])
    meeting.refresh_from_db(fields=["sequence"])


@transaction.atomic
def update_meeting(*, actor, meeting: Meeting, **changes) -> Meeting:
    """Change the meeting's details. Registrants hear about a new time, place or link."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    meeting = _lock(meeting)
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise PlanningError(_("A cancelled or held meeting cannot be changed."))
    changed = [name for name, value in changes.items() if getattr(meeting, name) != value]
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, changes[name])
    if meeting.visibility != Visibility.CIRCLE:
        meeting.guests = ""  # only a circle meeting is opened to guests
    checked = [name for name in EDITABLE_FIELDS[2:] if name != "guests"]
    validate_meeting(circle=meeting.circle, **{name: getattr(meeting, name) for name in checked})
    if "capacity" in changed:
        # The registration part keeps seats and waitlist right: it refuses fewer places than
        # confirmed people and promotes from the waitlist when there are more.
        try:
            change_capacity(meeting=meeting, capacity=changes["capacity"], actor=actor)
        except RegistrationError as error:
            raise PlanningError(error.message) from error
    _bump_sequence(meeting, [name for name in changed if name != "capacity"])
    log_action(actor=actor, action="meeting.changed", target=meeting, data={"fields": changed})
    if meeting.status == Meeting.Status.PUBLISHED and any(name in NOTIFY_FIELDS for name in changed):
        told = _notify_registrants(meeting, template="meetings/changed", changed=changed)
        _tell_circle(meeting, "meeting.changed", exclude=told)
    return meeting


@transaction.atomic
def publish_meeting(*, actor, meeting: Meeting) -> Meeting:
    meeting = _lock(meeting)
    if meeting.status != Meeting.Status.DRAFT:
        raise PlanningError(_("Only a draft can be published."))
    meeting.status = Meeting.Status.PUBLISHED
    _bump_sequence(meeting, ["status"])
    log_action(actor=actor, action="meeting.published", target=meeting)
    _tell_circle(meeting, "meeting.planned")
    return meeting


@transaction.atomic
def cancel_meeting(*, actor, meeting: Meeting, reason: str = "") -> Meeting:
    """Cancel a draft or published meeting; confirmed and waitlisted people get an email."""
    meeting = _lock(meeting)
    if meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED):
        raise PlanningError(_("This meeting is already cancelled or held."))
    was_published = meeting.status == Meeting.Status.PUBLISHED
    meeting.status = Meeting.Status.CANCELLED
    _bump_sequence(meeting, ["status"])
    log_action(actor=actor, action="meeting.cancelled", target=meeting)
    if was_published:
        told = _notify_registrants(meeting, template="meetings/cancelled", reason=reason)
        _tell_circle(meeting, "meeting.cancelled", exclude=told)
    return meeting


@transaction.atomic
def mark_held(*, actor, meeting: Meeting) -> Meeting:
    """After it has started, a published meeting can be marked as held (no email: nothing to act on)."""
    meeting = _lock(meeting)
    if meeting.status != Meeting.Status.PUBLISHED:
        raise PlanningError(_("Only a published meeting can be marked as held."))
    if meeting.starts_at > timezone.now():
        raise PlanningError(_("You can mark the meeting as held once it has started."))
    meeting.status = Meeting.Status.HELD
    _bump_sequence(meeting, ["status"])
    log_action(actor=actor, action="meeting.held", target=meeting)
    return meeting


# --- emails ---------------------------------------------------------------------------------


def _language_of(registration: Registration) -> str:
    if registration.member_id:
        return registration.member.preferred_language or settings.LANGUAGE_CODE
    return registration.language or settings.LANGUAGE_CODE


def _email_registration(registration: Registration, meeting: Meeting, *, template: str, **context) -> None:
    """Queue the email; the online link and the .ics are added when it is sent (not stored in the queue)."""
    send_templated_email(
        to=registration.contact_email,
        template=template,
        context={
            "meeting": meeting,
            "registration": registration,
            "name": registration.display_name,
            "confirmed": registration.status == Registration.Status.CONFIRMED,
            **context,
        },
        language=_language_of(registration),
        build="samenspel.meetings.services.planning.meeting_email_extras",
    )


@email_builder
def meeting_email_extras(*, context: dict, secret: str | None) -> tuple[dict, list]:
    """At send time: the online link for confirmed people, and the iTIP message (RFC 5546).

    A cancelled meeting: METHOD:CANCEL for everyone (it removes a copy they may have imported).
    A change or a reminder: METHOD:REQUEST for confirmed people only; the waitlist got no
    invitation, so it gets no update either.
    """
    from ..ics import CANCEL, REQUEST, invitation_ics, itip_mimetype  # the calendars part

    confirmed = context["confirmed"]
    meeting = context["meeting"]
    registration = context["registration"]
    extra = {"online_url": meeting.online_url if confirmed else ""}
    method = CANCEL if meeting.status == Meeting.Status.CANCELLED else REQUEST
    if method == REQUEST and not confirmed:
        return extra, []
    text = invitation_ics(
        meeting,
        method=method,
        attendee_email=registration.contact_email,
        attendee_name=registration.display_name,
        partstat="ACCEPTED" if confirmed else "TENTATIVE",
        with_online_link=confirmed,
    )
    return extra, [("meeting.ics", text, itip_mimetype(method))]


def _notify_registrants(meeting: Meeting, *, template: str, **context) -> set[int]:
    """Queue one email per confirmed or waitlisted registrant, after the commit; the ids of the
    members among them (they need no notification about the same change)."""
    registrations = list(
        meeting.registrations.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        ).select_related("member")
    )
    for registration in registrations:
        _email_registration(registration, meeting, template=template, **context)
    return {registration.member_id for registration in registrations if registration.member_id}


def _tell_circle(meeting: Meeting, message: str, *, exclude: set[int] = frozenset(), count: int = 0) -> None:
    """A message to the active members of the meeting's circle (a network meeting tells no one)."""
    if meeting.circle_id is None:
        return
    members = (
        meeting.circle.memberships.filter(status=CircleMembership.Status.ACTIVE, member__is_active=True)
        .exclude(member_id__in=exclude)
        .select_related("member")
    )
    params = {"meeting": meeting.title, "starts_at": meeting.starts_at.isoformat()}
    if count:
        params["count"] = count
    notify(
        recipients=[membership.member for membership in members],
        kind=Kind.MEETING,
        message=message,
        params=params,
        link=reverse("meetings:detail", args=[meeting.pk]),
    )


@transaction.atomic
def send_reminders(now: datetime.datetime | None = None) -> int:
    """Email confirmed participants of published meetings that start within 48 hours, once.

    Run every hour (management command send_meeting_reminders). Returns the number of meetings.
    """
    now = now or timezone.now()
    due = list(
        Meeting.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            status=Meeting.Status.PUBLISHED,
            reminder_sent_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_WINDOW,
        )
        .select_related("circle")
    )
    if not due:
        return 0
    Meeting.objects.filter(pk__in=[m.pk for m in due]).update(reminder_sent_at=now)
    registrations = Registration.objects.filter(meeting__in=due, status=Registration.Status.CONFIRMED).select_related(
        "member", "group"
    )
    by_meeting = {meeting.pk: meeting for meeting in due}
    for registration in registrations:
        group = registration.group  # their breakout group and its question, when the groups are made
        _email_registration(
            registration,
            by_meeting[registration.meeting_id],
            template="meetings/reminder",
            group=group,
            takes_notes=bool(group and registration.member_id and group.note_taker_id == registration.member_id),
        )
    for meeting in due:
        log_action(actor=None, action="meeting.reminder.sent", target=meeting)
    return len(due)


# --- series ---------------------------------------------------------------------------------


def series_dates(
    *, weekday: int, week_of_month: int, first_date: datetime.date, last_date: datetime.date
) -> list[datetime.date]:
    """The dates from first_date to last_date that are the n-th (or last, -1) `weekday` of their month."""
    dates = []
    year, month = first_date.year, first_date.month
    while (year, month) <= (last_date.year, last_date.month):
        days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday] != 0]
        day = days[-1] if week_of_month == -1 else days[week_of_month - 1]
        date = datetime.date(year, month, day)
        if first_date <= date <= last_date:
            dates.append(date)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def local_datetime(date: datetime.date, time: datetime.time) -> datetime.datetime:
    """Wall-clock time in the site's time zone (Europe/Amsterdam) as an aware datetime."""
    return datetime.datetime.combine(date, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass
class SeriesResult:
    series: MeetingSeries
    meetings: list[Meeting]


@transaction.atomic
def create_series(
    *,
    actor,
    circle,
    title: str,
    description: str = "",
    weekday: int,
    week_of_month: int,
    start_time: datetime.time,
    end_time: datetime.time,
    first_date: datetime.date,
    last_date: datetime.date,
    online_url: str = "",
    location: str = "",
    capacity: int,
    visibility: str = Visibility.CIRCLE,
    publish: bool = False,
) -> SeriesResult:
    """A recurring circle meeting: one Meeting per date, each changeable on its own."""
    if circle is None:
        raise PlanningError(_("A series belongs to a circle."))
    if week_of_month not in (-1, 1, 2, 3, 4):
        raise PlanningError(_("Choose the first, second, third, fourth or last week."))
    if end_time <= start_time:
        raise PlanningError(_("The end time must be after the start time."))
    if last_date < first_date:
        raise PlanningError(_("The last date must be on or after the first date."))
    dates = series_dates(weekday=weekday, week_of_month=week_of_month, first_date=first_date, last_date=last_date)
    if not dates:
        raise PlanningError(_("There is no such day between these dates. Choose other dates."))
    if len(dates) > MAX_OCCURRENCES:
        raise PlanningError(
            _("This makes %(count)d meetings. You can plan at most %(max)d at once. Choose an earlier last date.")
            % {"count": len(dates), "max": MAX_OCCURRENCES}
        )
    series = MeetingSeries.objects.create(
        circle=circle,
        title=title,
        weekday=weekday,
        week_of_month=week_of_month,
        start_time=start_time,
        end_time=end_time,
        first_date=first_date,
        last_date=last_date,
        created_by=actor,
    )
    meetings = [
        create_meeting(
            actor=actor,
            circle=circle,
            series=series,
            title=title,
            description=description,
            starts_at=local_datetime(date, start_time),
            ends_at=local_datetime(date, end_time),
            online_url=online_url,
            location=location,
            capacity=capacity,
            visibility=visibility,
            publish=publish,
            tell_circle=False,
        )
        for date in dates
    ]
    log_action(actor=actor, action="meeting.series.created", target=series, data={"meetings": len(meetings)})
    if publish:
        _tell_circle(meetings[0], "meeting.series_planned", count=len(meetings))
    return SeriesResult(series=series, meetings=meetings)
