"""Which cache versions (samenspel.core.cache_version) a change to consultations bumps.

A published reactienota is cached under `round:<id>`: its outcomes are fixed, but a comment, a
supporter or the round can still change, and so can the names of the comments' authors (and their
kind of membership, shown for a comment signed with a role); nothing else of a member is shown.

The round page reads the round with its version and document from the cache under `round:<id>`
too, which a change to the version or the document bumps as well (who may read the round depends
on them).

The document page and the comparison page read the document with all its versions and rounds from
the cache under `document:<slug>` (`selectors.documents.document_rows`): a save or deletion of the
document, a version or a round bumps it, and so does every raise of a round's revision
(`revisions.bump`: the page shows each paragraph's number of remarks, keyed by the revisions).
"""

from samenspel.core import cache_version
from samenspel.members.models import Member

from .models import Comment, CommentSupport, Document, Round, RoundInvitee, Version


def document_key(slug: str) -> str:
    return f"document:{slug}"


def document_keys(**lookup) -> list[str]:
    """The keys of the documents that `lookup` finds (one query)."""
    return [document_key(slug) for slug in Document.objects.filter(**lookup).values_list("slug", flat=True).distinct()]


def round_keys(**lookup) -> list[str]:
    """The keys of the rounds that `lookup` finds (one query): a round's page reads its version and
    document with it (`selectors.rounds.round_row`), and who may read it depends on them."""
    return [f"round:{pk}" for pk in Round.objects.filter(**lookup).values_list("pk", flat=True)]


def member_keys(member) -> list[str]:
    rounds = Comment.objects.filter(author=member).values_list("round_id", flat=True).distinct()
    return [f"round:{pk}" for pk in rounds]


def support_keys(support: CommentSupport) -> list[str]:
    rounds = Comment.objects.filter(pk=support.comment_id).values_list("round_id", flat=True)
    return [f"round:{pk}" for pk in rounds]


def linked_keys(comments, _paragraphs) -> list[str]:
    """A comment linked to the paragraphs it changed in the next version (shown on the reactienota)."""
    rounds = Comment.objects.filter(pk__in=comments).values_list("round_id", flat=True).distinct()
    return [f"round:{pk}" for pk in rounds]


def connect() -> None:
    """Called once from ConsultationsConfig.ready()."""
    cache_version.bump_on(
        Document, lambda document: [document_key(document.slug), *round_keys(version__document=document)]
    )
    cache_version.bump_on(
        Version, lambda version: [*document_keys(pk=version.document_id), *round_keys(version=version)]
    )
    cache_version.bump_on(Round, lambda round_: [f"round:{round_.pk}", *document_keys(versions__pk=round_.version_id)])
    cache_version.bump_on(Comment, lambda comment: [f"round:{comment.round_id}"])
    cache_version.bump_on(CommentSupport, support_keys)
    cache_version.bump_on_m2m(Comment.changed_paragraphs.through, linked_keys)
    cache_version.bump_on(Member, member_keys, fields_shown={"name", "kind"})
    # An invitation shows on the invitee's home page (`rounds_open_to_me`, cached under their version).
    cache_version.bump_on(RoundInvitee, lambda invitee: [f"member:{invitee.member_id}"])
