"""Responding to an opportunity, withdrawing, and the poster's answer (chosen or not).

- `respond`: an approved member, a published opportunity before its deadline, once (the unique
  constraint decides when two requests race; IntegrityError becomes `AlreadyResponded`). The
  opportunity's managers (`selectors.responses.managers_of`) get a notification (kind `opportunity_response`,
  emailed per their settings). The notification names the opportunity, never the member.
- `withdraw`: the member takes their response back while the poster has not chosen them.
- `decide`: a manager marks a response chosen or not chosen. The member gets a notification in
  the app and a direct email about their own response (chosen: what happens next; not chosen:
  thanks, and where to find other opportunities).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.lib.errors import DomainError
from samenspel.notifications.services import notify

from ..models import Opportunity, Response
from ..selectors.responses import managers_of


class ResponseError(DomainError):
    pass


class ClosedForResponses(ResponseError):
    def default_message(self) -> str:
        return _("This opportunity no longer takes responses: the deadline has passed or it was closed.")


class AlreadyResponded(ResponseError):
    def default_message(self) -> str:
        return _("You already responded to this opportunity. You can see your response below.")


class AlreadyDecided(ResponseError):
    def default_message(self) -> str:
        return _("The poster already answered your response, so you can no longer withdraw it here.")


@transaction.atomic
def respond(
    *,
    opportunity: Opportunity,
    member,
    note: str,
    share_name: bool,
    share_email: bool,
    share_phone: bool,
    phone: str = "",
    share_themes: bool,
) -> Response:
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if not opportunity.is_open_for_responses():
        raise ClosedForResponses
    try:
        with transaction.atomic():
            response = Response.objects.create(
                opportunity=opportunity,
                member=member,
                note=note,
                share_name=share_name,
                share_email=share_email,
                share_phone=share_phone,
                phone=phone if share_phone else "",
                share_themes=share_themes,
            )
    except IntegrityError:
        raise AlreadyResponded from None
    log_action(actor=member, action="opportunity.response.created", target=response)
    notify(
        recipients=managers_of(opportunity),
        kind="opportunity_response",
        message="opportunity.responded",
        params={"opportunity": opportunity.title},
        link=reverse("opportunities:responses", args=[opportunity.pk]),
    )
    return response


@transaction.atomic
def withdraw(*, response: Response, member) -> Response:
    response = Response.objects.select_for_update().get(pk=response.pk, member=member)
    if response.status == Response.Status.WITHDRAWN:
        return response
    if response.status != Response.Status.NEW:
        raise AlreadyDecided
    response.status = Response.Status.WITHDRAWN
    response.save(update_fields=["status"])
    log_action(actor=member, action="opportunity.response.withdrawn", target=response)
    return response


DECISIONS = (Response.Status.CHOSEN, Response.Status.NOT_CHOSEN)


@transaction.atomic
def decide(*, response: Response, status: str, actor) -> Response:
    """Mark a response chosen or not chosen; tell the member once per change."""
    if status not in DECISIONS:
        raise ResponseError(_("Choose “chosen” or “not chosen”."))
    response = Response.objects.select_for_update().select_related("opportunity", "member").get(pk=response.pk)
    if response.status == Response.Status.WITHDRAWN:
        raise ResponseError(_("This person withdrew their response."))
    if response.status == status:
        return response
    response.status = status
    response.decided_at = timezone.now()
    response.decided_by = actor
    response.save(update_fields=["status", "decided_at", "decided_by"])
    log_action(actor=actor, action=f"opportunity.response.{status}", target=response)
    chosen = status == Response.Status.CHOSEN
    link = reverse("opportunities:my_response", args=[response.opportunity_id])
    notify(
        recipients=[response.member],
        kind="opportunity_outcome",
        message="opportunity.chosen" if chosen else "opportunity.not_chosen",
        params={"opportunity": response.opportunity.title},
        link=link,
        email=False,  # the direct email below says more
    )
    send_templated_email(
        to=response.member.email,
        template="opportunities/response_chosen" if chosen else "opportunities/response_not_chosen",
        context={
            "name": response.member.name,
            "title": response.opportunity.title,
            "offered_by": response.opportunity.offered_by,
            "response_url": settings.SITE_URL + link,
            "home_url": settings.SITE_URL + reverse("home"),
            "network_name": settings.NETWORK_NAME,
        },
        language=response.member.preferred_language,
    )
    return response
