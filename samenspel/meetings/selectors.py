"""Reads for meetings: the list with filters, upcoming meetings for the home and circle pages,
the meeting page's state, registrations and the waitlist, groups and the report, the feeds."""

import datetime
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import BooleanField, CharField, Count, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.circles.selectors import circle_roles
from samenspel.core.roles import is_approved_member
from samenspel.lib.tokens import hash_token

from .access import can_organise, may_read_report, visible_meetings_for
from .models import (
    Attachment,
    BreakoutGroup,
    CalendarFeed,
    Meeting,
    ParticipantRole,
    Registration,
    Report,
    RoleLimit,
    Visibility,
)


def with_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Annotate `confirmed_count` (the places taken) in the same query.

    A correlated subquery, not a join with GROUP BY: with ORDER BY and LIMIT (a page of the list,
    the next five on the home page) the database counts for the rows shown only, not for every
    upcoming meeting."""
    confirmed = (
        Registration.objects.filter(meeting=OuterRef("pk"), status=Registration.Status.CONFIRMED)
        .order_by()
        .values("meeting")
        .annotate(n=Count("id"))
        .values("n")
    )
    return meetings.annotate(confirmed_count=Coalesce(Subquery(confirmed), 0))


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
    user,
    *,
    circle=None,
    network_only: bool = False,
    month: tuple[int, int] | None = None,
    where: str = "",
    roles: dict[int, str] | None = None,
    with_status: bool = True,
) -> QuerySet[Meeting]:
    """Meetings `user` may see: upcoming ones, or all of one month; filtered by circle and place.

    where: "online" (has an online link) or "location" (has a location); empty for both.
    Each meeting has `confirmed_count` and `my_status`: the viewer's registration (confirmed or
    waitlisted, "" for none), both correlated subqueries, so a page of 20 costs one query.
    Without `with_status`, `my_status` is "" (the same rows for everyone who sees them: `my_statuses`).
    """
    meetings = visible_meetings_for(user, roles=roles)
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
    return with_my_status(with_counts(meetings), user if with_status else None).order_by("starts_at", "id")


def my_statuses(member, meeting_ids) -> dict[int, str]:
    """meeting id -> the member's status there, as `with_my_status` gives it (none: left out); one query."""
    active = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
    mine = Registration.objects.filter(member=member, meeting_id__in=list(meeting_ids), status__in=active)
    return dict(mine.order_by().values_list("meeting_id", "status"))


def with_my_status(meetings: QuerySet[Meeting], user) -> QuerySet[Meeting]:
    """Annotate `my_status`: the viewer's confirmed or waitlisted registration ("" for none or a visitor)."""
    if user is None or not user.is_authenticated:
        return meetings.annotate(my_status=Value(""))
    active = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
    mine = Registration.objects.filter(meeting=OuterRef("pk"), member=user, status__in=active).values("status")[:1]
    return meetings.annotate(my_status=Coalesce(Subquery(mine), Value("")))


def upcoming_for(user, *, circle=None, limit: int = 5, roles: dict[int, str] | None = None) -> list[Meeting]:
    """The next published meetings `user` may see (of one circle if given), for the home and circle pages."""
    meetings = visible_meetings_for(user, roles=roles).filter(
        status=Meeting.Status.PUBLISHED, ends_at__gte=timezone.now()
    )
    if circle is not None:
        meetings = meetings.filter(circle=circle)
    return list(with_counts(meetings).order_by("starts_at", "id")[:limit])


# How long the list of upcoming meetings on the home and circle pages may be old: "upcoming" changes
# with the clock; for visitors places taken too (their key has no meeting's version).
UPCOMING_FOR_VISITORS_SECONDS = 60


def upcoming_on_page(request, *, circle=None, limit: int = 5) -> list[Meeting]:
    """`upcoming_for` the viewer, from the cache of everyone who sees the same meetings.

    Visitors: cached for a minute under the circles' names (the same list for all). Members on the
    home page: per audience (`access.audience_of`: their circles), also under every meeting's
    version (`meeting:*`, read with theirs, see core.home), at most a minute for the clock's part.
    """
    from django.core.cache import caches

    from samenspel.circles.selectors import circle_roles_on
    from samenspel.core.cache_version import cache_key

    from .access import audience_of

    # The cards show their circle's name and link: under the versions of the circles themselves,
    # which a join or an update does not bump (circles.cache_keys).
    keys = [f"circle-name:{circle.slug}" if circle else "circle-name:*"]
    audience, roles = ("public",), None
    if request.user.is_authenticated:
        if circle is not None:
            return upcoming_for(request.user, circle=circle, limit=limit)
        roles = circle_roles_on(request)
        audience = audience_of(request.user, roles=roles)
        keys.append("meeting:*")
    key = cache_key(request, ("upcoming-meetings", circle.pk if circle else None, limit, audience), keys=keys)
    return caches["pages"].get_or_set(
        key, lambda: upcoming_for(request.user, circle=circle, limit=limit, roles=roles), UPCOMING_FOR_VISITORS_SECONDS
    )


@dataclass(frozen=True)
class PageState:
    """What every viewer of a meeting page sees alike, read in one go and cached per revision."""

    confirmed: int
    waitlisted: int
    # The learning trajectory the meeting is a session of: (title, slug), or None.
    trajectory: tuple[str, str] | None
    # The report with only what decides who may read it (visibility, published_at), or None.
    report: Report | None
    note_taker_ids: frozenset[int]
    # Members with an active (not cancelled) registration: the others need not look theirs up.
    registered_member_ids: frozenset[int]

    @property
    def counts(self) -> dict:
        return {"confirmed": self.confirmed, "waitlisted": self.waitlisted}


# A state is keyed by the meeting's revision, which every change raises; this only bounds how long
# old revisions take up room in the cache.
PAGE_STATE_SECONDS = 60 * 60


def _current_revision(pk: int) -> int | None:
    """The meeting's revision, or None when there is no such meeting.

    Plain SQL: it runs on every view of a meeting page, and building the ORM query cost more than
    running it (as for samenspel.core.cache_version.read)."""
    from django.db import connection

    table = connection.ops.quote_name(Meeting._meta.db_table)
    with connection.cursor() as cursor:
        # The table name comes from the model, quoted; the id is a parameter.
        cursor.execute(f"SELECT revision FROM {table} WHERE id = %s", [pk])  # noqa: S608 - see above
        row = cursor.fetchone()
    return row[0] if row else None


def meeting_for_page(user, pk: int, *, roles: dict[int, str] | None = None) -> Meeting:
    """The meeting (with its circle) for its page if `user` may see it, else 404 (visitors: log in).

    One small query for the revision; the meeting itself comes from this process's cache under
    that revision, which every save of the meeting and of its circle raises (see revisions.py).
    """
    from django.core.cache import caches
    from django.http import Http404

    from .access import hidden_from, may_see

    revision = _current_revision(pk)
    if revision is None:
        raise Http404
    key = f"samenspel:meeting:{pk}:{revision}"
    meeting = caches["pages"].get(key)
    if meeting is None:
        meeting = Meeting.objects.select_related("circle").filter(pk=pk).first()
        if meeting is None:
            raise Http404
        # Keyed by the revision read with the row: a change in between makes a new key, not a stale one.
        caches["pages"].set(f"samenspel:meeting:{pk}:{meeting.revision}", meeting, PAGE_STATE_SECONDS)
    if not may_see(user, meeting, roles=roles):
        raise hidden_from(user)  # a visitor logs in first
    return meeting


def page_state(meeting: Meeting) -> PageState:
    """The meeting page's shared state: from this process's cache, or five small queries."""
    from django.core.cache import caches

    key = f"samenspel:meeting-state:{meeting.pk}:{meeting.revision}"
    state = caches["pages"].get(key)
    if state is None:
        state = _read_page_state(meeting)
        caches["pages"].set(key, state, PAGE_STATE_SECONDS)
    return state


def _read_page_state(meeting: Meeting) -> PageState:
    """Three queries: the active registrations with the note-takers (one UNION), the trajectory, the report."""
    note_taker = Value(NOTE_TAKER, output_field=CharField())
    rows = (
        Registration.objects.filter(meeting=meeting)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by()
        .values_list("member_id", "status")
        .union(
            BreakoutGroup.objects.filter(meeting=meeting, note_taker__isnull=False)
            .order_by()
            .values_list("note_taker_id", note_taker),
            all=True,
        )
    )
    statuses, note_takers, registered = Counter(), set(), set()
    for member_id, status in rows:
        if status == NOTE_TAKER:
            note_takers.add(member_id)
            continue
        statuses[status] += 1
        if member_id is not None:
            registered.add(member_id)
    # The trajectory of the session this meeting belongs to (if any), through the reverse
    # relation that the tandems app declares: meetings does not import tandems.
    session = (
        Meeting.objects.filter(pk=meeting.pk, trajectory_session__isnull=False)
        .values_list("trajectory_session__module__trajectory__title", "trajectory_session__module__trajectory__slug")
        .first()
    )
    report = Report.objects.filter(meeting=meeting).only("id", "meeting_id", "visibility", "published_at").first()
    return PageState(
        confirmed=statuses[Registration.Status.CONFIRMED],
        waitlisted=statuses[Registration.Status.WAITLISTED],
        trajectory=tuple(session) if session else None,
        report=report,
        note_taker_ids=frozenset(note_takers),
        registered_member_ids=frozenset(registered),
    )


# Marks the note-takers' rows among the registrations' in `_read_page_state` (not a status).
NOTE_TAKER = "-note-taker-"


def registration_of(user, meeting: Meeting, state: PageState | None = None) -> Registration | None:
    """The viewer's own active (not cancelled) registration for the meeting, or None.

    state: the page's state, which says without a query that most viewers have none.
    """
    if user is None or not user.is_authenticated:
        return None
    if state is not None and user.pk not in state.registered_member_ids:
        return None
    return (
        Registration.objects.filter(meeting=meeting, member=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("group")
        .first()
    )


def find_registration(token: str) -> Registration | None:
    """The registration for a token from an emailed link, or None when the token is unknown."""
    if not token or len(token) > 200:
        return None
    return Registration.objects.select_related("meeting", "member").filter(token_hash=hash_token(token)).first()


def waitlist_position(registration: Registration) -> int | None:
    if registration is None or registration.status != Registration.Status.WAITLISTED:
        return None
    earlier = Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, id__lt=registration.pk)
    return (
        Registration.objects.filter(meeting_id=registration.meeting_id, status=Registration.Status.WAITLISTED)
        .filter(earlier)
        .count()
        + 1
    )


def counts(meeting: Meeting) -> dict:
    """Confirmed and waitlisted numbers in one query."""
    return Registration.objects.filter(meeting=meeting).aggregate(
        confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
        waitlisted=Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
    )


def role_mix(meeting: Meeting) -> list[dict]:
    """Per role: confirmed and waitlisted counts and the maximum (None = no maximum)."""
    rows = (
        Registration.objects.filter(meeting=meeting)
        .values("role")
        .annotate(
            confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
            waitlisted=Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
        )
    )
    by_role = {row["role"]: row for row in rows}
    limits = dict(RoleLimit.objects.filter(meeting=meeting).values_list("role", "maximum"))
    mix = []
    for value, label in [*ParticipantRole.choices, ("", _("Not given"))]:
        row = by_role.get(value, {})
        mix.append(
            {
                "role": value,
                "label": label,
                "confirmed": row.get("confirmed", 0),
                "waitlisted": row.get("waitlisted", 0),
                "maximum": limits.get(value),
            }
        )
    return mix


def participants(meeting: Meeting) -> dict:
    """The organiser's lists, each in waitlist order, in one query."""
    lists = {status: [] for status in Registration.Status.values}
    for registration in (
        Registration.objects.filter(meeting=meeting).select_related("member").order_by("queued_at", "id")
    ):
        lists[registration.status].append(registration)
    return lists


def participants_of(meeting: Meeting) -> QuerySet[Registration]:
    """Confirmed registrations, by name, with member and group in the same query."""
    return (
        Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED)
        .select_related("member", "group")
        .annotate(sort_name=Lower(Coalesce(NullIf("name", Value("")), "member__name")))
        .order_by("sort_name", "id")
    )


def groups_of(meeting: Meeting) -> QuerySet[BreakoutGroup]:
    """The meeting's groups with their note-taker and number of confirmed participants."""
    return (
        BreakoutGroup.objects.filter(meeting=meeting)
        .select_related("note_taker")
        .annotate(
            participant_count=Count(
                "participants", filter=Q(participants__status=Registration.Status.CONFIRMED), distinct=True
            )
        )
        .order_by("position", "id")
    )


def attendance_figures(meeting: Meeting) -> dict[str, int]:
    """registered: confirmed; present: confirmed and marked present; no_show: confirmed and marked absent."""
    confirmed = Q(status=Registration.Status.CONFIRMED)
    return Registration.objects.filter(meeting=meeting).aggregate(
        registered=Count("id", filter=confirmed),
        present=Count("id", filter=confirmed & Q(attended=True)),
        no_show=Count("id", filter=confirmed & Q(attended=False)),
    )


def circle_attendance(circle) -> QuerySet[Meeting]:
    """The circle's meetings (not drafts or cancelled ones) with registered and present counts."""
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    return (
        Meeting.objects.filter(circle=circle)
        .exclude(status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
        .annotate(
            registered=Count("registrations", filter=confirmed),
            present=Count("registrations", filter=confirmed & Q(registrations__attended=True)),
        )
        .order_by("-starts_at", "-id")
    )


def report_of(meeting: Meeting) -> Report | None:
    return Report.objects.filter(meeting=meeting).first()


def attachments_of(report: Report | None) -> list[Attachment]:
    if report is None or report.pk is None:
        return []
    return list(report.attachments.all())


FEED_HISTORY = timedelta(days=92)  # feeds show meetings from about three months ago on


FEED_STATUSES = [Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED, Meeting.Status.HELD]


def feed_window_start():
    return timezone.now() - FEED_HISTORY


def public_feed_meetings() -> QuerySet[Meeting]:
    """The network's public meetings (network and circle meetings), not drafts, from 3 months ago on."""
    return Meeting.objects.filter(
        visibility=Visibility.PUBLIC, status__in=FEED_STATUSES, ends_at__gte=feed_window_start()
    ).order_by("starts_at", "id")


def circle_feed_meetings(circle) -> QuerySet[Meeting]:
    """A circle's public meetings. Members-only and circle-only meetings are not in this anonymous feed."""
    return public_feed_meetings().filter(circle=circle)


def feed_of(member) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(member=member).first()


# --- the archive: past meetings by year and month, with their reports -------------------------


@dataclass
class ArchiveEntry:
    meeting: Meeting
    report_readable: bool  # the viewer may open the report
    only_report: bool  # the viewer does not see the meeting itself, only its public report


def _past_meetings_for(user) -> QuerySet[Meeting]:
    """Past meetings `user` sees, and those with a public report (members' meetings too)."""
    public_report = Q(report__published_at__isnull=False, report__visibility=Visibility.PUBLIC) & ~Q(
        visibility=Visibility.CIRCLE
    )
    shown = Q(status__in=[Meeting.Status.PUBLISHED, Meeting.Status.HELD])
    visible = visible_meetings_for(user).values("pk")
    return (
        Meeting.objects.filter(shown, starts_at__lt=timezone.now())
        .filter(Q(pk__in=visible) | public_report)
        .annotate(seen=ExpressionWrapper(Q(pk__in=visible), output_field=BooleanField()))
    )


def archive_years(user) -> list[tuple[int, int]]:
    """(year, number of meetings) for every year with past meetings `user` may find, newest first."""
    zone = ZoneInfo(settings.TIME_ZONE)
    counts: dict[int, int] = {}
    for starts_at in _past_meetings_for(user).values_list("starts_at", flat=True):
        year = starts_at.astimezone(zone).year
        counts[year] = counts.get(year, 0) + 1
    return sorted(counts.items(), reverse=True)


def archive_of(user, year: int) -> list[tuple[datetime.date, list[ArchiveEntry]]]:
    """The past meetings of one year `user` may find, by month (newest first), each with whether
    its report may be read: three queries, whatever the number of meetings."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=zone)
    meetings = list(
        _past_meetings_for(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("circle", "report")
        .order_by("-starts_at", "-id")
    )
    roles = circle_roles(user) if is_approved_member(user) else {}
    participated = set()
    if is_approved_member(user):
        participated = set(
            Registration.objects.filter(meeting__in=[m.pk for m in meetings], member=user)
            .filter(Q(status=Registration.Status.CONFIRMED) | Q(attended=True))
            .values_list("meeting_id", flat=True)
        )
    months: dict[datetime.date, list[ArchiveEntry]] = {}
    for meeting in meetings:
        report = getattr(meeting, "report", None)
        organiser = can_organise(user, meeting, roles=roles)
        if report is not None and report.visibility == "participants" and not organiser:
            readable = report.published_at is not None and meeting.pk in participated
        else:
            readable = may_read_report(user, meeting, report, organiser=organiser)
        readable = readable and report is not None and (report.published_at is not None or organiser)
        local = meeting.starts_at.astimezone(zone)
        months.setdefault(datetime.date(local.year, local.month, 1), []).append(
            ArchiveEntry(meeting=meeting, report_readable=readable, only_report=not meeting.seen)
        )
    return list(months.items())


def upcoming_for_circle_members_only(circle, *, hide: set[int], limit: int = 3) -> list[Meeting]:
    """A circle's coming published meetings for its members only, apart from those in `hide`.

    The circle page names them (title and date, nothing more) to people who are not in the circle,
    with how to join; the meetings' own pages stay hidden from them (404).
    """
    return list(
        Meeting.objects.filter(
            circle=circle,
            visibility=Visibility.CIRCLE,
            status=Meeting.Status.PUBLISHED,
            starts_at__gte=timezone.now(),
        )
        .exclude(pk__in=hide)
        .only("pk", "title", "starts_at", "ends_at", "revision")
        .order_by("starts_at")[:limit]
    )


def upcoming_for_circle_members_only_on_page(request, circle, *, hide: set[int], limit: int = 3) -> list[Meeting]:
    """`upcoming_for_circle_members_only`; for visitors (the same list for all) cached for a minute."""
    if request.user.is_authenticated:
        return upcoming_for_circle_members_only(circle, hide=hide, limit=limit)
    from django.core.cache import caches

    from samenspel.core.cache_version import cache_key

    keys = [f"circle-name:{circle.slug}"]  # as `upcoming_on_page`
    key = cache_key(request, ("members-only-meetings", circle.pk, limit), keys=keys)
    return caches["pages"].get_or_set(
        key, lambda: upcoming_for_circle_members_only(circle, hide=hide, limit=limit), UPCOMING_FOR_VISITORS_SECONDS
    )
