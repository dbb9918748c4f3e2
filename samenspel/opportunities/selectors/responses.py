"""Reads for responses: who is told of one, the poster's list, a member's own response."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from samenspel.circles.models import CircleMembership
from samenspel.members.models import Theme

from ..models import Opportunity, Response


def managers_of(opportunity: Opportunity) -> list:
    """Who hears of a new response: the member who posted it, the organisation's representatives
    and the circle's kartrekkers. Coordinators may manage every opportunity, but are told only when
    nobody else is (an opportunity sent through the public form), so they do not get every response.
    One query."""
    Member = get_user_model()
    approved = Q(status=Member.Status.APPROVED, is_active=True)
    posters = Q(pk=opportunity.created_by_id) if opportunity.created_by_id else Q(pk__in=[])
    if opportunity.organisation_id:
        posters |= Q(represented_organisations=opportunity.organisation_id)
    if opportunity.circle_id:
        posters |= Q(
            circle_memberships__circle=opportunity.circle_id,
            circle_memberships__role=CircleMembership.Role.LEAD,
            circle_memberships__status=CircleMembership.Status.ACTIVE,
        )
    found = list(Member.objects.filter(approved & posters).distinct())
    if not found:
        found = list(Member.objects.filter(approved, is_coordinator=True))
    return found


def responses_for_poster(opportunity: Opportunity) -> QuerySet[Response]:
    """Every response with its member and (for who shared them) themes: two queries whatever the number."""
    return (
        Response.objects.filter(opportunity=opportunity)
        .select_related("member")
        .prefetch_related(Prefetch("member__themes", queryset=Theme.objects.all()))
        .order_by("created_at", "pk")
    )


def response_of(member, opportunity: Opportunity) -> Response | None:
    if not getattr(member, "is_authenticated", False):
        return None
    return Response.objects.filter(opportunity=opportunity, member=member).first()


def chosen_responses(opportunity: Opportunity) -> QuerySet[Response]:
    return Response.objects.filter(opportunity=opportunity, status=Response.Status.CHOSEN).select_related("member")
