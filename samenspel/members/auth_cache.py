"""The logged-in member from the cache, under the content version: no member query per request.

Django loads the member from the database on every request of a logged-in person. Here the
member is kept in the cache under the content version (samenspel.core.cache_version), which
every save of a member bumps (but a save of `last_login` alone), and every deletion. The
version is read once per request anyway (the gates of members.middleware need it), so a
cached member costs no query at all, and a changed member is loaded fresh at the very next
request, in every worker.

The session check is Django's own: the cached member's session hash (from the password)
must match the session's, or Django's `get_user` runs, which logs the person out.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from samenspel.core.cache_version import content_version

# A member stays at most this long in the cache; a change makes a new key at once.
CACHE_SECONDS = 10 * 60


def _cache_key(user_id, version: int) -> str:
    return f"samenspel:member:{user_id}:v{version}"


def get_user(request):
    session = request.session
    try:
        user_id = session[auth.SESSION_KEY]
        backend_path = session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    key = _cache_key(user_id, content_version(request))
    user = caches["pages"].get(key)
    if user is not None:
        session_hash = session.get(auth.HASH_SESSION_KEY)
        if session_hash and constant_time_compare(session_hash, user.get_session_auth_hash()):
            user.backend = backend_path
            return user
    user = auth.get_user(request)  # Django's own checks: logs out on a wrong session hash
    if user.is_authenticated:
        caches["pages"].set(key, user, CACHE_SECONDS)
    return user


class CachedMemberAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with `request.user` from `get_user` above."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))
