"""Reads about circles that are more than one line."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from samenspel.core.roles import is_approved_member
from samenspel.lib.tokens import hash_token

from .models import Circle, CircleMembership, CircleMessage, CircleUpdate, Invitation


def _with_counts(circles: QuerySet[Circle]) -> QuerySet[Circle]:
    leads = CircleMembership.objects.filter(role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE)
    return circles.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=CircleMembership.Status.ACTIVE))
    ).prefetch_related(Prefetch("memberships", queryset=leads.select_related("member"), to_attr="lead_memberships"))


def circles_with_counts() -> QuerySet[Circle]:
    """Active circles with their member count and their leads, in a constant number of queries."""
    return _with_counts(Circle.objects.filter(is_active=True))


def circle_with_counts(slug: str) -> Circle | None:
    """The circle with this slug (active or not) with its member count and leads, or None.

    It says nothing about who may see it: that is `access.visible_circle`, decided per request.
    """
    return _with_counts(Circle.objects.filter(slug=slug)).first()


def latest_updates(*, limit: int = 5) -> QuerySet[CircleUpdate]:
    return CircleUpdate.objects.filter(circle__is_active=True).select_related("circle", "author")[:limit]


def updates_of(circle: Circle) -> QuerySet[CircleUpdate]:
    """A circle's updates, newest first, with their authors (one query per page)."""
    return CircleUpdate.objects.filter(circle=circle).select_related("author").order_by("-published_at", "-id")


def messages_of(circle: Circle) -> QuerySet[CircleMessage]:
    """The messages written to a circle, newest first, with their authors (one query per page)."""
    return CircleMessage.objects.filter(circle=circle).select_related("author").order_by("-sent_at", "-id")


def pending_requests(circle: Circle) -> QuerySet[CircleMembership]:
    return (
        CircleMembership.objects.filter(circle=circle, status=CircleMembership.Status.REQUESTED)
        .select_related("member")
        .order_by("created_at", "id")
    )


def pending_request_count(circle: Circle) -> int:
    return CircleMembership.objects.filter(circle=circle, status=CircleMembership.Status.REQUESTED).count()


def active_members(circle: Circle) -> QuerySet[CircleMembership]:
    """Active members of a circle, leads first, then by name."""
    return (
        CircleMembership.objects.filter(circle=circle, status=CircleMembership.Status.ACTIVE)
        .select_related("member")
        .order_by("-role", "member__name", "member_id")
    )


def members_of(circle: Circle) -> QuerySet[CircleMembership]:
    """Active members for the circle lead's list: leads first, with each member's themes (one query per page)."""
    return active_members(circle).prefetch_related("member__themes")


def overview() -> list[tuple[Circle, CircleUpdate | None]]:
    """Every active circle with its latest update, in two queries whatever the number of circles."""
    latest = CircleUpdate.objects.filter(circle=OuterRef("pk")).order_by("-published_at", "-id").values("pk")[:1]
    circles = list(Circle.objects.filter(is_active=True).annotate(latest_update_id=Subquery(latest)))
    ids = [c.latest_update_id for c in circles if c.latest_update_id]
    updates = CircleUpdate.objects.select_related("author").in_bulk(ids) if ids else {}
    return [(circle, updates.get(circle.latest_update_id)) for circle in circles]


def find_invitation(token: str) -> Invitation | None:
    """The invitation for a token from a link, or None when the token is unknown."""
    if not token or len(token) > 200:
        return None
    return Invitation.objects.select_related("circle").filter(token_hash=hash_token(token)).first()


def invitation_is_usable(invitation: Invitation) -> bool:
    return invitation.is_usable and invitation.circle.is_active


def is_invitee(invitation: Invitation, member) -> bool:
    """Whether the invitation was sent to one of the member's addresses (the account's or a confirmed extra one)."""
    invited = (invitation.email or "").strip().lower()
    if not invited or not getattr(member, "pk", None):
        return False
    if (member.email or "").strip().lower() == invited:
        return True
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=member, verified=True, email__iexact=invited).exists()


def circle_roles(user) -> dict[int, str]:
    """The circles `user` is an active member of, with their role there (one query).

    Views that need it more than once pass it on as `roles=`; `circle_roles_on(request)` keeps it
    in the cache under the member's version, which every change to their memberships raises.
    """
    if not is_approved_member(user):
        return {}
    memberships = CircleMembership.objects.filter(member=user, status=CircleMembership.Status.ACTIVE)
    return dict(memberships.values_list("circle_id", "role"))


def circle_roles_on(request) -> dict[int, str]:
    """`circle_roles` of the request's user, cached under the member's version (no query when cached)."""
    user = request.user
    if not is_approved_member(user):
        return {}
    from samenspel.core.cache_version import cached

    return cached(request, ("circle-roles", user.pk), lambda: circle_roles(user), keys=[f"member:{user.pk}"])
