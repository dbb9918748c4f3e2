"""Cache versions: when a cached page fragment must be rendered afresh, per thing it shows.

Cached fragments (see docs/performance.md, "The cache design") hold in their key the versions of
the things they show: `circle:kring-onderzoek` for a circle page, `member:42` for a member's
menu and the cached member, `round:7` for a published reactienota, `monitor` for the monitor.
Each version is a row of `core.CacheVersion` (key, family, value). A key ending in `:*` is a
listing: the sum of the values of its family (`circle:*`: every circle's key), so a write to one
circle changes the circle list's version without a shared row that every writer would lock. A
family with very many things (members) is kept to a few shard rows by its app instead
(`members:<id % 64>`, see members.cache_keys), so the sum stays cheap.

Reading: a page reads every key it needs in one query (`versions(request, *keys)`, memoised on
the request). A view declares its keys with `@keyed("circle:{slug}")`, so the first read of the
request (for logged-in members: the auth query of `members.auth_cache`, before the view runs)
already holds them. A key asked for later costs one more query, never a wrong page: the
declarations only decide what is read up front.

Writing: `bump(*keys)` is one `INSERT ... ON CONFLICT (key) DO UPDATE SET value = value + 1` in
the writer's transaction, keys in sorted order (the row locks are taken in that order: no
deadlock between two bumps). The new number and the new data become visible together, so no
reader caches old data under a new number; two writes to different things lock different rows
and never wait for each other. Values only grow, so a family's sum grows with every bump.

Why the versions are in the database and not in a cache: each process has its own local-memory
cache; only the database is shared, so every process (and every server) sees a change at its
next request.

Why signals: invalidation must not depend on every service remembering it. Each app says in its
`AppConfig.ready()` which keys a save or delete of its models bumps, computed from the instance
(`bump_on(CircleUpdate, lambda update: [...])`); core imports no app. Writes that send no
signals (`bulk_create`, `QuerySet.update`) call `bump()` themselves.

The consent version (the newest published consent text, 0: none) is the row `consent`, set (not
raised) whenever a consent text changes; the members' consent gate reads it in the same query.
"""

from collections.abc import Callable, Iterable
from functools import lru_cache, wraps

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

REQUEST_ATTRIBUTE = "_samenspel_versions"
CONSENT = "consent"

# How long a fragment stays in the cache. A change makes new keys at once; this only bounds
# how long fragments of old versions take up room (LocMemCache also culls at MAX_ENTRIES).
FRAGMENT_SECONDS = 60 * 60


def family_of(key: str) -> str:
    return key.split(":", 1)[0]


def is_listing(key: str) -> bool:
    return key.endswith(":*")


# --- reading -----------------------------------------------------------------------------


def _table() -> str:
    from .models import CacheVersion

    return connection.ops.quote_name(CacheVersion._meta.db_table)


def columns(keys: Iterable[str]) -> tuple[list[str], list[str]]:
    """One scalar subquery per key (SQL, parameters): a listing sums its family, a key is its row."""
    table, quote = _table(), connection.ops.quote_name
    sql, params = [], []
    for key in keys:
        if is_listing(key):
            # Names come from the model, quoted; the family and the key are parameters.
            sql.append(f"(SELECT COALESCE(SUM({quote('value')}), 0) FROM {table} WHERE {quote('family')} = %s)")  # noqa: S608 - table and column names from the model, quoted; values are parameters
            params.append(family_of(key))
        else:
            sql.append(f"(SELECT {quote('value')} FROM {table} WHERE {quote('key')} = %s)")  # noqa: S608 - table and column names from the model, quoted; values are parameters
            params.append(key)
    return sql, params


def read(*keys: str) -> dict[str, int]:
    """The versions of `keys` in one query (a key without a row is 0)."""
    if not keys:
        return {}
    sql, params = columns(keys)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(sql), params)
        row = cursor.fetchone()
    return finish(dict(zip(keys, row, strict=True)))


def read_family(family: str) -> dict[str, int]:
    """Every key of `family` that has a row, with its value (a key without a row is 0): for a
    listing assembled from its things' own cached parts (`circles.cards`)."""
    table, quote = _table(), connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('key')}, {quote('value')} FROM {table} WHERE {quote('family')} = %s",  # noqa: S608 - table and column names from the model, quoted; values are parameters
            [family],
        )
        return {key: int(value) for key, value in cursor.fetchall()}


def finish(values: dict) -> dict[str, int]:
    """Values as read: a missing consent row is made (once) from the consent texts."""
    if CONSENT in values and values[CONSENT] is None:
        values[CONSENT] = refresh_consent_version()
    return {key: int(value or 0) for key, value in values.items()}


def keyed(*keys: str, for_members: Callable | None = None):
    """Declare the keys a view's page reads (`"circle:{slug}"` is filled from the URL's arguments),
    so that the request's first read of versions holds them: one query for all.

    for_members: a function giving more keys (`"member:{user}"`: the member's id filled in) that
    the page reads only for a logged-in member, read up front with theirs (the home page's items).
    """

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.cache_version_keys = keys
        wrapper.cache_version_member_keys = for_members
        return wrapper

    return decorate


def _declared(func, kwargs: dict) -> tuple[str, ...]:
    try:
        return tuple(key.format(**kwargs) for key in getattr(func, "cache_version_keys", ()))
    except (KeyError, IndexError):  # a key names an argument the URL does not have
        return ()


@lru_cache(maxsize=4096)
def _resolved(urlconf, path: str):
    """Before the view runs (the auth query) Django has not resolved the path yet: resolve it here,
    once per path and process (40-150 µs each time otherwise). (view, kwargs), or None."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return match.func, match.kwargs


def _view_of(request):
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.func, match.kwargs
    return _resolved(getattr(request, "urlconf", None), request.path_info)


def declared_keys(request, member_pk=None) -> tuple[str, ...]:
    """The keys the request's view declares with `@keyed` (with its keys for members when
    `member_pk` is given); () for other views or unknown paths."""
    found = _view_of(request)
    if found is None:
        return ()
    func, kwargs = found
    keys = _declared(func, kwargs)
    for_members = getattr(func, "cache_version_member_keys", None)
    if member_pk is not None and for_members is not None:
        keys = (*keys, *(key.format(user=member_pk) for key in for_members()))
    return keys


def keys_to_read(request, keys: Iterable[str], *, member_pk=None) -> list[str]:
    """`keys` not read yet on this request, with (the first time) the view's declared keys, and its
    keys for members when the first read is for the logged-in member `member_pk`."""
    known = getattr(request, REQUEST_ATTRIBUTE, None)
    if known is None:
        known = {}
        setattr(request, REQUEST_ATTRIBUTE, known)
        keys = [*keys, *declared_keys(request, member_pk)]
    return sorted({key for key in keys if key not in known})


def remember(request, values: dict[str, int]) -> None:
    getattr(request, REQUEST_ATTRIBUTE).update(values)


def versions(request, *keys: str) -> dict[str, int]:
    """The versions of `keys` for this request: read once (one query for all missing), then kept."""
    missing = keys_to_read(request, keys)
    if missing:
        remember(request, read(*missing))
    known = getattr(request, REQUEST_ATTRIBUTE)
    return {key: known[key] for key in keys}


def consent_version(request) -> int:
    return versions(request, CONSENT)[CONSENT]


# --- writing -----------------------------------------------------------------------------


def bump(*keys: str) -> None:
    """Say that data shown under these keys changed: raise each by one (rows made when missing).

    One statement, keys sorted (lock order), in the caller's transaction; never read-modify-save.
    """
    unique = sorted({key for key in keys if key})
    if not unique:
        return
    if any(is_listing(key) or key == CONSENT for key in unique):
        raise ValueError("bump the keys of the things that changed, not a listing or the consent version")
    table, quote = _table(), connection.ops.quote_name
    rows = ", ".join(["(%s, %s, 1)"] * len(unique))
    params = [part for key in unique for part in (key, family_of(key))]
    with connection.cursor() as cursor:
        cursor.execute(
            # Names come from the model, quoted; keys and families are parameters.
            f"INSERT INTO {table} ({quote('key')}, {quote('family')}, {quote('value')}) VALUES {rows} "  # noqa: S608 - table and column names from the model, quoted; values are parameters
            f"ON CONFLICT ({quote('key')}) DO UPDATE SET {quote('value')} = {table}.{quote('value')} + 1",
            params,
        )


# How to read the newest published consent text's version; set by the app that owns the texts.
_consent_source = None


def refresh_consent_version() -> int:
    """Store the version of the newest published consent text (after any change to the texts)."""
    value = _consent_source() if _consent_source is not None else 0
    table, quote = _table(), connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('key')}, {quote('family')}, {quote('value')}) VALUES (%s, %s, %s) "  # noqa: S608 - table and column names from the model, quoted; values are parameters
            f"ON CONFLICT ({quote('key')}) DO UPDATE SET {quote('value')} = %s",
            [CONSENT, CONSENT, value, value],
        )
    return value


# --- the registry: apps say which keys a change of their models bumps --------------------

UID = "samenspel.core.cache_version"

# Per model: (keys of an instance, fields whose change alone is not shown under those keys,
# the only fields shown under them: empty for every field).
_on_model: dict = {}
# Per many-to-many table: keys of (ids on the side of the model with the field, ids on the other).
_on_m2m: dict = {}


def _on_saved(sender, instance, update_fields=None, **kwargs):
    keys = []
    for keys_of, not_shown, shown in _on_model.get(sender, ()):
        if update_fields is not None and _nothing_shown(set(update_fields), not_shown, shown):
            continue
        keys.extend(keys_of(instance))
    bump(*keys)


def _nothing_shown(fields: set, not_shown: frozenset, shown: frozenset) -> bool:
    """Whether a save of only `fields` changes nothing shown under a registration's keys."""
    return bool(not_shown and fields <= not_shown) or bool(shown and not fields & shown)


def keys_of(instance) -> list[str]:
    """Every key that a save of `instance` would bump (for writes that send no signals)."""
    return [key for keys_of, *_fields in _on_model.get(type(instance), ()) for key in keys_of(instance)]


def bump_for(*instances) -> None:
    """Bump what a save of each instance would (after `bulk_update` or `QuerySet.update`)."""
    bump(*(key for instance in instances for key in keys_of(instance)))


def _on_deleting(sender, instance, **kwargs):
    """Before the delete: the keys may come from rows the delete removes or unlinks (a member's
    memberships, their comments' author), and the bump is in the same transaction anyway."""
    bump(*keys_of(instance))


def _m2m_sides(through, instance, model) -> tuple[str, str]:
    """The through table's columns for (instance's side, the other side: `model`'s)."""
    fields = [f for f in through._meta.get_fields() if f.is_relation and f.many_to_one]
    mine = next(f for f in fields if issubclass(type(instance), f.related_model))
    other = next(f for f in fields if f is not mine and issubclass(model, f.related_model))
    return mine.attname, other.attname


def _on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear":  # the ids are gone after the clear: note them now
        mine, other = _m2m_sides(sender, instance, model)
        instance._samenspel_cleared = set(sender.objects.filter(**{mine: instance.pk}).values_list(other, flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    others = instance.__dict__.pop("_samenspel_cleared", set()) if action == "post_clear" else set(pk_set or ())
    sources, targets = (others, {instance.pk}) if reverse else ({instance.pk}, others)
    bump(*(key for keys_of in _on_m2m.get(sender, ()) for key in keys_of(sources, targets)))


def _on_consent_text_changed(sender, **kwargs):
    refresh_consent_version()


def bump_on(model, keys: Callable, *, fields_not_shown=(), fields_shown=()) -> None:
    """On every save and delete of `model`, bump `keys(instance)` (an iterable of keys).

    A model may be registered by several apps (each for what it shows). A save that writes only
    `fields_not_shown`, or none of `fields_shown` (`save(update_fields=...)`), does not bump that
    registration's keys; a save of every field (no `update_fields`) and a delete always do.
    `fields_shown` is for keys that show a few fields of a model with many (a member's name on a
    circle page: a new bio must not render every circle they are in again, see
    docs/performance.md "At 100×").
    """
    if fields_not_shown and fields_shown:
        raise ValueError("say which fields are shown or which are not, not both")
    _on_model.setdefault(model, []).append((keys, frozenset(fields_not_shown), frozenset(fields_shown)))
    post_save.connect(_on_saved, sender=model, dispatch_uid=f"{UID}.save.{model._meta.label}")
    pre_delete.connect(_on_deleting, sender=model, dispatch_uid=f"{UID}.delete.{model._meta.label}")


def bump_on_m2m(through, keys: Callable) -> None:
    """When rows are added to or removed from this many-to-many table, bump `keys(sources, targets)`:
    the ids on the side of the model that has the field, and the ids on the other side."""
    _on_m2m.setdefault(through, []).append(keys)
    m2m_changed.connect(_on_m2m_changed, sender=through, dispatch_uid=f"{UID}.m2m.{through._meta.label}")


def consent_version_from(read_version, *models) -> None:
    """`read_version()` gives the newest published consent text's version (0: none); a save or
    delete of `models` stores it anew. Called once, by the app that owns the consent texts."""
    global _consent_source  # one source, set once at start-up
    _consent_source = read_version
    for model in models:
        post_save.connect(
            _on_consent_text_changed, sender=model, dispatch_uid=f"{UID}.consent.save.{model._meta.label}"
        )
        post_delete.connect(
            _on_consent_text_changed, sender=model, dispatch_uid=f"{UID}.consent.delete.{model._meta.label}"
        )


# --- for views and templates -------------------------------------------------------------


def stamp(request, keys: Iterable[str]) -> str:
    """The versions of `keys` as one short string for a cache key: `circle:*=12`."""
    keys = tuple(keys)
    found = versions(request, *keys)
    return ",".join(f"{key}={found[key]}" for key in keys)


def fragment_context(request, *keys: str) -> dict:
    """What the page's `{% cache %}` keys hold: the versions of `keys` and the language."""
    from django.utils.translation import get_language

    return {
        "cache_versions": stamp(request, keys),
        "cache_language": get_language() or "",
        "fragment_seconds": FRAGMENT_SECONDS,
    }


def cache_key(request, parts: tuple, *, keys: Iterable[str]) -> str:
    """A low-level cache key under the versions of `keys`; `parts` are short strings."""
    import hashlib

    from django.utils.translation import get_language

    digest = hashlib.md5(repr(tuple(parts)).encode(), usedforsecurity=False).hexdigest()
    return f"samenspel:{stamp(request, keys)}:{get_language() or ''}:{digest}"


def cached(request, parts: tuple, compute, *, keys: Iterable[str], seconds: int = FRAGMENT_SECONDS):
    """`compute()` once per versions of `keys` (and language) in this process's cache, at most `seconds`.

    `compute` may raise (e.g. Http404): nothing is cached then.
    """
    from django.core.cache import caches

    key = cache_key(request, parts, keys=keys)
    value = caches["pages"].get(key)
    if value is None:
        value = compute()
        caches["pages"].set(key, value, seconds)
    return value
