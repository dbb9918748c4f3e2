"""Who may see, register for and organise meetings: one place, used by every view and feed.

- Organisers of a meeting: coordinators; for a circle meeting also the circle's kartrekkers.
- A draft is seen by its organisers only. A published, cancelled or held meeting is seen by:
  everyone (public), approved members (members), or the circle's active members (circle).
  Organisers always see their meetings. Hidden meetings answer 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from samenspel.circles.models import Circle, CircleMembership
from samenspel.members.rules import is_approved_member, is_coordinator

from .models import Attachment, BreakoutGroup, Meeting, Registration, Report, Visibility


def _circle_ids(user, *, leads_only: bool = False) -> list[int]:
    if not is_approved_member(user):
        return []
    memberships = CircleMembership.objects.filter(member=user, status=CircleMembership.Status.ACTIVE)
    if leads_only:
        memberships = memberships.filter(role=CircleMembership.Role.LEAD)
    return list(memberships.values_list("circle_id", flat=True))


def visible_meetings_for(user) -> QuerySet[Meeting]:
    """Every meeting `user` may see (drafts only for their organisers)."""
    meetings = Meeting.objects.select_related("circle")
    if is_coordinator(user):
        return meetings
    shown = ~Q(status=Meeting.Status.DRAFT)
    audience = Q(visibility=Visibility.PUBLIC)
    if is_approved_member(user):
        audience |= Q(visibility=Visibility.MEMBERS)
        audience |= Q(visibility=Visibility.CIRCLE, circle_id__in=_circle_ids(user))
    organised = Q(circle_id__in=_circle_ids(user, leads_only=True))
    return meetings.filter((shown & audience) | organised)


def get_meeting_for(user, pk) -> Meeting:
    try:
        return visible_meetings_for(user).get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_organise(user, meeting: Meeting | None = None, *, circle=None) -> bool:
    """Coordinators organise every meeting; kartrekkers the meetings of their own circle."""
    if is_coordinator(user):
        return True
    circle_id = meeting.circle_id if meeting is not None else getattr(circle, "pk", None)
    if circle_id is None or not is_approved_member(user):
        return False
    return CircleMembership.objects.filter(
        circle_id=circle_id, member=user, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
    ).exists()


def circles_to_organise(user) -> QuerySet[Circle]:
    """The active circles whose meetings `user` may plan: all for coordinators, their own for kartrekkers."""
    circles = Circle.objects.filter(is_active=True).order_by("name")
    if is_coordinator(user):
        return circles
    return circles.filter(pk__in=_circle_ids(user, leads_only=True))


def may_plan_meetings(user) -> bool:
    """Coordinators plan network and circle meetings; kartrekkers the meetings of their circles."""
    return is_coordinator(user) or bool(_circle_ids(user, leads_only=True))


def require_organiser(user, meeting: Meeting | None = None, *, circle=None) -> None:
    if not can_organise(user, meeting, circle=circle):
        raise PermissionDenied


def get_meeting_to_organise(user, pk) -> Meeting:
    """The meeting if `user` may see it (else 404) and organise it (else 403)."""
    meeting = get_meeting_for(user, pk)
    require_organiser(user, meeting)
    return meeting


def may_see_access_needs(user, meeting: Meeting) -> bool:
    """Access needs are sensitive: coordinators and the circle's kartrekkers only."""
    return can_organise(user, meeting)


def may_register(user, meeting: Meeting) -> bool:
    """Members register with their account where they may see the meeting; visitors only for public ones."""
    if meeting.status != Meeting.Status.PUBLISHED:
        return False
    if user is None or not user.is_authenticated:
        return meeting.visibility == Visibility.PUBLIC
    return is_approved_member(user) or meeting.visibility == Visibility.PUBLIC


# --- afterwards: breakout group outcomes, the report and its attachments ------------------


def get_group_for_outcomes(user, meeting_pk, group_pk) -> BreakoutGroup:
    """A group whose outcomes `user` may write: its note-taker or an organiser.

    Hidden meeting or unknown group: 404; anyone else who sees the meeting: 403.
    """
    meeting = get_meeting_for(user, meeting_pk)
    group = BreakoutGroup.objects.select_related("note_taker").filter(meeting=meeting, pk=group_pk).first()
    if group is None:
        raise Http404
    group.meeting = meeting
    is_note_taker = group.note_taker_id is not None and group.note_taker_id == getattr(user, "pk", None)
    if not ((is_note_taker and is_approved_member(user)) or can_organise(user, meeting)):
        raise PermissionDenied
    return group


def is_participant(user, meeting: Meeting) -> bool:
    """A member with a confirmed registration, or one who was marked present."""
    if not is_approved_member(user):
        return False
    return (
        Registration.objects.filter(meeting=meeting, member=user)
        .filter(Q(status=Registration.Status.CONFIRMED) | Q(attended=True))
        .exists()
    )


def may_read_report(user, meeting: Meeting, report: Report | None) -> bool:
    """Organisers always (also before publication); others once published, per its visibility."""
    if report is None:
        return False
    if can_organise(user, meeting):
        return True
    if report.published_at is None:
        return False
    if report.visibility == Visibility.PUBLIC:
        return True
    if not is_approved_member(user):
        return False
    if report.visibility == Visibility.MEMBERS:
        return True
    return is_participant(user, meeting)


def get_report_for(user, meeting_pk) -> Report:
    """The report of a meeting `user` may see and read; else 404 (unpublished reads as absent)."""
    meeting = get_meeting_for(user, meeting_pk)
    report = Report.objects.filter(meeting=meeting).first()
    if not may_read_report(user, meeting, report):
        raise Http404
    report.meeting = meeting
    return report


def get_attachment_for(user, pk) -> Attachment:
    """An attachment of a report `user` may read; else 404."""
    try:
        attachment = Attachment.objects.select_related("report").get(pk=pk)
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    attachment.report = get_report_for(user, attachment.report.meeting_id)
    return attachment
