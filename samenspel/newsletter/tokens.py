"""Signed tokens for the newsletter's links: confirming a subscription, and one-click unsubscribe.

Nothing is stored for them: the link holds the row's id, signed with SECRET_KEY (and its
fallbacks). No address is in a link. A changed token fails its signature check.

- Confirm: `{"s": subscriber id, "t": when it was made}`, valid for SUBSCRIBE_CONFIRM_DAYS.
- Unsubscribe: `{"o": opt-in id}` for a member, `{"s": subscriber id}` for a public subscriber.
  Made and read by `samenspel.core.unsubscribe` (scope "newsletter"), which also serves the page.
  It never expires (an old email must still let its reader stop the next one); once used, the
  row it names is withdrawn or gone, so using it again changes nothing.
"""

from django.conf import settings
from django.core import signing

from samenspel.core import unsubscribe

CONFIRM_SALT = "samenspel.newsletter.confirm"
UNSUBSCRIBE_SCOPE = "newsletter"


def confirm_days() -> int:
    return getattr(settings, "SUBSCRIBE_CONFIRM_DAYS", 7)


def make_confirm_token(subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "t": int(subscriber.created_at.timestamp())}, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> dict:
    """The value; raises `signing.SignatureExpired` when too old, `signing.BadSignature` when changed."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_days() * 24 * 3600)


def make_unsubscribe_token(*, opt_in_id: int | None = None, subscriber_id: int | None = None) -> str:
    value = {"o": opt_in_id} if opt_in_id is not None else {"s": subscriber_id}
    return unsubscribe.make_token(scope=UNSUBSCRIBE_SCOPE, value=value)


def unsubscribe_target(value) -> tuple[str, int] | None:
    """("o", opt-in id) or ("s", subscriber id) from a token's value; None when it names neither."""
    if isinstance(value, dict):
        for key in ("o", "s"):
            if isinstance(value.get(key), int) and not isinstance(value.get(key), bool):
                return key, value[key]
    return None
