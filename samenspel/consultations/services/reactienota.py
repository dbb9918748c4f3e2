"""The reactienota: what was done with every comment of a consultation round.

Rules (enforced here, whatever the form or view does):
- Only coordinators set outcomes, choose the round's next version and publish.
- Outcomes are set after the round has closed (while it is open, comments can still change or be
  withdrawn). Withdrawn comments get no outcome and are left out of the reactienota.
- The next version is a later version of the same document. A comment can only be linked to
  paragraphs of that next version, and only with the outcome "adopted" or "partly adopted".
- A reason is required for every outcome except "adopted" (there the change speaks for itself).
- Publishing is refused until every non-withdrawn comment has an outcome, while the next version
  is missing or still a draft (readers could not follow the links), and when already published.
  After publication the outcomes are fixed. Each commenter with an account gets one email.

Reads: `reactienota_sections` and `outcome_page` take a constant number of queries, whatever the
number of paragraphs and comments.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.core.audit import log_action
from samenspel.lib.errors import DomainError
from samenspel.members.models import Member
from samenspel.notifications.models import Kind
from samenspel.notifications.services import notify

from .. import access
from ..models import Comment, Round, Version
from ..selectors.reactienota import answerable_comments, outcome_counts

REASON_MAX_LENGTH = 5000
OUTCOMES_WITHOUT_REASON = {Comment.Outcome.ADOPTED}
OUTCOMES_WITH_CHANGES = {Comment.Outcome.ADOPTED, Comment.Outcome.PARTLY}


class ReactienotaError(DomainError):
    """A domain error with a message a person can read."""


def _lock(round_: Round) -> Round:
    return (
        Round.objects.select_for_update(of=("self",))
        .select_related("version__document", "next_version")
        .get(pk=round_.pk)
    )


def _require_closed(round_: Round) -> None:
    if timezone.now() < round_.closes_at:
        raise ReactienotaError(_("The round is still open. Outcomes can be set after it closes."))


# --- reads --------------------------------------------------------------------------------


# --- writes -------------------------------------------------------------------------------


@transaction.atomic
def set_next_version(*, round_: Round, version: Version, actor) -> Round:
    """Choose the version the round led to. Links to paragraphs of another version are removed."""
    access.require_may_manage_round(actor, round_)
    round_ = _lock(round_)
    if round_.reactienota_published_at is not None:
        raise ReactienotaError(_("The reactienota has been published. The next version can no longer change."))
    if version.document_id != round_.version.document_id or version.number <= round_.version.number:
        raise ReactienotaError(_("Choose a later version of the same document."))
    through = Comment.changed_paragraphs.through
    removed, _details = through.objects.filter(comment__round=round_).exclude(paragraph__version=version).delete()
    round_.next_version = version
    round_.save(update_fields=["next_version"])
    log_action(
        actor=actor,
        action="consultation.round.next_version_set",
        target=round_,
        data={"version": version.pk, "links_removed": removed},
    )
    return round_


@transaction.atomic
def set_outcome(*, round_: Round, comment: Comment, outcome: str, reason: str, changed_paragraphs=(), actor) -> Comment:
    """Give one comment its outcome, a reason, and the paragraphs of the next version it changed."""
    access.require_may_manage_round(actor, round_)
    round_ = _lock(round_)
    if comment.round_id != round_.pk:
        raise ReactienotaError(_("This comment belongs to another round."))
    comment = Comment.objects.select_for_update(of=("self",)).get(pk=comment.pk)
    if round_.reactienota_published_at is not None:
        raise ReactienotaError(_("The reactienota has been published. Outcomes can no longer change."))
    _require_closed(round_)
    if comment.withdrawn_at is not None:
        raise ReactienotaError(_("This comment was withdrawn. It needs no outcome."))
    if outcome not in Comment.Outcome.values:
        raise ReactienotaError(_("Choose one of the outcomes in the list."))
    reason = (reason or "").strip()
    if not reason and outcome not in OUTCOMES_WITHOUT_REASON:
        raise ReactienotaError(_("Give a reason. Only 'adopted' can go without one."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ReactienotaError(
            _("The reason is too long. Use at most %(max)s characters.") % {"max": REASON_MAX_LENGTH}
        )
    changed = list(changed_paragraphs or [])
    if changed and outcome not in OUTCOMES_WITH_CHANGES:
        raise ReactienotaError(_("Only an adopted or partly adopted comment can be linked to a change."))
    if changed and round_.next_version_id is None:
        raise ReactienotaError(_("Choose the next version first. Then link the paragraphs that changed."))
    if any(paragraph.version_id != round_.next_version_id for paragraph in changed):
        raise ReactienotaError(_("Link only paragraphs of the next version of this document."))
    comment.outcome = outcome
    comment.reason = reason
    comment.decided_by = actor
    comment.decided_at = timezone.now()
    comment.save(update_fields=["outcome", "reason", "decided_by", "decided_at"])
    comment.changed_paragraphs.set(changed)
    log_action(
        actor=actor,
        action="consultation.comment.answered",
        target=comment,
        data={"round": round_.pk, "outcome": outcome, "changed_paragraphs": sorted(p.pk for p in changed)},
    )
    return comment


def _notify_commenters(round_: Round) -> int:
    """A message to every commenter with an account (emailed as each chose); how many were told."""
    authors = (
        answerable_comments(round_)
        .filter(author__isnull=False, author__is_active=True)
        .values_list("author", flat=True)
        .distinct()
    )
    told = notify(
        recipients=Member.objects.filter(pk__in=authors).order_by("pk"),
        kind=Kind.REACTIENOTA,
        message="reactienota.published",
        params={"document": round_.version.document.title, "version": round_.next_version.label},
        link=reverse("consultations:reactienota", args=[round_.pk]),
    )
    return len(told)


@transaction.atomic
def publish_reactienota(*, round_: Round, actor) -> int:
    """Publish the reactienota and email every commenter with an account. Returns the emails sent."""
    access.require_may_manage_round(actor, round_)
    round_ = _lock(round_)
    if round_.reactienota_published_at is not None:
        raise ReactienotaError(_("The reactienota has already been published."))
    _require_closed(round_)
    open_count, _total = outcome_counts(round_)
    if open_count:
        raise ReactienotaError(
            ngettext(
                "%(count)s comment still has no outcome. Give every comment an outcome first.",
                "%(count)s comments still have no outcome. Give every comment an outcome first.",
                open_count,
            )
            % {"count": open_count}
        )
    if round_.next_version is None:
        raise ReactienotaError(_("Choose the next version first."))
    if round_.next_version.status != Version.Status.PUBLISHED:
        raise ReactienotaError(_("Publish the next version first, so that readers can follow the links."))
    round_.reactienota_published_at = timezone.now()
    round_.save(update_fields=["reactienota_published_at"])
    sent = _notify_commenters(round_)
    log_action(actor=actor, action="consultation.reactienota.published", target=round_, data={"emails": sent})
    return sent
