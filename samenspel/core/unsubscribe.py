"""One-click unsubscribe links (RFC 8058): a signed token in the link, no login.

An app that sends emails that are not strictly transactional (notifications, the newsletter):

1. signs what one link stops with `make_token(scope="...", value=...)` (small plain values, e.g.
   `{"m": member.pk, "k": "circle_update"}`: no email address, nothing secret);
2. serves `unsubscribe_view(...)` at a URL of its own holding the token
   (`path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe")`);
3. returns the absolute URL from its `@email_builder` under `emails.LIST_UNSUBSCRIBE`, so the
   email gets `List-Unsubscribe` and `List-Unsubscribe-Post` and a footer with the link.

The view:
- GET (and HEAD) shows what the link stops and a button; it changes nothing, because mail
  scanners and link previews follow links;
- POST (that button, or the mail program's `List-Unsubscribe=One-Click`) unsubscribes at once,
  with no confirmation page, no login and no CSRF token: a mail program has neither session nor
  token, and the signature is what allows the change (it can only switch emails off);
- a tampered or truncated token answers 400 with a page that says so;
- a token used again answers 200 "you were already unsubscribed" (`apply` returns False).

The signature uses SECRET_KEY (and SECRET_KEY_FALLBACKS, so links in sent emails survive a key
rotation); one salt per scope, so a token of one app is no token of another. Links do not expire:
an old email must still let its reader stop the next one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

TEMPLATE = "core/unsubscribe.html"


def _salt(scope: str) -> str:
    return f"samenspel.unsubscribe.{scope}"


def make_token(*, scope: str, value) -> str:
    """A URL-safe signed token holding `value` (JSON-serialisable plain values)."""
    return signing.dumps(value, salt=_salt(scope), compress=True)


def read_token(*, scope: str, token: str):
    """The value signed in `token`; raises `signing.BadSignature` when it was changed or is of another scope."""
    return signing.loads(token, salt=_salt(scope))


@dataclass(frozen=True)
class Subscription:
    """What a link stops, for the page: `what` is a sentence part a person reads ("emails about …");
    `active` is False when there is nothing left to stop (already unsubscribed, or the person is gone)."""

    what: str
    active: bool


def unsubscribe_view(
    *,
    scope: str,
    lookup: Callable[[object], Subscription],
    apply: Callable[[object], bool],
    template: str = TEMPLATE,
):
    """A view `(request, token)` for one app's unsubscribe links.

    `lookup(value)` says what the link stops; `apply(value)` unsubscribes and returns True when
    it changed something, False when it was already done. Both get the value of `make_token`.
    """

    @csrf_exempt  # see the module docstring: the signed token, not a session, allows this POST
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request, token: str):
        try:
            value = read_token(scope=scope, token=token)
        except signing.BadSignature:
            return render(request, template, {"state": "invalid"}, status=400)
        if request.method == "POST":
            changed = apply(value)
            state = "done" if changed else "already"
            return render(request, template, {"state": state, "subscription": lookup(value)})
        subscription = lookup(value)
        state = "confirm" if subscription.active else "already"
        return render(request, template, {"state": state, "subscription": subscription})

    return view
