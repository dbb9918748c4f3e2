"""The kartrekkers' part: write the circle's update for an edition, or choose one already posted.

The update is an ordinary circle update (`circles.services`): written once, it is on the circle's
page for its members and visitors, and the edition shows it. The edition keeps its own copy from
the moment sending starts (`sections.freeze`), so a later change does not change what was sent.
"""

from django.db import transaction
from django.utils import timezone

from samenspel.circles import services as circle_services
from samenspel.circles.models import CircleUpdate
from samenspel.core.audit import log_action

from ..errors import EditionClosed, NewsletterError
from ..models import Edition, UpdateRequest


def _locked(request: UpdateRequest) -> UpdateRequest:
    locked = UpdateRequest.objects.select_for_update(of=("self",)).select_related("circle", "update").get(pk=request.pk)
    edition = Edition.objects.get(pk=locked.edition_id)
    if not edition.is_open:
        raise EditionClosed
    locked.edition = edition
    return locked


@transaction.atomic
def write_update(*, request: UpdateRequest, author, title: str, body: str) -> CircleUpdate:
    """Post the circle's update for the edition, or change the one given before."""
    locked = _locked(request)
    if locked.update is not None:
        update = circle_services.edit_update(update=locked.update, actor=author, title=title, body=body)
    else:
        update = circle_services.post_update(circle=locked.circle, author=author, title=title, body=body)
    _link(locked, update, author)
    return update


@transaction.atomic
def choose_update(*, request: UpdateRequest, actor, update: CircleUpdate) -> CircleUpdate:
    """Give an update the circle already posted (it must be this circle's)."""
    locked = _locked(request)
    if update.circle_id != locked.circle_id:
        raise NewsletterError
    _link(locked, update, actor)
    return update


def _link(request: UpdateRequest, update: CircleUpdate, actor) -> None:
    first = request.submitted_at is None
    request.update, request.submitted_at = update, timezone.now()
    request.save(update_fields=["update", "submitted_at"])
    log_action(
        actor=actor,
        action="newsletter.request.answered" if first else "newsletter.request.changed",
        target=request.edition,
        data={"circle": request.circle_id, "update": update.pk},
    )
