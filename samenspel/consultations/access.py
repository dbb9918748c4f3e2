"""Who may read documents, comment in rounds and manage consultations: one place for views and exports.

- Coordinators manage documents, versions, rounds, remarks entered on behalf, and outcomes.
- A public document and its published versions, rounds and published reactienota's can be read
  by everyone; a non-public document by approved members. Draft versions: coordinators only.
  A person invited to a round may read that round, even when they are not (yet) an approved member.
- Commenting: while the round is open (server time), by its audience — invited people, approved
  members, or everyone logged in with a confirmed email address.
- Supporting a comment ("I agree"): approved members, while the round is open.
- A circle's document (`Document.circle`) is managed by the circle's active kartrekkers as well as
  the coordinators (`may_manage_document`: versions, rounds, invitations, outcomes, reactienota), and is
  read only by the circle's active members and coordinators (others 404). Its rounds have the
  audience "members of the circle". A kartrekker who steps down loses these rights at once.
Hidden objects answer 404; a visitor who is not logged in is sent to log in first (`hidden_from`).
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from samenspel.circles.models import Circle, CircleMembership
from samenspel.core import member_counts
from samenspel.core.roles import is_approved_member, is_coordinator
from samenspel.members.access import hidden_from
from samenspel.members.selectors import VERIFIED_EMAILS

from .models import Comment, Document, Round, RoundInvitee, Version

# --- circles' own documents ----------------------------------------------------------------------


def _active_memberships(user, *, lead: bool = False) -> QuerySet[CircleMembership]:
    """The user's active circle memberships (callers check that the user is an approved member)."""
    memberships = CircleMembership.objects.filter(member=user, status=CircleMembership.Status.ACTIVE)
    return memberships.filter(role=CircleMembership.Role.LEAD) if lead else memberships


def member_circle_ids(user) -> QuerySet:
    """The circles the user is an active member of (as a subquery)."""
    if not is_approved_member(user):
        return CircleMembership.objects.none().values("circle_id")
    return _active_memberships(user).values("circle_id")


def circles_to_consult_for(user) -> QuerySet[Circle]:
    """The circles a document may be made for by `user`: all for coordinators, those they lead for kartrekkers."""
    circles = Circle.objects.filter(is_active=True)
    if is_coordinator(user):
        return circles
    if not is_approved_member(user):
        return circles.none()
    return circles.filter(pk__in=_active_memberships(user, lead=True).values("circle_id"))


def may_create_documents(user) -> bool:
    """Coordinators, and kartrekkers (for their own circles)."""
    return is_coordinator(user) or circles_to_consult_for(user).exists()


def require_may_create_document(user, circle: Circle | None) -> None:
    """A document without a circle: coordinators; for a circle: also its kartrekkers. Otherwise 403."""
    if is_coordinator(user):
        return
    if circle is None or not circles_to_consult_for(user).filter(pk=circle.pk).exists():
        raise PermissionDenied


def may_manage_document(user, document: Document) -> bool:
    """Change the document, write and publish versions, hold rounds and answer them."""
    if is_coordinator(user):
        return True
    if document.circle_id is None or not is_approved_member(user):
        return False
    return _active_memberships(user, lead=True).filter(circle_id=document.circle_id).exists()


def require_may_manage_document(user, document: Document) -> None:
    if not may_manage_document(user, document):
        raise PermissionDenied


def may_manage_round(user, round_: Round) -> bool:
    return may_manage_document(user, round_.version.document)


def require_may_manage_round(user, round_: Round) -> None:
    if not may_manage_round(user, round_):
        raise PermissionDenied


def manageable_versions_for(user) -> QuerySet[Version]:
    """Published versions a round may be started on by `user`."""
    versions = Version.objects.filter(status=Version.Status.PUBLISHED).select_related("document")
    if is_coordinator(user):
        return versions
    return versions.filter(document__circle__in=circles_to_consult_for(user))


# --- reading --------------------------------------------------------------------------------------


def visible_documents_for(user) -> QuerySet[Document]:
    documents = Document.objects.all()
    if is_coordinator(user):
        return documents
    if is_approved_member(user):
        return documents.filter(Q(circle__isnull=True) | Q(circle__in=member_circle_ids(user)))
    return documents.filter(is_public=True, circle__isnull=True)


def get_document_for(user, slug: str) -> Document:
    try:
        return visible_documents_for(user).get(slug=slug)
    except Document.DoesNotExist:
        raise (hidden_from(user) if Document.objects.filter(slug=slug).exists() else Http404()) from None


# --- the same rules on rows read already (the document pages read them from the cache) -------------
# `roles`: the viewer's active circles with their role (circles.selectors.circle_roles_on).
# tests/consultations/test_document_rows.py checks them against the queries above for every persona.


def document_from_rows(user, document: Document | None, roles: dict[int, str]) -> Document:
    """`get_document_for` on a document read already (None: there is none): the document or 404."""
    if document is None:
        raise Http404
    if is_coordinator(user):
        return document
    if is_approved_member(user):
        visible = document.circle_id is None or document.circle_id in roles
    else:
        visible = document.is_public and document.circle_id is None
    if not visible:
        raise hidden_from(user)
    return document


def may_manage_document_with(user, document: Document, roles: dict[int, str]) -> bool:
    """`may_manage_document` without a query."""
    if is_coordinator(user):
        return True
    if document.circle_id is None or not is_approved_member(user):
        return False
    return roles.get(document.circle_id) == CircleMembership.Role.LEAD


def rounds_from_rows(user, document: Document, rounds: list[Round], roles: dict[int, str]) -> list[Round]:
    """`visible_rounds_for` on one document's rounds read already (their `version` loaded). No query,
    but for a logged-in person who is not an approved member: the rounds they were invited to."""
    if is_coordinator(user):
        return list(rounds)
    published = [round_ for round_ in rounds if round_.version.status == Version.Status.PUBLISHED]
    if is_approved_member(user):
        return published if document.circle_id is None or document.circle_id in roles else []
    if document.circle_id is not None:
        return []
    if document.is_public:
        return published
    if not published or user is None or not user.is_authenticated:
        return []
    invited = set(
        RoundInvitee.objects.filter(member=user, round__in=[r.pk for r in published]).values_list("round_id", flat=True)
    )
    return [round_ for round_ in published if round_.pk in invited]


def round_from_row(user, round_: Round | None, roles: dict[int, str]) -> Round:
    """`get_round_for` on a round read already (with its version and document; None: there is none)."""
    if round_ is None:
        raise Http404
    if not rounds_from_rows(user, round_.version.document, [round_], roles):
        raise hidden_from(user)
    return round_


def visible_versions_for(user, document: Document) -> QuerySet[Version]:
    versions = document.versions.all()
    if not may_manage_document(user, document):
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
    if is_approved_member(user):
        # A circle's rounds: its active members only (its kartrekkers are members too).
        return rounds.filter(
            Q(version__document__circle__isnull=True) | Q(version__document__circle__in=member_circle_ids(user))
        )
    rounds = rounds.filter(version__document__circle__isnull=True)
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
    """Read with the member at the start of the request (`members.selectors.VERIFIED_EMAILS`), or
    with a query of its own where that did not run."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    known = member_counts.get_for_user(user, VERIFIED_EMAILS)
    if known is not None:
        return known > 0
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def may_comment(user, round_: Round) -> bool:
    """Open round and in its audience. (Whether the round is open is checked at the moment of writing.)"""
    if not round_.is_open or not has_confirmed_email(user):
        return False
    if round_.audience == Round.Audience.EVERYONE:
        return True
    if round_.audience == Round.Audience.MEMBERS:
        return is_approved_member(user)
    if round_.audience == Round.Audience.CIRCLE:
        circle_id = round_.version.document.circle_id
        return circle_id is not None and member_circle_ids(user).filter(circle_id=circle_id).exists()
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
