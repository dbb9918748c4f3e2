"""`unread_notifications`: the number in the menu.

Part of the key of the kept page header (core/templatetags/page_header.py). For a logged-in member it was read
with the member at the start of the request (`core.member_counts`, no query of its own); else it
is counted here, only when a template shows it.
"""

from django.utils.functional import SimpleLazyObject

from samenspel.core import member_counts

from .selectors import UNREAD_COUNT, unread_count


def unread(request):
    def count() -> int:
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated):
            return 0
        known = member_counts.get(request, UNREAD_COUNT)
        return unread_count(user) if known is None else known

    return {"unread_notifications": SimpleLazyObject(count)}
