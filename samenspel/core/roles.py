"""Who is who: the role predicates every app's access rules use, and `require_coordinator`.

Plain functions of the user (no app imported). Object rules (may this person see or change this
thing) live in each app's `access.py`; organisation access in `organisations/access.py`.
"""

from django.core.exceptions import PermissionDenied


def is_approved_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_approved)


def is_coordinator(user) -> bool:
    return bool(is_approved_member(user) and user.is_coordinator)


def is_municipality_viewer(user) -> bool:
    return bool(is_approved_member(user) and user.is_municipality_viewer)


def require_coordinator(user) -> None:
    """Coordinators only; anyone else gets 403 (views send visitors to log in first)."""
    if not is_coordinator(user):
        raise PermissionDenied
