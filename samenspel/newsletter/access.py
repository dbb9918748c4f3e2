"""Who may read, prepare and write for the newsletter: one helper per object, used by every view.

- Editions that are being sent or were sent are read by everyone (public) or by approved members
  (members only); coordinators read every edition, also in preparation. A hidden edition answers
  404 (a visitor is asked to log in first, as for other members-only pages).
- Coordinators prepare and send editions and see the audience; everyone else gets 403.
- A request for an update is answered by a kartrekker of that circle (or a coordinator); for
  anyone else it is hidden (404): a kartrekker cannot write for another circle.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from samenspel.core.roles import is_approved_member, is_coordinator, require_coordinator
from samenspel.members.access import hidden_from, require_member

from .models import Edition, Suppression, UpdateRequest

PUBLISHED = (Edition.Status.SENDING, Edition.Status.SENT)


def visible_editions_for(user) -> QuerySet[Edition]:
    """The editions `user` may read: sent (or being sent), public or, for members, members-only."""
    editions = Edition.objects.all()
    if is_coordinator(user):
        return editions
    readable = Q(visibility=Edition.Visibility.PUBLIC)
    if is_approved_member(user):
        readable |= Q(visibility=Edition.Visibility.MEMBERS)
    return editions.filter(readable, status__in=PUBLISHED)


def _pk(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def get_edition_for(user, pk) -> Edition:
    pk = _pk(pk)
    edition = visible_editions_for(user).select_related("circle").filter(pk=pk).first() if pk else None
    if edition is None:
        raise hidden_from(user) if pk and Edition.objects.filter(pk=pk).exists() else Http404()
    return edition


def get_edition_to_manage(user, pk) -> Edition:
    """Any edition, for the coordinators' pages: 403 for everyone else, 404 when unknown."""
    require_coordinator(user)
    edition = Edition.objects.select_related("circle").filter(pk=_pk(pk)).first()
    if edition is None:
        raise Http404
    return edition


def may_answer(user, request: UpdateRequest) -> bool:
    """The circle's kartrekkers (active leads) and coordinators."""
    from samenspel.circles.models import CircleMembership

    if is_coordinator(user):
        return True
    if not is_approved_member(user):
        return False
    return CircleMembership.objects.filter(
        circle_id=request.circle_id,
        member=user,
        role=CircleMembership.Role.LEAD,
        status=CircleMembership.Status.ACTIVE,
    ).exists()


def get_request_for(user, pk) -> UpdateRequest:
    """A request to answer: 403 for a pending member; 404 when unknown or of a circle they do not lead."""
    require_member(user)
    request = UpdateRequest.objects.select_related("edition", "circle", "update").filter(pk=_pk(pk)).first()
    if request is None or not request.circle.is_active or not may_answer(user, request):
        raise Http404
    return request


def get_suppression_for(user, pk) -> Suppression:
    require_coordinator(user)
    suppression = Suppression.objects.filter(pk=_pk(pk)).first()
    if suppression is None:
        raise Http404
    return suppression
