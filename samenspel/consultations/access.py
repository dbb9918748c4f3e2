"""Who may read documents, comment in rounds and manage consultations: one place for views and exports.

- Coordinators manage documents, versions, rounds, remarks entered on behalf, and outcomes.
- A public document and its published versions, rounds and published reactienota's can be read
  by everyone; a non-public document by approved members. Draft versions: coordinators only.
  A person invited to a round may read that round, even when they are not (yet) an approved member.
- Commenting: while the round is open (server time), by its audience — invited people, approved
  members, or everyone logged in with a confirmed email address.
- Supporting a comment ("I agree"): approved members, while the round is open.
Hidden objects answer 404; a visitor who is not logged in is sent to log in first (`hidden_from`).
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from samenspel.core.roles import is_approved_member, is_coordinator
from samenspel.members.access import hidden_from

from .models import Comment, Document, Round, RoundInvitee, Version


def visible_documents_for(user) -> QuerySet[Document]:
    documents = Document.objects.all()
    if is_coordinator(user) or is_approved_member(user):
        return documents
    return documents.filter(is_public=True)


def get_document_for(user, slug: str) -> Document:
    try:
        return visible_documents_for(user).get(slug=slug)
    except Document.DoesNotExist:
        raise (hidden_from(user) if Document.objects.filter(slug=slug).exists() else Http404()) from None


def visible_versions_for(user, document: Document) -> QuerySet[Version]:
    versions = document.versions.all()
    if not is_coordinator(user):
        versions = versions.filter(status=Version.Status.PUBLISHED)
    return versions


def get_version_for(user, document: Document, number) -> Version:
    try:
        return visible_versions_for(user, document).get(number=number)
    except (Version.DoesNotExist, ValueError, TypeError):
        exists = str(number).isdigit() and document.versions.filter(number=number).exists()
        raise (hidden_from(user) if exists else Http404()) from None


def visible_rounds_for(user) -> QuerySet[Round]:
    rounds = Round.objects.select_related("version__document")
    if is_coordinator(user):
        return rounds
    rounds = rounds.filter(version__status=Version.Status.PUBLISHED)
    if not is_approved_member(user):
        readable = Q(version__document__is_public=True)
        if user is not None and user.is_authenticated:
            readable |= Q(Exists(RoundInvitee.objects.filter(round=OuterRef("pk"), member=user)))
        rounds = rounds.filter(readable)
    return rounds


def get_round_for(user, pk) -> Round:
    try:
        return visible_rounds_for(user).get(pk=pk)
    except (Round.DoesNotExist, ValueError, TypeError):
        exists = str(pk).isdigit() and Round.objects.filter(pk=pk).exists()
        raise (hidden_from(user) if exists else Http404()) from None


def has_confirmed_email(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def may_comment(user, round_: Round) -> bool:
    """Open round and in its audience. (Whether the round is open is checked at the moment of writing.)"""
    if not round_.is_open or not has_confirmed_email(user):
        return False
    if round_.audience == Round.Audience.EVERYONE:
        return True
    if round_.audience == Round.Audience.MEMBERS:
        return is_approved_member(user)
    return RoundInvitee.objects.filter(round=round_, member=user).exists()


def require_may_comment(user, round_: Round) -> None:
    if not may_comment(user, round_):
        raise PermissionDenied


def may_support(user, round_: Round) -> bool:
    return round_.is_open and is_approved_member(user)


def get_own_comment_for(user, round_: Round, pk) -> Comment:
    """A comment of `user` in this round (to edit or withdraw); another's or unknown: 404."""
    if user is None or not user.is_authenticated:
        raise Http404
    try:
        return round_.comments.get(pk=pk, author=user, entered_by__isnull=True)
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def may_see_author(user, comment: Comment) -> bool:
    """Anonymous comments show their author to coordinators only."""
    return comment.display != Comment.Display.ANONYMOUS or is_coordinator(user)


def comments_visible_filter(user) -> Q:
    """Withdrawn comments are hidden from everyone but coordinators."""
    if is_coordinator(user):
        return Q()
    return Q(withdrawn_at__isnull=True)
