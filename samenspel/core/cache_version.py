"""The content version: when cached page fragments must be rendered afresh.

The home page, the circle list, a circle page and the member directory cache their expensive,
viewer-independent parts (see docs/performance.md). Each fragment's key holds the content
version, one integer in the database (`core.ContentVersion`). Every write to data those pages
show bumps it, so the next request of every process misses the old fragments and renders anew.

Why the version is in the database and not in the cache: each gunicorn worker has its own
local-memory cache. A number kept there would change in one worker only, and the others would
serve old fragments. One small query per request (`versions(request)`, memoised on the request)
lets every process see a change at once.

Why signals: invalidation must not depend on every service (today's and tomorrow's) remembering
to call it. The receivers below hold no business logic; they only say "something shown changed".
Writes that send no signals (`bulk_create`, `QuerySet.update`) must call `bump()` themselves.

Which models: each app says so itself in its `AppConfig.ready()` with `bump_on(...)`,
`bump_on_m2m(...)` and (members) `consent_version_from(...)`; core imports no app.

The bump is an `UPDATE ... SET value = value + 1` inside the writer's transaction: the new number
and the new data become visible together, so no reader can cache old data under the new number.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

ROW_ID = 1
REQUEST_ATTRIBUTE = "_samenspel_versions"


@dataclass(frozen=True)
class Versions:
    content: int
    consent: int  # version of the newest published consent text; 0 when there is none


# How to read the newest published consent text's version; set by the app that owns the texts.
_consent_source = None


def _current_consent_version() -> int:
    return _consent_source() if _consent_source is not None else 0


def _create_row():
    from .models import ContentVersion

    try:
        with transaction.atomic():
            return ContentVersion.objects.create(pk=ROW_ID, consent_version=_current_consent_version())
    except IntegrityError:  # another process made it at the same moment
        return ContentVersion.objects.get(pk=ROW_ID)


def read() -> Versions:
    """One query: the content version and the current consent text version.

    Plain SQL: it runs on every request, and building the ORM query cost more than running it.
    """
    from django.db import connection

    from .models import ContentVersion

    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        # The table name comes from the model, quoted; the id is a parameter.
        cursor.execute(f"SELECT value, consent_version FROM {table} WHERE id = %s", [ROW_ID])  # noqa: S608 - see above
        row = cursor.fetchone()
    if row is None:
        created = _create_row()
        row = (created.value, created.consent_version)
    return Versions(content=row[0], consent=row[1])


def versions(request) -> Versions:
    """The versions for this request: read once, then kept on the request."""
    found = getattr(request, REQUEST_ATTRIBUTE, None)
    if found is None:
        found = read()
        setattr(request, REQUEST_ATTRIBUTE, found)
    return found


def content_version(request) -> int:
    return versions(request).content


def bump() -> None:
    """Say that data shown on the cached pages changed (never read-modify-save)."""
    from .models import ContentVersion

    if not ContentVersion.objects.filter(pk=ROW_ID).update(value=F("value") + 1):
        _create_row()
        ContentVersion.objects.filter(pk=ROW_ID).update(value=F("value") + 1)


def refresh_consent_version() -> None:
    """Store the version of the newest published consent text (after any change to the texts)."""
    from .models import ContentVersion

    if not ContentVersion.objects.filter(pk=ROW_ID).update(consent_version=_current_consent_version()):
        _create_row()


# --- the registry: apps say what the cached pages show ------------------------------------

UID = "samenspel.core.cache_version"

# Per model: fields whose change alone is not shown on the cached pages (a login saves last_login).
_FIELDS_NOT_SHOWN: dict = {}


def _on_saved(sender, update_fields=None, **kwargs):
    not_shown = _FIELDS_NOT_SHOWN.get(sender)
    if not_shown and update_fields is not None and set(update_fields) <= not_shown:
        return
    bump()


def _on_deleted(sender, **kwargs):
    bump()


def _on_m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def _on_consent_text_changed(sender, **kwargs):
    refresh_consent_version()


def bump_on(*models, fields_not_shown=()) -> None:
    """Bump the content version on every save and delete of these models.

    A save that writes only `fields_not_shown` (`save(update_fields=...)`) does not bump.
    """
    for model in models:
        if fields_not_shown:
            _FIELDS_NOT_SHOWN[model] = frozenset(fields_not_shown)
        post_save.connect(_on_saved, sender=model, dispatch_uid=f"{UID}.save.{model._meta.label}")
        post_delete.connect(_on_deleted, sender=model, dispatch_uid=f"{UID}.delete.{model._meta.label}")


def bump_on_m2m(*through_models) -> None:
    """Bump the content version when rows are added to or removed from these many-to-many tables."""
    for through in through_models:
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

# How long a fragment stays in the cache. A change makes new keys at once; this only bounds
# how long fragments of old versions take up room (LocMemCache also culls at MAX_ENTRIES).
FRAGMENT_SECONDS = 60 * 60


def fragment_context(request) -> dict:
    """What every `{% cache %}` key on the cached pages holds: content version and language."""
    from django.utils.translation import get_language

    return {
        "content_version": content_version(request),
        "cache_language": get_language() or "",
        "fragment_seconds": FRAGMENT_SECONDS,
    }


def cache_key(request, parts: tuple) -> str:
    """A low-level cache key under the request's content version; `parts` are short strings."""
    import hashlib

    from django.utils.translation import get_language

    digest = hashlib.md5(repr(tuple(parts)).encode(), usedforsecurity=False).hexdigest()
    return f"samenspel:v{content_version(request)}:{get_language() or ''}:{digest}"


def cached(request, parts: tuple, compute):
    """`compute()` once per content version (and language) in this process's cache.

    `compute` may raise (e.g. Http404): nothing is cached then.
    """
    from django.core.cache import caches

    key = cache_key(request, parts)
    value = caches["pages"].get(key)
    if value is None:
        value = compute()
        caches["pages"].set(key, value, FRAGMENT_SECONDS)
    return value
