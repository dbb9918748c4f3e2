"""Who may see, register for and organise meetings: one place, used by every view and feed.

- Organisers of a meeting: coordinators; for a circle meeting also the circle's kartrekkers.
- A draft is seen by its organisers only. A published, cancelled or held meeting is seen by:
  everyone (public), approved members (members), or the circle's active members (circle); a circle
  meeting opened to guests (`guests` says whom) is seen by every approved member, who may register.
  Organisers always see their meetings. Hidden meetings answer 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from samenspel.circles.models import Circle, CircleMembership
from samenspel.circles.selectors import circle_roles
from samenspel.core.roles import is_approved_member, is_coordinator
from samenspel.members.access import hidden_from

from .models import Attachment, BreakoutGroup, Meeting, Registration, Report, Visibility


def _circle_ids(user, *, leads_only: bool = False, roles: dict[int, str] | None = None) -> list[int]:
    if roles is None:
        roles = circle_roles(user)
    return [pk for pk, role in roles.items() if not leads_only or role == CircleMembership.Role.LEAD]


def visible_meetings_for(user, *, roles: dict[int, str] | None = None) -> QuerySet[Meeting]:
    """Every meeting `user` may see (drafts only for their organisers)."""
    meetings = Meeting.objects.select_related("circle")
    if is_coordinator(user):
        return meetings
    shown = ~Q(status=Meeting.Status.DRAFT)
    audience = Q(visibility=Visibility.PUBLIC)
    if not is_approved_member(user):
        return meetings.filter(shown & audience)
    if roles is None:
        roles = circle_roles(user)
    audience |= Q(visibility=Visibility.MEMBERS)
    audience |= Q(visibility=Visibility.CIRCLE, circle_id__in=_circle_ids(user, roles=roles))
    audience |= Q(visibility=Visibility.CIRCLE) & ~Q(guests="")  # opened to guests from the network
    organised = Q(circle_id__in=_circle_ids(user, leads_only=True, roles=roles))
    return meetings.filter((shown & audience) | organised)


def audience_of(user, *, roles: dict[int, str] | None = None) -> tuple:
    """What decides which meetings `visible_meetings_for(user)` holds: viewers with the same
    audience see the same meetings (a cache key's part; no names, only circle ids)."""
    if is_coordinator(user):
        return ("all",)
    if not is_approved_member(user):
        return ("public",)
    if roles is None:
        roles = circle_roles(user)
    return (
        "member",
        tuple(sorted(_circle_ids(user, roles=roles))),
        tuple(sorted(_circle_ids(user, leads_only=True, roles=roles))),
    )


def may_see(user, meeting: Meeting, *, roles: dict[int, str] | None = None) -> bool:
    """Whether `user` may see `meeting`: the rule of `visible_meetings_for`, for one meeting in hand."""
    if is_coordinator(user):
        return True
    approved = is_approved_member(user)
    if approved and roles is None:
        roles = circle_roles(user)
    roles = roles or {}
    if meeting.circle_id is not None and roles.get(meeting.circle_id) == CircleMembership.Role.LEAD:
        return True  # the circle's kartrekkers organise it, drafts too
    if meeting.status == Meeting.Status.DRAFT:
        return False
    if meeting.visibility == Visibility.PUBLIC:
        return True
    if not approved:
        return False
    if meeting.visibility == Visibility.MEMBERS:
        return True
    return meeting.visibility == Visibility.CIRCLE and (meeting.circle_id in roles or bool(meeting.guests))


def get_meeting_for(user, pk, *, roles: dict[int, str] | None = None) -> Meeting:
    """The meeting if `user` may see it; else 404 (a hidden meeting reads as absent).

    A visitor who is not logged in is sent to log in first (`hidden_from`).
    """
    try:
        meeting = Meeting.objects.select_related("circle").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not may_see(user, meeting, roles=roles):
        raise hidden_from(user)
    return meeting


def can_organise(user, meeting: Meeting | None = None, *, circle=None, roles: dict[int, str] | None = None) -> bool:
    """Coordinators organise every meeting; kartrekkers the meetings of their own circle."""
    if is_coordinator(user):
        return True
    circle_id = meeting.circle_id if meeting is not None else getattr(circle, "pk", None)
    if circle_id is None or not is_approved_member(user):
        return False
    if roles is not None:
        return roles.get(circle_id) == CircleMembership.Role.LEAD
    return CircleMembership.objects.filter(
        circle_id=circle_id, member=user, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
    ).exists()


def circles_to_organise(user) -> QuerySet[Circle]:
    """The active circles whose meetings `user` may plan: all for coordinators, their own for kartrekkers."""
    circles = Circle.objects.filter(is_active=True).order_by("name")
    if is_coordinator(user):
        return circles
    return circles.filter(pk__in=_circle_ids(user, leads_only=True))


def may_plan_meetings(user, *, roles: dict[int, str] | None = None) -> bool:
    """Coordinators plan network and circle meetings; kartrekkers the meetings of their circles."""
    return is_coordinator(user) or bool(_circle_ids(user, leads_only=True, roles=roles))


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


def may_read_report(
    user, meeting: Meeting, report: Report | None, *, organiser: bool | None = None, participant: bool | None = None
) -> bool:
    """Organisers always (also before publication); others once published, per its visibility.

    organiser, participant: whether `user` organises the meeting / took part (`is_participant`),
    when the caller knows it already.
    """
    if report is None:
        return False
    if organiser if organiser is not None else can_organise(user, meeting):
        return True
    if report.published_at is None:
        return False
    if report.visibility == Visibility.PUBLIC:
        return True
    if not is_approved_member(user):
        return False
    if report.visibility == Visibility.MEMBERS:
        return True
    return participant if participant is not None else is_participant(user, meeting)


def is_public_report(report: Report | None, meeting: Meeting) -> bool:
    """A published report for "everyone" is public, even of a meeting for members.

    Not of a meeting for one circle: that meeting stays hidden from outsiders (404), its report too.
    """
    return (
        report is not None
        and report.published_at is not None
        and report.visibility == Visibility.PUBLIC
        and meeting.visibility != Visibility.CIRCLE
        and meeting.status in (Meeting.Status.PUBLISHED, Meeting.Status.HELD)
    )


def get_report_for(user, meeting_pk) -> Report:
    """The report of a meeting `user` may read; else 404 (unpublished reads as absent).

    A public report (`is_public_report`) is read by anyone; otherwise `user` must see the meeting.
    """
    try:
        meeting = Meeting.objects.select_related("circle").get(pk=meeting_pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    report = Report.objects.filter(meeting=meeting).first()
    if not is_public_report(report, meeting):
        if not may_see(user, meeting):
            raise hidden_from(user)
        if report is None:
            raise Http404
        if not may_read_report(user, meeting, report):
            raise hidden_from(user)
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
