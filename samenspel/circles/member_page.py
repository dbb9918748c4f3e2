"""The "Circles" row on a member's page (registered with samenspel.core.member_page)."""

from samenspel.members import access as member_access

from .models import CircleMembership


def circles_row(viewer, member) -> dict | None:
    """The member's active circles that `viewer` may see: they follow the member's choice for
    their themes, and circles they lead are always shown (`members.access`). One query.

    No row when nothing may be shown: an empty row would say "in no circle".
    """
    active = CircleMembership.objects.filter(
        member=member, status=CircleMembership.Status.ACTIVE, circle__is_active=True
    ).select_related("circle")
    all_shown = member_access.can_see_themes(viewer, member)
    memberships = member_access.visible_circle_memberships(viewer, member, active)
    if not (all_shown or memberships):
        return None
    return {"template": "circles/includes/member_circles_row.html", "memberships": memberships}
