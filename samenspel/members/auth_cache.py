"""The logged-in member from the cache, checked against their row at every request.

Django loads the member from the database on every request of a logged-in person (a whole
row, through the ORM). Here the member is kept in the cache under their own version
(`member:<id>`, samenspel.core.cache_version), which every save of the member bumps (but a save
of `last_login` alone), and their deletion; so a member changed through the ORM is loaded fresh
at the very next request, in every worker.

Writes that send no signal (`QuerySet.update`, `bulk_update`, plain SQL) do not bump the
version. So the cache alone would let a member deactivated that way stay logged in until the
entry expires. To be exact, every request reads the columns that decide what a person may do
(`GUARD_FIELDS`: active, status, roles, password) in the same query as the cache versions the
request needs (the consent version, the member's own, the keys the view declares), which the
gates of members.middleware read anyway: one small query per request, as before.
The cached member is used only when all of them still equal the row; else Django's own
`get_user` runs, which refuses an inactive or deleted member and logs out a session whose
password changed. See docs/performance.md, "The logged-in member".
"""

from functools import cache

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from samenspel.core import cache_version, member_counts

from .models import Member

# A member stays at most this long in the cache; a change makes a new key at once.
CACHE_SECONDS = 10 * 60

# The member's columns that decide whether and as whom a session may act.
GUARD_FIELDS = ("is_active", "status", "is_coordinator", "is_municipality_viewer", "is_superuser", "password")
_BOOLEAN_FIELDS = frozenset({"is_active", "is_coordinator", "is_municipality_viewer", "is_superuser"})


def _cache_key(user_id, version: int) -> str:
    """Under the member's own version."""
    return f"samenspel:member:{user_id}:v{version}"


def _guard(values) -> tuple:
    """The guard values in one form for both sides (SQLite gives booleans as 0 and 1)."""
    return tuple(bool(v) if f in _BOOLEAN_FIELDS else v for f, v in zip(GUARD_FIELDS, values, strict=True))


@cache
def _sql(vendor: str, version_columns: tuple[str, ...]) -> str:
    """The cache versions, the member's guard columns and the counts of `core.member_counts` (the
    unread messages of the menu), in one query (per database vendor and versions read)."""
    quote = connection.ops.quote_name
    columns = ", ".join(f"m.{quote(Member._meta.get_field(name).column)}" for name in GUARD_FIELDS)
    member_id = f"m.{quote(Member._meta.pk.column)}"
    counts = "".join(f", {sql(member_id)}" for _name, sql in member_counts.registered())
    # Names come from the models, quoted; keys and ids are parameters.
    return (
        f"SELECT {', '.join([*version_columns, columns])}{counts} "  # noqa: S608 - see above
        f"FROM (SELECT 1) AS {quote('one')} "
        f"LEFT JOIN {quote(Member._meta.db_table)} m ON m.{quote(Member._meta.pk.column)} = %s"
    )


def _read(request, member_pk) -> tuple | None:
    """The member's guard values (None when the row is gone); the request's versions are kept."""
    keys = cache_version.keys_to_read(request, [cache_version.CONSENT, f"member:{member_pk}"], member_pk=member_pk)
    version_columns, params = cache_version.columns(keys)
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor, tuple(version_columns)), [*params, member_pk])
        row = cursor.fetchone()
    cache_version.remember(request, cache_version.finish(dict(zip(keys, row[: len(keys)], strict=True))))
    row = row[len(keys) :]
    guard = row[: len(GUARD_FIELDS)]
    if guard[0] is None:
        return None
    names = [name for name, _sql in member_counts.registered()]
    member_counts.remember(request, dict(zip(names, row[len(GUARD_FIELDS) :], strict=True)))
    return _guard(guard)


def get_user(request):
    session = request.session
    try:
        user_id = session[auth.SESSION_KEY]
        backend_path = session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    try:
        member_pk = Member._meta.pk.to_python(user_id)
    except ValidationError:
        return auth.get_user(request)
    guard = _read(request, member_pk)
    own = f"member:{member_pk}"
    key = _cache_key(member_pk, cache_version.versions(request, own)[own])
    user = caches["pages"].get(key)
    if user is not None and guard is not None and _guard(getattr(user, f) for f in GUARD_FIELDS) == guard:
        session_hash = session.get(auth.HASH_SESSION_KEY)
        if session_hash and constant_time_compare(session_hash, user.get_session_auth_hash()):
            user.backend = backend_path
            member_counts.attach(request, user)
            return user
    # Django's own checks: no user when inactive or deleted; logs out on a wrong session hash.
    user = auth.get_user(request)
    if not user.is_authenticated:
        # Deactivated or deleted: end the session, so it does not come back with the account.
        session.flush()
        return user
    caches["pages"].set(key, user, CACHE_SECONDS)
    member_counts.attach(request, user)  # after caching: the counts are this request's only
    return user


class CachedMemberAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with `request.user` from `get_user` above."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))
