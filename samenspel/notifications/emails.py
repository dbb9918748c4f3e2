"""The links of notification emails, made when the worker sends them (see samenspel.core.emails).

Every notification email may be stopped in one click: the unsubscribe link holds a signed token
naming the member and the kinds it stops (`core.unsubscribe`); no login is needed.
"""

from django.conf import settings
from django.urls import reverse

from samenspel.core.emails import LIST_UNSUBSCRIBE, Extras, email_builder
from samenspel.core.unsubscribe import make_token

from . import messages
from .models import Kind

SCOPE = "notifications"


def unsubscribe_token(*, member_id: int, kinds: list[str]) -> str:
    return make_token(scope=SCOPE, value={"m": member_id, "k": sorted(kinds)})


def unsubscribe_url(*, member_id: int, kinds: list[str]) -> str:
    token = unsubscribe_token(member_id=member_id, kinds=kinds)
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def _common(member_id: int, kinds: list[str]) -> dict:
    return {
        "settings_url": settings.SITE_URL + reverse("notifications:settings"),
        "list_url": settings.SITE_URL + reverse("notifications:list"),
        LIST_UNSUBSCRIBE: unsubscribe_url(member_id=member_id, kinds=kinds),
    }


@email_builder
def notification_extras(*, context, secret) -> Extras:
    """One notification: its sentence and link, in the recipient's language (the worker's)."""
    notification = context["notification"]
    return {
        "text": messages.text(kind=notification.kind, message=notification.message, params=notification.params),
        "kind_label": Kind(notification.kind).label,
        "url": settings.SITE_URL + notification.link,
        **_common(notification.recipient_id, [notification.kind]),
    }, []


@email_builder
def summary_extras(*, context, secret) -> Extras:
    """A summary: the notifications grouped by kind, each kind with its own unsubscribe link;
    the List-Unsubscribe header stops every kind in this summary."""
    notifications = context["notifications"]
    member_id = notifications[0].recipient_id
    groups: dict[str, list] = {}
    for notification in notifications:
        groups.setdefault(notification.kind, []).append(
            {
                "text": messages.text(kind=notification.kind, message=notification.message, params=notification.params),
                "url": settings.SITE_URL + notification.link,
                "created_at": notification.created_at,
            }
        )
    kinds = [kind for kind in Kind.values if kind in groups]  # in the order of the settings page
    return {
        "groups": [
            {
                "label": Kind(kind).label,
                "items": groups[kind],
                "unsubscribe_url": unsubscribe_url(member_id=member_id, kinds=[kind]),
            }
            for kind in kinds
        ],
        "count": len(notifications),
        **_common(member_id, kinds),
    }, []
