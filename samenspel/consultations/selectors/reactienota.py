"""Reads for the reactienota: outcomes per comment, grouped by paragraph, paged; a constant number
of queries whatever the number of paragraphs and comments."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.members.models import Member

from ..models import Comment, Paragraph, Round, Version


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


@dataclass
class Part:
    """One page of the reactienota: whole sections, about `per_part` comments (see `reactienota_parts`)."""

    number: int
    sections: list
    first: int | None  # the first and last paragraph numbers (None: only the document as a whole)
    last: int | None
    whole_document: bool  # it starts with the comments on the document as a whole
    comments: int


def reactienota_parts(sections: list[Section], per_part: int) -> list[Part]:
    """The sections in parts of at least `per_part` comments (the last may have fewer; a section is
    never split), so that a reactienota of thousands of comments is read a part at a time. Always at
    least one part (empty when there are no comments)."""
    groups: list[list[Section]] = [[]]
    for section in sections:
        if sum(len(s.comments) for s in groups[-1]) >= per_part:
            groups.append([])
        groups[-1].append(section)
    parts = []
    for number, group in enumerate(groups, start=1):
        numbers = [section.number for section in group if section.number is not None]
        parts.append(
            Part(
                number=number,
                sections=group,
                first=numbers[0] if numbers else None,
                last=numbers[-1] if numbers else None,
                whole_document=bool(group) and group[0].paragraph is None,
                comments=sum(len(section.comments) for section in group),
            )
        )
    return parts


def outcome_page(round_: Round, page_number, per_page: int = 50):
    """One page of comments for the coordinators' outcome forms: (page, sections)."""
    page = Paginator(_comments(round_), per_page).get_page(page_number)
    comments = list(page.object_list)
    decorate(comments, paragraph_numbers(round_.next_version), changes_by_comment(round_.pk, [c.pk for c in comments]))
    return page, _group(round_, comments)


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
