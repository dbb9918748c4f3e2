"""Reads for a member's own registrations: the "My meetings" page and the home page.

Each registration comes with its place on the waitlist (`place`, counted in the same query) and
a `status_text` in words; the page also says which report the member may read. A member who
cancelled and registered again has several rows for one meeting: only the newest is shown.
"""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access
from .models import Meeting, Registration

ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


def with_place(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Annotate `place`: the place on the waitlist (1 is next), None when not waitlisted.

    The same order as `registration.waitlist_position`: queued_at, then id."""
    earlier = (
        Registration.objects.filter(meeting_id=OuterRef("meeting_id"), status=Registration.Status.WAITLISTED)
        .filter(Q(queued_at__lt=OuterRef("queued_at")) | Q(queued_at=OuterRef("queued_at"), id__lt=OuterRef("id")))
        .order_by()
        .values("meeting_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return registrations.annotate(
        place=Case(
            When(status=Registration.Status.WAITLISTED, then=Coalesce(Subquery(earlier), Value(0)) + 1),
            default=None,
            output_field=IntegerField(),
        )
    )


def status_text(registration: Registration) -> str:
    """The registration's state in words, e.g. "On the waitlist, place 3"."""
    if registration.meeting.status == Meeting.Status.CANCELLED:
        return _("The meeting does not take place")
    if registration.status == Registration.Status.WAITLISTED:
        return _("On the waitlist, place %(place)s") % {"place": registration.place}
    if registration.status == Registration.Status.CONFIRMED:
        return _("You are registered")
    if registration.status == Registration.Status.CANCELLED:
        return _("You are no longer registered")
    return str(registration.get_status_display())


def _mine(user) -> QuerySet[Registration]:
    """The member's newest registration per meeting, drafts left out, with meeting, circle and report."""
    newer = Registration.objects.filter(meeting_id=OuterRef("meeting_id"), member=user, id__gt=OuterRef("id"))
    took_part = Registration.objects.filter(meeting_id=OuterRef("meeting_id"), member=user).filter(
        Q(status=Registration.Status.CONFIRMED) | Q(attended=True)
    )
    registrations = (
        Registration.objects.filter(member=user)
        .exclude(meeting__status=Meeting.Status.DRAFT)
        .exclude(Exists(newer))
        .annotate(took_part=Exists(took_part))
        .select_related("meeting__circle", "meeting__report")
    )
    return with_place(registrations)


def upcoming_registrations(user) -> QuerySet[Registration]:
    """Registrations for meetings that have not ended, soonest first (cancelled ones too)."""
    return _mine(user).filter(meeting__ends_at__gte=timezone.now()).order_by("meeting__starts_at", "meeting_id")


def past_registrations(user) -> QuerySet[Registration]:
    """Registrations for meetings that have ended, latest first."""
    return _mine(user).filter(meeting__ends_at__lt=timezone.now()).order_by("-meeting__starts_at", "-meeting_id")


def decorate(user, registrations, roles: dict[int, str]) -> list[Registration]:
    """Set `status_text`, `may_see` (the meeting page) and `readable_report` (a published report the
    member may read, or None) on each registration, without queries: `roles` is `circles.selectors.circle_roles(user)`."""
    rows = list(registrations)
    for registration in rows:
        meeting = registration.meeting
        registration.status_text = status_text(registration)
        registration.may_see = access.may_see(user, meeting, roles=roles)
        report = getattr(meeting, "report", None)
        readable = (
            registration.may_see
            and report is not None
            and report.published_at is not None
            and access.may_read_report(
                user,
                meeting,
                report,
                organiser=access.can_organise(user, meeting, roles=roles),
                participant=registration.took_part,
            )
        )
        registration.readable_report = report if readable else None
    return rows


def next_registrations(user, *, limit: int) -> list[Registration]:
    """The home page: the member's next `limit` meetings with a place or a place on the waitlist."""
    registrations = with_place(
        Registration.objects.filter(member=user, status__in=ACTIVE)
        .filter(meeting__ends_at__gte=timezone.now())
        .filter(meeting__status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED])
        .select_related("meeting")
    ).order_by("meeting__starts_at", "meeting_id")
    return list(registrations[:limit])
