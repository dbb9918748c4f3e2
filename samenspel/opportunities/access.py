"""Who may see or change an opportunity, and who may post one: the one place for these rules.

- A published (or closed, or filled) opportunity: everyone when its audience is public, approved
  members when it is for members only. Anyone else gets 404, as for drafts and opportunities
  waiting for approval that they may not manage.
- Manage (edit, submit, see respondents and the number of matches, record realised work):
  coordinators; the member who posted it; the representatives of its organisation; the
  kartrekkers of its circle.
- Post: coordinators, kartrekkers (for a circle they lead), representatives (for an organisation
  they represent). Partners without an account use the public form; a coordinator checks it.
- Approve or reject: coordinators only.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from samenspel.circles.models import CircleMembership
from samenspel.circles.selectors import circle_roles_on
from samenspel.core.roles import is_approved_member, is_coordinator

from .models import Opportunity

SHOWN_STATES = (Opportunity.Status.PUBLISHED, Opportunity.Status.CLOSED, Opportunity.Status.FILLED)


def led_circle_ids(user) -> list[int]:
    if not is_approved_member(user):
        return []
    return list(
        CircleMembership.objects.filter(
            member=user, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
        ).values_list("circle_id", flat=True)
    )


def represented_organisation_ids(user) -> list[int]:
    if not is_approved_member(user):
        return []
    return list(user.represented_organisations.values_list("pk", flat=True))


@dataclass(frozen=True)
class Rights:
    """The circles a member leads and the organisations they represent: what lets them post and manage."""

    led: frozenset[int] = frozenset()
    represented: frozenset[int] = frozenset()


def rights_on(request) -> Rights:
    """The request's member's `Rights` without a query when cached: their circle roles and their
    organisations are kept under their own version (`member:<id>`), which every change to their
    memberships and representations raises."""
    from samenspel.core.cache_version import cached

    user = request.user
    if not is_approved_member(user):
        return Rights()
    led = frozenset(pk for pk, role in circle_roles_on(request).items() if role == CircleMembership.Role.LEAD)
    keys = [f"member:{user.pk}"]
    represented = cached(
        request, ("represented", user.pk), lambda: frozenset(represented_organisation_ids(user)), keys=keys
    )
    return Rights(led=led, represented=represented)


def may_post(user, *, rights: Rights | None = None) -> bool:
    """`rights`: the member's, from `rights_on(request)`; else they are read."""
    if is_coordinator(user):
        return True
    if rights is not None:
        return bool(rights.led or rights.represented)
    return bool(led_circle_ids(user)) or bool(represented_organisation_ids(user))


def require_may_post(user) -> None:
    if not may_post(user):
        raise PermissionDenied


def managed_by(user) -> Q:
    """A filter for the opportunities `user` manages (nothing for visitors)."""
    if is_coordinator(user):
        return Q()
    if not is_approved_member(user):
        return Q(pk__in=[])
    return (
        Q(created_by=user)
        | Q(organisation_id__in=represented_organisation_ids(user))
        | Q(circle_id__in=led_circle_ids(user))
    )


def visible_opportunities(user) -> QuerySet[Opportunity]:
    """Published, closed and filled opportunities `user` may read (not the ones they manage)."""
    shown = Opportunity.objects.filter(status__in=SHOWN_STATES)
    if is_approved_member(user):
        return shown
    return shown.filter(audience=Opportunity.Audience.PUBLIC)


def may_manage(user, opportunity: Opportunity, *, rights: Rights | None = None) -> bool:
    """`rights`: the member's, from `rights_on(request)`; else they are read."""
    if is_coordinator(user):
        return True
    if not is_approved_member(user):
        return False
    if opportunity.created_by_id == user.pk:
        return True
    if opportunity.organisation_id:
        represented = rights.represented if rights is not None else represented_organisation_ids(user)
        if opportunity.organisation_id in represented:
            return True
    if opportunity.circle_id:
        led = rights.led if rights is not None else led_circle_ids(user)
        if opportunity.circle_id in led:
            return True
    return False


def may_read(user, opportunity: Opportunity, *, rights: Rights | None = None) -> bool:
    if opportunity.status in SHOWN_STATES and (
        opportunity.audience == Opportunity.Audience.PUBLIC or is_approved_member(user)
    ):
        return True
    return may_manage(user, opportunity, rights=rights)


def _get(pk) -> Opportunity:
    try:
        return Opportunity.objects.select_related("organisation", "circle", "area").get(pk=pk)
    except (Opportunity.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def load_opportunity(pk) -> Opportunity:
    """The opportunity with what its page shows (themes in `shown_themes`), for the cache; 404 when unknown."""
    opportunity = _get(pk)
    opportunity.shown_themes = list(opportunity.themes.order_by("position", "name_nl"))
    return opportunity


def get_opportunity_for(user, pk) -> Opportunity:
    """The opportunity if `user` may read it; 404 otherwise (its existence does not leak)."""
    opportunity = _get(pk)
    if not may_read(user, opportunity):
        raise Http404
    return opportunity


def get_opportunity_to_manage(user, pk) -> Opportunity:
    """For the poster's pages: 404 when hidden from `user`, 403 when they may read but not manage."""
    opportunity = get_opportunity_for(user, pk)
    if not may_manage(user, opportunity):
        raise PermissionDenied
    return opportunity
