"""Gates a logged-in person must pass before using the site.

1. An approved coordinator sets up two-factor authentication (TOTP) first.
2. A member accepts the newest consent text (again, when the coordinator publishes a new one).
   The session remembers which version this member agreed to; each request compares it with
   the current version, read with the cache versions in one query (samenspel.core.cache_version),
   so a newly published text is asked at the very next request without two queries each time.

Some pages stay open while a gate is closed: to log out, switch language, and pass the gate
itself (the 2FA pages, the reauthentication that activating 2FA asks for, and the email
confirmation that 2FA needs first).
"""

from functools import cache
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, empty

from samenspel.core.cache_version import consent_version
from samenspel.members.selectors import needs_consent

from .access import LoginRequired

# The session key holding (member id, consent text version) once the gate has seen the consent.
CONSENT_SESSION_KEY = "samenspel_consent_version"

ASSET_PREFIXES = ("/static/", "/media/", "/favicon")


# One-click unsubscribe links from emails: they work for anyone holding the link, so a member
# who still has to accept a new consent text can unsubscribe without accepting it first.
UNSUBSCRIBE_URL_NAMES = ("notifications:unsubscribe", "newsletter:unsubscribe")


def _prefix_of(name: str) -> str:
    return reverse(name, args=["token"]).removesuffix("token/")


@cache
def _open_prefixes() -> dict[str, tuple[str, ...]]:
    always = (
        *ASSET_PREFIXES,
        reverse("set_language"),
        reverse("account_logout"),
        *(_prefix_of(name) for name in UNSUBSCRIBE_URL_NAMES),
    )
    two_factor = (
        reverse("mfa_index"),  # every 2FA page lives under this path
        reverse("account_reauthenticate"),
        reverse("account_email"),
        reverse("account_email_verification_sent"),  # also the prefix of the emailed confirmation links
    )
    return {
        "totp": always + two_factor,
        # Who does not agree may still download their data or delete their account.
        "consent": always
        + two_factor
        + (reverse("members:consent"), reverse("members:my_data"), reverse("members:delete_account")),
    }


class MemberGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = _unwrapped(request)
        if user is not None and user.is_authenticated:
            response = self._gate(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _gate(self, request, user):
        path = request.path
        prefixes = _open_prefixes()
        if user.is_coordinator and user.is_approved and not path.startswith(prefixes["totp"]) and not _has_totp(user):
            return redirect("mfa_activate_totp")
        if not path.startswith(prefixes["consent"]) and _needs_consent(request, user):
            consent_url = reverse("members:consent")
            if request.method in ("GET", "HEAD"):
                return redirect(f"{consent_url}?{urlencode({'next': request.get_full_path()})}")
            return redirect(consent_url)
        return None


def _unwrapped(request):
    """The request's user, loaded: every page asks who it is, and each attribute read through Django's
    lazy wrapper costs a few calls more (a page reads about a hundred)."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            user._setup()
        user = request.user = user._wrapped
    return user


def _needs_consent(request, user) -> bool:
    current = consent_version(request)
    if current == 0:  # no consent text is published
        return False
    agreed = [user.pk, current]
    if request.session.get(CONSENT_SESSION_KEY) == agreed:
        return False
    if needs_consent(user):
        return True
    request.session[CONSENT_SESSION_KEY] = agreed
    return False


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class LoginRedirectMiddleware:
    """Sends a visitor who opened a members-only page to the login page, with `?next=` back to it.

    The access helpers raise `LoginRequired` (a 404) for an existing object hidden from visitors
    (see samenspel.members.access.hidden_from). Only GET and HEAD are redirected: after the login
    the browser opens `next` with GET.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, LoginRequired) or request.method not in ("GET", "HEAD"):
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return redirect_to_login(request.get_full_path())
