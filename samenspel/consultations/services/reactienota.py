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

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.core.roles import require_coordinator
from samenspel.lib.errors import DomainError
from samenspel.members.models import Member

from ..models import Comment, Paragraph, Round, Version

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


def answerable_comments(round_: Round) -> QuerySet[Comment]:
    """The comments that need an outcome: all of the round's comments that were not withdrawn."""
    return Comment.objects.filter(round=round_, withdrawn_at__isnull=True)


def outcome_counts(round_: Round) -> tuple[int, int]:
    """(open, total): how many non-withdrawn comments still have no outcome, out of how many."""
    counts = answerable_comments(round_).aggregate(total=Count("id"), open=Count("id", filter=Q(outcome="")))
    return counts["open"], counts["total"]


def later_versions(round_: Round) -> QuerySet[Version]:
    """The versions that may be chosen as the round's next version."""
    return Version.objects.filter(document_id=round_.version.document_id, number__gt=round_.version.number).order_by(
        "number"
    )


def paragraph_numbers(version: Version | None) -> dict[int, int]:
    """Paragraph id -> its number in the version (1, 2, 3... in reading order, headings included)."""
    if version is None:
        return {}
    ids = Paragraph.objects.filter(version=version).order_by("position").values_list("id", flat=True)
    return {pk: number for number, pk in enumerate(ids, start=1)}


def shown_as(comment: Comment) -> str:
    """How the comment is shown outside the coordinators' pages: as its author chose.

    Anonymous: never a name. Role: the sender's role, or the author's kind of membership.
    """
    if comment.display == Comment.Display.ANONYMOUS:
        return _("Anonymous")
    if comment.display == Comment.Display.ROLE:
        if comment.submitter_role:
            return comment.submitter_role
        if comment.author_id is not None:
            return _("An ally") if comment.author.kind == Member.Kind.ALLY else _("An expert by experience")
        return _("A participant")
    if comment.author_id is not None and not comment.submitter_name:
        return comment.author.name
    return comment.submitter_name or _("A participant")


@dataclass
class Change:
    """A paragraph of the next version that a comment led to: its number there and its identity (anchor)."""

    number: int
    key_id: int
    label: str = ""  # "Paragraph 3 of version 2"
    diff_label: str = ""  # "See the change in paragraph 3"


@dataclass
class Section:
    """One paragraph of the consulted version (None: the document as a whole) and its comments."""

    paragraph_id: int | None
    paragraph: Paragraph | None
    number: int | None
    heading: str
    comments: list = field(default_factory=list)


def _headings_and_numbers(version: Version) -> tuple[dict[int, Paragraph], dict[int, int], dict[int, str]]:
    paragraphs = list(Paragraph.objects.filter(version=version).order_by("position"))
    by_id, numbers, headings = {}, {}, {}
    current_heading = ""
    for number, paragraph in enumerate(paragraphs, start=1):
        if paragraph.kind == Paragraph.Kind.HEADING:
            current_heading = paragraph.text
        by_id[paragraph.pk] = paragraph
        numbers[paragraph.pk] = number
        headings[paragraph.pk] = current_heading
    return by_id, numbers, headings


def _comments(round_: Round) -> QuerySet[Comment]:
    return (
        answerable_comments(round_)
        .select_related("author")
        .only(*COMMENT_FIELDS)
        .annotate(support_count=Count("supports", distinct=True))
        .order_by(F("paragraph__position").asc(nulls_first=True), "created_at", "id")
    )


# What the reactienota shows of a comment and its author (not the whole member row).
COMMENT_FIELDS = (
    "id",
    "round_id",
    "paragraph_id",
    "display",
    "source",
    "submitter_name",
    "submitter_role",
    "body",
    "outcome",
    "reason",
    "created_at",
    "author__id",
    "author__name",
    "author__kind",
)


def changes_by_comment(round_id: int, comment_ids=None) -> dict[int, list[tuple[int, int]]]:
    """comment id -> [(paragraph id, paragraph key id)] of the next version it changed, in reading order.

    One query on the link table (not a prefetch: that would send every comment id as a parameter).
    """
    links = Comment.changed_paragraphs.through.objects.filter(comment__round_id=round_id)
    if comment_ids is not None:
        links = links.filter(comment_id__in=list(comment_ids))
    changes: dict[int, list[tuple[int, int]]] = {}
    rows = links.order_by("paragraph__position").values_list("comment_id", "paragraph_id", "paragraph__key_id")
    for comment_id, paragraph_id, key_id in rows:
        changes.setdefault(comment_id, []).append((paragraph_id, key_id))
    return changes


def decorate(comments, next_numbers: dict[int, int], changes: dict | None = None, next_label: str = "") -> None:
    """Give each comment what the pages show: `shown_as`, `title`, `support_text` and `changes`
    (paragraphs of the next version it changed). The texts are made here, once per comment, rather
    than by template tags: a reactienota of 2,000 comments renders in half the time."""
    comments = list(comments)
    if changes is None:
        changes = changes_by_comment(comments[0].round_id, [c.pk for c in comments]) if comments else {}
    for comment in comments:
        comment.shown_as = shown_as(comment)
        comment.title = _("Comment by %(author)s") % {"author": comment.shown_as}
        supports = getattr(comment, "support_count", 0)
        comment.support_text = (
            ngettext("%(count)s person agrees", "%(count)s people agree", supports) % {"count": supports}
            if supports
            else ""
        )
        comment.changes = []
        for paragraph_id, key_id in changes.get(comment.pk, ()):
            number = next_numbers.get(paragraph_id, 0)
            comment.changes.append(
                Change(
                    number=number,
                    key_id=key_id,
                    label=_("Paragraph %(number)s of version %(label)s") % {"number": number, "label": next_label},
                    diff_label=_("See the change in paragraph %(number)s") % {"number": number},
                )
            )


def _group(round_: Round, comments: list[Comment]) -> list[Section]:
    by_id, numbers, headings = _headings_and_numbers(round_.version)
    sections: list[Section] = []
    for comment in comments:
        if not sections or sections[-1].paragraph_id != comment.paragraph_id:
            paragraph = by_id.get(comment.paragraph_id)
            section = Section(
                paragraph_id=comment.paragraph_id,
                paragraph=paragraph,
                number=numbers.get(comment.paragraph_id),
                heading=headings.get(comment.paragraph_id, ""),
            )
            sections.append(section)
        sections[-1].comments.append(comment)
    return sections


def outcome_summary(comments) -> list[tuple[str, int]]:
    """(outcome label, number of comments) for every outcome, in the order of the choices."""
    counts = dict.fromkeys(Comment.Outcome.values, 0)
    for comment in comments:
        if comment.outcome in counts:
            counts[comment.outcome] += 1
    return [(label, counts[value]) for value, label in Comment.Outcome.choices]


def reactienota_sections(round_: Round) -> list[Section]:
    """All non-withdrawn comments grouped per paragraph, in reading order (whole document first)."""
    comments = list(_comments(round_))
    next_label = round_.next_version.label if round_.next_version else ""
    decorate(comments, paragraph_numbers(round_.next_version), changes_by_comment(round_.pk), next_label)
    return _group(round_, comments)


def outcome_page(round_: Round, page_number, per_page: int = 50):
    """One page of comments for the coordinators' outcome forms: (page, sections)."""
    page = Paginator(_comments(round_), per_page).get_page(page_number)
    comments = list(page.object_list)
    decorate(comments, paragraph_numbers(round_.next_version), changes_by_comment(round_.pk, [c.pk for c in comments]))
    return page, _group(round_, comments)


# --- writes -------------------------------------------------------------------------------


@transaction.atomic
def set_next_version(*, round_: Round, version: Version, actor) -> Round:
    """Choose the version the round led to. Links to paragraphs of another version are removed."""
    require_coordinator(actor)
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
    require_coordinator(actor)
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
    page_url = settings.SITE_URL + reverse("consultations:reactienota", args=[round_.pk])
    authors = (
        answerable_comments(round_)
        .filter(author__isnull=False, author__is_active=True)
        .values_list("author", flat=True)
        .distinct()
    )
    sent = 0
    for member in Member.objects.filter(pk__in=authors).order_by("pk"):
        send_templated_email(
            to=member.email,
            template="consultations/reactienota_published",
            context={
                "name": member.name,
                "round": round_,
                "document": round_.version.document,
                "version": round_.version,
                "next_version": round_.next_version,
                "reactienota_url": page_url,
            },
            language=member.preferred_language or "nl",
        )
        sent += 1
    return sent


@transaction.atomic
def publish_reactienota(*, round_: Round, actor) -> int:
    """Publish the reactienota and email every commenter with an account. Returns the emails sent."""
    require_coordinator(actor)
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
