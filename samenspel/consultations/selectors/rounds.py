"""Reads for the rounds pages, each in a fixed number of queries whatever the size of the round.

How a comment's author is shown is decided here, once: `shown_as` (the author's choice) for
everyone, and the real name only when the viewer is a coordinator. Templates never read
`comment.author` themselves, so an anonymous author's name cannot leak into a page.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from samenspel.consultations.selectors.reactienota import shown_as
from samenspel.core.roles import is_coordinator

from .. import access
from ..models import Comment, CommentSupport, Paragraph, Question, Round, RoundInvitee
from .documents import set_heading_levels


def round_row(request, pk: int) -> Round | None:
    """The round with its version, document and next version (None: no round has this id), the same for every
    viewer, from the cache under `round:<id>` (`cache_keys.py`), which the page declares (`@keyed`);
    who may read it is `access.round_from_row`, decided for every request."""
    from samenspel.core.cache_version import cached

    def load():
        return Round.objects.select_related("version__document", "next_version").filter(pk=pk).first() or False

    return cached(request, ("round-row", pk), load, keys=[f"round:{pk}"]) or None


def rounds_for_list(user) -> dict[str, list[Round]]:
    """The rounds the user may see, with their number of comments: {"open", "upcoming", "closed"}."""
    now = timezone.now()
    rounds = (
        access.visible_rounds_for(user)
        .annotate(comment_count=Count("comments", filter=Q(comments__withdrawn_at__isnull=True)))
        .order_by("closes_at", "pk")
    )
    grouped: dict[str, list[Round]] = {"open": [], "upcoming": [], "closed": []}
    for round_ in rounds:
        if round_.opens_at > now:
            grouped["upcoming"].append(round_)
        elif round_.closes_at > now:
            grouped["open"].append(round_)
        else:
            grouped["closed"].append(round_)
    grouped["closed"].reverse()  # most recently closed first
    return grouped


def _comments(user, round_: Round) -> QuerySet[Comment]:
    comments = (
        Comment.objects.filter(round=round_)
        .filter(access.comments_visible_filter(user))
        .select_related("author", "source_meeting")
        .annotate(support_count=Count("supports"))
        .order_by("created_at", "id")
    )
    if user is not None and user.is_authenticated:
        comments = comments.annotate(
            supported=Exists(CommentSupport.objects.filter(comment=OuterRef("pk"), member=user))
        )
    return comments


def decorate(user, comments) -> None:
    """Add what the templates show: shown_as, real_name (coordinators only), is_own."""
    coordinator = is_coordinator(user)
    user_pk = getattr(user, "pk", None)
    for comment in comments:
        comment.shown_as = shown_as(comment)
        comment.real_name = None
        if coordinator:
            comment.real_name = comment.author.name if comment.author_id else comment.submitter_name
        comment.is_own = bool(user_pk) and comment.author_id == user_pk and comment.entered_by_id is None
        comment.is_withdrawn = comment.withdrawn_at is not None
        if not hasattr(comment, "supported"):
            comment.supported = False


@dataclass
class ParagraphView:
    paragraph: Paragraph
    number: int
    heading_tag: str  # "h3".."h6" for a heading, "" for a paragraph
    comments: list = field(default_factory=list)
    count: int = 0  # the comments the viewer may see on it (shown or not)


@dataclass
class QuestionView:
    question: Question
    answers: list = field(default_factory=list)
    count: int = 0


@dataclass
class RoundPage:
    round: Round
    paragraphs: list[ParagraphView]
    document_comments: list
    questions: list[QuestionView]
    comment_count: int
    may_comment: bool
    may_support: bool
    # False when the round has more comments than the page shows inline: then each part shows
    # its number of comments with a link to a page of its own (`round_part`).
    inline: bool = True
    document_count: int = 0
    counts: dict = field(default_factory=dict)  # (paragraph id, question id) -> comments the viewer may see


def heading_tag(paragraph: Paragraph) -> str:
    """The page has h1 (round) and h2 (parts): the document's headings start at h3.

    round_page numbers them with set_heading_levels first (`html_level`: no level skipped);
    a paragraph on its own gets its level from the author's level.
    """
    if paragraph.kind != Paragraph.Kind.HEADING:
        return ""
    level = getattr(paragraph, "html_level", None) or max(paragraph.level, 1) + 2
    return f"h{min(level, 6)}"


def visible_counts(user, round_: Round) -> dict[tuple[int | None, int | None], int]:
    """(paragraph id, question id) -> the number of comments the viewer may see there; one query."""
    rows = (
        Comment.objects.filter(round=round_)
        .filter(access.comments_visible_filter(user))
        .order_by()
        .values_list("paragraph_id", "question_id")
        .annotate(n=Count("id"))
    )
    return {(paragraph_id, question_id): n for paragraph_id, question_id, n in rows}


def shows_inline(counts: dict) -> bool:
    """Whether the round page shows every comment, or (above the limit) each part's number only."""
    return sum(counts.values()) <= settings.CONSULTATION_INLINE_COMMENTS


def shows_inline_for(user, round_: Round) -> bool:
    """`shows_inline` without counting every comment: at most the limit plus one are looked at
    (after each comment, in the request: 10-15 ms for a round of 20,000 comments otherwise)."""
    limit = settings.CONSULTATION_INLINE_COMMENTS
    visible = Comment.objects.filter(round=round_).filter(access.comments_visible_filter(user)).order_by()
    return visible[: limit + 1].count() <= limit


@dataclass(frozen=True)
class RoundCounts:
    """The comments of a round per part, as a kind of viewer may see them; the same for every viewer
    of that kind, so kept in this process's cache per round revision (see `round_counts`)."""

    per_part: dict  # (paragraph id, question id) -> number of comments
    not_withdrawn: int  # the round's comments that are not withdrawn
    questions: tuple = ()  # the round's questions, in order


def round_counts(user, round_: Round) -> RoundCounts:
    """Two queries (the counts and the questions), or none when this process has them for the round's
    revision. Coordinators also see withdrawn comments (`access.comments_visible_filter`): that is in
    the key."""
    from .. import fragments

    def read() -> RoundCounts:
        rows = (
            Comment.objects.filter(round=round_)
            .filter(access.comments_visible_filter(user))
            .order_by()
            .values_list("paragraph_id", "question_id")
            .annotate(n=Count("id"), live=Count("id", filter=Q(withdrawn_at__isnull=True)))
        )
        per_part, not_withdrawn = {}, 0
        for paragraph_id, question_id, n, live in rows:
            per_part[(paragraph_id, question_id)] = n
            not_withdrawn += live
        questions = tuple(round_.questions.order_by("position", "id"))
        return RoundCounts(per_part=per_part, not_withdrawn=not_withdrawn, questions=questions)

    return fragments.cached("round-counts", (round_.pk, round_.revision, is_coordinator(user)), read)


def paragraph_views(round_: Round) -> dict[int, ParagraphView]:
    """paragraph id -> its view (number, heading tag), in reading order; one query."""
    paragraphs = list(round_.version.paragraphs.select_related("key").order_by("position"))
    set_heading_levels(paragraphs, top_level=3)
    return {
        p.pk: ParagraphView(paragraph=p, number=number, heading_tag=heading_tag(p))
        for number, p in enumerate(paragraphs, start=1)
    }


def round_page(user, round_: Round) -> RoundPage:
    """What the round page shows `user`. Above CONSULTATION_INLINE_COMMENTS comments the page shows
    each part's number of comments only; then `paragraphs` is empty and the view renders the text
    with `paragraph_views` once per round revision (it is the same for every viewer with the same
    rights)."""
    numbers = round_counts(user, round_)
    questions = {q.pk: QuestionView(question=q) for q in numbers.questions}
    inline = shows_inline(numbers.per_part)
    views = paragraph_views(round_) if inline else {}
    document_count = 0
    for (paragraph_id, question_id), n in numbers.per_part.items():
        if question_id is not None and question_id in questions:
            questions[question_id].count += n
        elif paragraph_id is not None and (paragraph_id in views or not inline):
            if inline:
                views[paragraph_id].count += n
        else:
            document_count += n
    document_comments = []
    comment_count = numbers.not_withdrawn
    if inline:
        comments = list(_comments(user, round_))
        decorate(user, comments)
        for comment in comments:
            if comment.question_id is not None and comment.question_id in questions:
                questions[comment.question_id].answers.append(comment)
            elif comment.paragraph_id is not None and comment.paragraph_id in views:
                views[comment.paragraph_id].comments.append(comment)
            else:
                document_comments.append(comment)
    return RoundPage(
        round=round_,
        paragraphs=list(views.values()),
        document_comments=document_comments,
        questions=list(questions.values()),
        comment_count=comment_count,
        may_comment=access.may_comment(user, round_),
        may_support=access.may_support(user, round_),
        inline=inline,
        document_count=document_count,
        counts=numbers.per_part,
    )


def text_with_counts(round_: Round, page: RoundPage) -> list[ParagraphView]:
    """The paragraphs with the number of comments `page`'s viewer may see on each (not inline)."""
    views = paragraph_views(round_)
    for (paragraph_id, question_id), n in page.counts.items():
        if question_id is None and paragraph_id in views:
            views[paragraph_id].count += n
    return list(views.values())


def question_with_answers(user, round_: Round, question: Question) -> list[Comment]:
    """The visible answers to one question of the round."""
    comments = list(_comments(user, round_).filter(question=question))
    decorate(user, comments)
    return comments


def paragraph_with_comments(user, round_: Round, paragraph: Paragraph | None) -> list[Comment]:
    """The visible comments on one paragraph (None: on the whole document, not answers)."""
    comments = _comments(user, round_).filter(question__isnull=True)
    comments = comments.filter(paragraph=paragraph) if paragraph else comments.filter(paragraph__isnull=True)
    comments = list(comments)
    decorate(user, comments)
    return comments


def own_answers(user, round_: Round) -> dict[int, Comment]:
    """question id -> the user's current answer."""
    if user is None or not user.is_authenticated:
        return {}
    return {
        comment.question_id: comment
        for comment in Comment.objects.filter(
            round=round_, author=user, entered_by__isnull=True, question__isnull=False, withdrawn_at__isnull=True
        )
    }


def invitees_of(round_: Round) -> list[RoundInvitee]:
    """Invitees with whether they commented (for the coordinators' page)."""
    commented = Comment.objects.filter(round=round_, author=OuterRef("member"), withdrawn_at__isnull=True)
    return list(
        RoundInvitee.objects.filter(round=round_)
        .select_related("member")
        .annotate(has_commented=Exists(commented))
        .order_by("member__name", "pk")
    )
