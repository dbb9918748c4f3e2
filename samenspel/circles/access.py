"""Who may see or change what in circles: one helper per object, used by every view.

Hidden objects answer 404; forbidden actions answer 403. A kartrekker (circle lead) is a
member with an ACTIVE membership of role LEAD in that circle. Coordinators may do everything.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from samenspel.core.roles import is_approved_member, is_coordinator, require_coordinator
from samenspel.members import access as member_access

from .models import Circle, CircleMembership, CircleUpdate


def visible_circle(user, circle: Circle | None) -> Circle:
    """Active circles are public; an unknown (None) or inactive circle is hidden (404) from everyone."""
    if circle is None or not circle.is_active:
        raise Http404
    return circle


def get_circle_for(user, slug: str) -> Circle:
    """The circle, without its member count and leads: only the circle page and the cards show
    those (from their cache). Counting a big circle's members cost a join 12-50 ms at 100× data."""
    return visible_circle(user, Circle.objects.filter(slug=slug).first())


def membership_of(user, circle: Circle) -> CircleMembership | None:
    """The viewer's membership of the circle (active or requested), or None."""
    if not (user and user.is_authenticated):
        return None
    return CircleMembership.objects.filter(circle=circle, member=user).first()


def is_circle_lead(user, circle: Circle, membership: CircleMembership | None = None) -> bool:
    """`membership` may be passed when the view already has it, to save a query."""
    if not is_approved_member(user):
        return False
    if membership is None:
        return CircleMembership.objects.filter(
            circle=circle, member=user, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
        ).exists()
    return membership.role == CircleMembership.Role.LEAD and membership.status == CircleMembership.Status.ACTIVE


def is_active_member(user, circle: Circle, membership: CircleMembership | None = None) -> bool:
    if not is_approved_member(user):
        return False
    if membership is None:
        membership = membership_of(user, circle)
    return membership is not None and membership.status == CircleMembership.Status.ACTIVE


def can_manage_circle(user, circle: Circle, membership: CircleMembership | None = None) -> bool:
    """Post updates and decide on join requests: the circle's kartrekkers and coordinators."""
    return bool(is_coordinator(user) or is_circle_lead(user, circle, membership))


can_post_update = can_manage_circle
can_write_to_circle = can_manage_circle  # a message to every member: kartrekkers and coordinators


def can_read_messages(user, circle: Circle, membership: CircleMembership | None = None) -> bool:
    """The messages written to the circle: its active members and coordinators."""
    return bool(is_coordinator(user) or is_active_member(user, circle, membership))


def require_can_read_messages(user, circle: Circle) -> None:
    if not can_read_messages(user, circle):
        raise PermissionDenied


can_see_members = can_manage_circle  # the list of members with their roles: kartrekkers and coordinators


def require_can_see_members(user, circle: Circle) -> None:
    if not can_see_members(user, circle):
        raise PermissionDenied


def visible_themes(viewer, member) -> list | None:
    """The member's themes if they allow the viewer to see them, else None (see members.access)."""
    if not member_access.can_see_themes(viewer, member):
        return None
    return list(member.themes.all())


def can_invite(user, circle: Circle, membership: CircleMembership | None = None) -> bool:
    """Kartrekkers, approved members of the circle and coordinators may invite someone."""
    return bool(is_coordinator(user) or is_active_member(user, circle, membership))


# The network-wide checks, so circle views find every check in this module.
require_member = member_access.require_member


def require_circle_lead(user, circle: Circle) -> None:
    """A kartrekker of this circle or a coordinator; everyone else gets 403."""
    if not can_manage_circle(user, circle):
        raise PermissionDenied


def require_can_invite(user, circle: Circle) -> None:
    if not can_invite(user, circle):
        raise PermissionDenied


def get_update_for(user, circle: Circle, pk) -> CircleUpdate:
    """An update to edit or delete: 403 unless the user leads the circle; 404 if not in this circle."""
    require_circle_lead(user, circle)
    try:
        return CircleUpdate.objects.select_related("circle", "author").get(circle=circle, pk=pk)
    except (CircleUpdate.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_request_for(user, circle: Circle, pk) -> CircleMembership:
    """A pending join request of this circle: 403 unless the user leads the circle; 404 if unknown."""
    require_circle_lead(user, circle)
    try:
        return CircleMembership.objects.select_related("member", "circle").get(
            circle=circle, pk=pk, status=CircleMembership.Status.REQUESTED
        )
    except (CircleMembership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_active_membership_for(user, circle: Circle, member_id) -> CircleMembership:
    """A member of this circle whose lead role a coordinator changes: 403 / 404."""
    require_coordinator(user)
    try:
        return CircleMembership.objects.select_related("member").get(
            circle=circle, member_id=member_id, status=CircleMembership.Status.ACTIVE
        )
    except (CircleMembership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
