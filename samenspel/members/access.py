"""Access helpers for members: one place, used by views and API alike."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from samenspel.core.roles import is_approved_member, is_coordinator, require_coordinator

from .models import Member


class LoginRequired(Http404):
    """A visitor who is not logged in asked for something that is hidden from visitors only.

    Members-only pages are opened from links in emails and chats. A visitor gets the login page
    with `?next=` (`LoginRedirectMiddleware`) and, once logged in, the page; a logged-in person
    who may not see it still gets 404, so its existence leaks to no one with an account. Where
    the middleware does not run (the API, a POST), it is the 404 it subclasses.
    """


def hidden_from(user) -> Http404:
    """The exception for an existing object `user` may not see: log in first for a visitor, else 404."""
    if user is None or not user.is_authenticated:
        return LoginRequired()
    return Http404()


def require_member(user) -> None:
    """Approved members only; a pending or anonymous user gets 403 (views send visitors to log in first)."""
    if not is_approved_member(user):
        raise PermissionDenied


def can_see_themes(viewer, member: Member) -> bool:
    """Themes are sensitive: shown only as far as the member allowed."""
    if viewer is not None and viewer.is_authenticated and viewer.pk == member.pk:
        return True
    if is_coordinator(viewer):
        return True
    if member.theme_visibility == Member.ThemeVisibility.PUBLIC:
        return True
    if member.theme_visibility == Member.ThemeVisibility.MEMBERS:
        return is_approved_member(viewer)
    return False


def visible_circle_memberships(viewer, member: Member, memberships) -> list:
    """The circles of `member` that `viewer` may see, from `memberships` (active ones).

    Being in a circle about poverty or addiction tells about one's lived experience, so the
    circles follow the member's choice for their themes. The circles they lead stay visible:
    a circle's own page names its leads to everyone.
    """
    if can_see_themes(viewer, member):
        return list(memberships)
    return [membership for membership in memberships if membership.role == membership.Role.LEAD]


def visible_theme_filter_for(viewer) -> list[str]:
    """The theme_visibility values whose themes `viewer` may see (for queries)."""
    if is_coordinator(viewer):
        return [v for v, _ in Member.ThemeVisibility.choices]
    if is_approved_member(viewer):
        return [Member.ThemeVisibility.MEMBERS, Member.ThemeVisibility.PUBLIC]
    return [Member.ThemeVisibility.PUBLIC]


def get_member_for(user, pk: int, queryset: QuerySet | None = None) -> Member:
    """A member's page: approved members see approved members; coordinators see everyone."""
    require_member(user)
    qs = queryset if queryset is not None else Member.objects.all()
    if not is_coordinator(user):
        qs = qs.filter(status=Member.Status.APPROVED, is_active=True)
    try:
        return qs.get(pk=pk)
    except (Member.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _get_or_404(qs: QuerySet, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_pending_sign_up_for(user, pk) -> Member:
    """A sign-up that waits for a decision: coordinators only (403); decided or unknown: 404."""
    require_coordinator(user)
    return _get_or_404(Member.objects.filter(status=Member.Status.PENDING), pk)


def get_member_to_manage(user, pk) -> Member:
    """Any member, for the roles page: coordinators only (403); unknown: 404."""
    require_coordinator(user)
    return _get_or_404(Member.objects.select_related("organisation"), pk)


def get_theme_for(user, pk):
    from .models import Theme

    require_coordinator(user)
    return _get_or_404(Theme.objects.all(), pk)


def get_consent_text_for(user, pk):
    from .models import ConsentText

    require_coordinator(user)
    return _get_or_404(ConsentText.objects.all(), pk)
