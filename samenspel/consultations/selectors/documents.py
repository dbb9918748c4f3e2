"""Reads for the documents pages, each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from samenspel.core.roles import is_coordinator

from .. import access
from ..models import Comment, Document, Paragraph, Round, Version


def documents_for_list(user):
    """Documents the user may see, with the latest visible version's label and date, in one query."""
    versions = Version.objects.filter(document=OuterRef("pk"))
    if not is_coordinator(user):
        versions = versions.filter(status=Version.Status.PUBLISHED)
    latest = versions.order_by("-number")
    published = Q(versions__status=Version.Status.PUBLISHED)
    return (
        access.visible_documents_for(user)
        .annotate(
            latest_label=Subquery(latest.values("label")[:1]),
            latest_number=Subquery(latest.values("number")[:1]),
            latest_published_at=Subquery(latest.values("published_at")[:1]),
            published_count=Count("versions", filter=published, distinct=True),
        )
        .order_by("title", "pk")
    )


@dataclass
class History:
    """What a document went through: its versions (oldest first) and the rounds on them."""

    versions: list = field(default_factory=list)
    rounds: list = field(default_factory=list)


def histories_for(user, documents) -> dict[int, History]:
    """The visible versions and rounds of several documents, in two queries."""
    ids = [document.pk for document in documents]
    histories = {pk: History() for pk in ids}
    if not ids:
        return histories
    versions = Version.objects.filter(document_id__in=ids).order_by("document_id", "number")
    if not is_coordinator(user):
        versions = versions.filter(status=Version.Status.PUBLISHED)
    for version in versions.only("pk", "document_id", "number", "label", "status", "published_at", "created_at"):
        histories[version.document_id].versions.append(version)
    rounds = access.visible_rounds_for(user).filter(version__document_id__in=ids).order_by("opens_at", "pk")
    for round_ in with_state(rounds):
        histories[round_.version.document_id].rounds.append(round_)
    for history in histories.values():
        _link_previous(history.versions)
    return histories


def _link_previous(versions: list[Version]) -> list[Version]:
    """Give each version `previous`: the version before it in the list (to compare with), or None."""
    previous = None
    for version in versions:
        version.previous = previous
        previous = version
    return versions


def with_state(rounds) -> list[Round]:
    """Give each round `state`: "upcoming", "open" or "closed", by the server's clock."""
    now = timezone.now()
    rounds = list(rounds)
    for round_ in rounds:
        round_.state = "upcoming" if now < round_.opens_at else ("open" if now < round_.closes_at else "closed")
    return rounds


@dataclass
class DocumentRows:
    """A document (None: no document has the slug) with all its versions and rounds, for every viewer;
    what one viewer may see of it is `access.document_from_rows` and the functions after it."""

    document: Document | None
    versions: list[Version] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)


def document_rows(request, slug: str) -> DocumentRows:
    """The document's rows, from the cache under its version `document:<slug>` (`cache_keys.py`),
    which the page declares (`@keyed`), so that a cached read costs no query."""
    from samenspel.core.cache_version import cached

    from ..cache_keys import document_key

    def load() -> DocumentRows:
        document = Document.objects.filter(slug=slug).first()
        if document is None:
            return DocumentRows(None)
        versions = list(document.versions.order_by("number"))
        for version in versions:
            version.document = document
        by_pk = {version.pk: version for version in versions}
        rounds = list(Round.objects.filter(version__document=document).order_by("opens_at", "pk"))
        for round_ in rounds:
            round_.version = by_pk[round_.version_id]
        return DocumentRows(document, versions, rounds)

    return cached(request, ("document-rows", slug), load, keys=[document_key(slug)])


def visible_versions(versions: list[Version], *, may_manage: bool) -> list[Version]:
    """`access.visible_versions_for` on versions read already, each linked to the one before."""
    return _link_previous([v for v in versions if may_manage or v.status == Version.Status.PUBLISHED])


def versions_of(user, document: Document) -> list[Version]:
    return _link_previous(list(access.visible_versions_for(user, document).order_by("number")))


def rounds_of(user, document: Document) -> list[Round]:
    return with_state(access.visible_rounds_for(user).filter(version__document=document).order_by("opens_at", "pk"))


def current_version(versions: list[Version]) -> Version | None:
    """The latest published version among `versions` (ordered by number)."""
    published = [version for version in versions if version.status == Version.Status.PUBLISHED]
    return published[-1] if published else None


def paragraphs_of(version: Version, *, top_level: int = 2) -> list[Paragraph]:
    """The paragraphs in order; headings get `html_level` (see `set_heading_levels`)."""
    paragraphs = list(version.paragraphs.order_by("position"))
    set_heading_levels(paragraphs, top_level=top_level)
    return paragraphs


def set_heading_levels(paragraphs, *, top_level: int = 2) -> None:
    """Give each heading an HTML level that never skips one: a document's level 1 becomes `top_level`.

    Headings are stored with the level the author gave (1-4); a text that starts with a level 3
    heading, or jumps from 1 to 3, would otherwise skip levels for screen reader users.
    """
    previous = None
    for paragraph in paragraphs:
        if paragraph.kind != Paragraph.Kind.HEADING:
            continue
        wanted = top_level + max(paragraph.level, 1) - 1
        level = top_level if previous is None else min(wanted, previous + 1)
        paragraph.html_level = min(max(level, top_level), 6)
        previous = paragraph.html_level


@dataclass
class CommentCounts:
    per_key: dict = field(default_factory=dict)  # paragraph key id -> number of remarks
    whole_document: int = 0
    total: int = 0


def comment_counts(version: Version, paragraphs=()) -> CommentCounts:
    """Remarks (not withdrawn) in all rounds on this version, per paragraph key, in one query.

    Each of `paragraphs` gets `remarks`: its number of remarks.
    """
    counts = CommentCounts()
    rows = (
        Comment.objects.filter(round__version=version, withdrawn_at__isnull=True)
        .values("paragraph__key_id")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for row in rows:
        key_id, number = row["paragraph__key_id"], row["number"]
        if key_id is None:
            counts.whole_document += number
        else:
            counts.per_key[key_id] = number
        counts.total += number
    for paragraph in paragraphs:
        paragraph.remarks = counts.per_key.get(paragraph.key_id, 0)
    return counts


def version_pair(versions: list[Version], old_number, new_number) -> tuple[Version | None, Version | None]:
    by_number = {version.number: version for version in versions}
    return by_number.get(old_number), by_number.get(new_number)


def version_text(
    version: Version, *, round_url: str = "", rounds: list[Round] | None = None
) -> tuple[str, CommentCounts]:
    """The rendered text of a published version with each paragraph's number of remarks, and the counts.

    The same for every viewer (the remarks link to `round_url`, which the view chose for the viewer
    and which is part of the key). Rendered once per version and revisions of its rounds: the text
    never changes once published, and every change to a remark raises its round's revision (one
    small query reads them). A draft is rendered for every request.
    """
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from .. import fragments

    def render_text() -> tuple[str, CommentCounts]:
        paragraphs = paragraphs_of(version, top_level=3)
        counts = comment_counts(version, paragraphs)
        context = {"paragraphs": paragraphs, "round_url": round_url}
        return render_to_string("consultations/documents/includes/paragraphs.html", context), counts

    if version.status != Version.Status.PUBLISHED:
        html, counts = render_text()
    else:
        if rounds is None:
            revisions = tuple(Round.objects.filter(version=version).order_by("pk").values_list("pk", "revision"))
        else:  # every round on the version (read already), also those the viewer may not see
            revisions = tuple(sorted((r.pk, r.revision) for r in rounds if r.version_id == version.pk))
        html, counts = fragments.cached("version-text", (version.pk, revisions, round_url), render_text)
    return mark_safe(html), counts  # noqa: S308 - our own template's output, escaped there
