"""Signed tokens for the newsletter's links: confirming a subscription, and one-click unsubscribe.

Nothing is stored for them: the link holds the row's id, signed with SECRET_KEY (and its
fallbacks). No address is in a link. A changed token fails its signature check.

- Confirm: `{"s": subscriber id, "t": when it was made}`, valid for SUBSCRIBE_CONFIRM_DAYS.
- Unsubscribe: `{"o": opt-in id}` for a member, `{"s": subscriber id}` for a public subscriber.
  It never expires (an old email must still let its reader stop the next one); once used, the
  row it names is withdrawn or gone, so using it again changes nothing.
  The salt follows `samenspel.core.unsubscribe` ("samenspel.unsubscribe.<scope>"), so links
  stay valid when this module uses that one.
"""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "samenspel.newsletter.confirm"
UNSUBSCRIBE_SCOPE = "newsletter"


def confirm_days() -> int:
    return getattr(settings, "SUBSCRIBE_CONFIRM_DAYS", 7)


def make_confirm_token(subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "t": int(subscriber.created_at.timestamp())}, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> dict:
    """The value; raises `signing.SignatureExpired` when too old, `signing.BadSignature` when changed."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_days() * 24 * 3600)


def _unsubscribe_salt() -> str:
    return f"samenspel.unsubscribe.{UNSUBSCRIBE_SCOPE}"


def make_unsubscribe_token(*, opt_in_id: int | None = None, subscriber_id: int | None = None) -> str:
    value = {"o": opt_in_id} if opt_in_id is not None else {"s": subscriber_id}
    return signing.dumps(value, salt=_unsubscribe_salt(), compress=True)


def read_unsubscribe_token(token: str) -> dict:
    """The value; raises `signing.BadSignature` when the token was changed or is of another kind."""
    value = signing.loads(token, salt=_unsubscribe_salt())
    if not isinstance(value, dict) or not any(isinstance(value.get(key), int) for key in ("o", "s")):
        raise signing.BadSignature("not a newsletter unsubscribe token")
    return value
