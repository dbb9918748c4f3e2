"""The home page per role: what to do next, as items the apps add, so the roof imports none of them.

A logged-in, approved person sees one section per role they have (coordinator, kartrekker,
organisation representative, municipality viewer, member), each a list of items that link to the
page of the action, or a plain "nothing waits for you".

Two kinds of registration, both in an app's `AppConfig.ready()`:

- `add_role(key, heading=..., finds=..., position=...)`: the app that knows who has the role.
  `finds(user)` returns the role's scope (what the items are about: the circles the person
  leads, the organisations they represent) or something falsy when the person lacks the role. It
  runs once per request; its result is handed to every provider of the role. Core adds the roles
  it can tell from the person alone (coordinator, municipality viewer, member); circles adds
  KARTREKKER, organisations adds ORGANISATION.
- `add_items(key, provider, position=...)`: an app with something to say to a role.
  `provider(user, scope)` returns a list of `Item` (empty: nothing to do). A provider costs a fixed
  number of queries whatever the data (the page's query count is tested per role).

Items are computed for the person who asks and never shared across people: who may see what is
decided here, outside every cached fragment (see `cache_version`). A role or provider that names
the cache versions its answer depends on (`keys=`, e.g. `("meeting:*", "member:{user}")`: `{user}`
is the person's id) is kept per person in this process's cache under those versions, so the next
request after a change reads it again (docs/performance.md, "The member's home page"); at most
HOME_SECONDS, because "upcoming", "closes" and "the last two weeks" change with the clock alone.
Without `keys=` it runs for every request.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .roles import is_approved_member, is_coordinator, is_municipality_viewer

COORDINATOR = "coordinator"
KARTREKKER = "kartrekker"
ORGANISATION = "organisation"
MUNICIPALITY = "municipality"
MEMBER = "member"

# The most items one provider shows of one kind; it reads one row more to know there are more.
LIMIT = 5


@dataclass(frozen=True)
class Item:
    """One thing on the home page: a link to the page of the action.

    count: how many (sign-ups, requests), shown as a badge beside the title; screen readers skip
    the badge, so `text` says the number in words too. when: a date or time that belongs to it (a
    meeting's start, a round's closing), shown after `when_label` ("Closes").
    """

    title: str
    url: str
    text: str = ""
    count: int | None = None
    when: datetime.datetime | datetime.date | None = None
    when_label: str = ""

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime.datetime)


@dataclass
class Role:
    key: str
    heading: str
    finds: Callable
    position: int
    empty: str
    providers: list = field(default_factory=list)  # (position, provider, keys or None)
    keys: tuple[str, ...] | None = None  # the versions `finds` depends on; None: not cached


@dataclass(frozen=True)
class Section:
    """A role's part of one person's home page."""

    key: str
    heading: str
    items: list[Item]
    empty: str


NOTHING_WAITS = _("Nothing is waiting for you.")

_roles: dict[str, Role] = {}


# How long a person's cached role or items may be old when no version changed (the clock's part).
HOME_SECONDS = 60


def add_role(key: str, *, heading, finds: Callable, position: int, empty=NOTHING_WAITS, keys=None) -> None:
    """Say who has the role `key` (`finds(user)`: the scope, or falsy). Registering it again replaces it.

    keys: the cache versions `finds` depends on (see the module's docstring); None: run per request.
    """
    providers = _roles[key].providers if key in _roles else []
    _roles[key] = Role(
        key=key, heading=heading, finds=finds, position=position, empty=empty, providers=providers, keys=keys
    )


def add_items(key: str, provider: Callable, *, position: int = 100, keys=None) -> None:
    """Register `provider(user, scope) -> list[Item]` for the role `key`; registering it again changes nothing.

    A provider may be added before its role (apps load in any order); a role nobody adds shows nothing.
    keys: the cache versions the items depend on (see the module's docstring); None: run per request.
    """
    if key not in _roles:
        _roles[key] = Role(key=key, heading="", finds=lambda user: None, position=10_000, empty=NOTHING_WAITS)
    providers = _roles[key].providers
    if all(found is not provider for _, found, _keys in providers):
        providers.append((position, provider, tuple(keys) if keys else None))
        providers.sort(key=lambda entry: entry[0])


def has_role(user, key: str) -> bool:
    """Whether `user` has the role `key` (e.g. KARTREKKER), as the home page decides it."""
    role = _roles.get(key)
    return bool(role and is_approved_member(user) and role.finds(user))


def sections_for(user, request=None) -> list[Section]:
    """The sections of `user`'s home page, one per role they have, in the roles' order. None for visitors
    and people whose sign-up waits. With the `request`, what names its keys is read from the cache."""
    if not is_approved_member(user):
        return []
    if request is not None:  # every version the roles and items name, in one query (if not read with the member's)
        from .cache_version import versions

        versions(request, *(key.format(user=user.pk) for key in member_keys()))
    sections = []
    for role in sorted(_roles.values(), key=lambda role: role.position):
        (scope,) = _kept(request, user, role.keys, ("home-role", role.key), lambda finds=role.finds: (finds(user),))
        if not scope:
            continue
        items = []
        for _position, provider, keys in role.providers:
            # The items hang on the scope too: its versions and what it holds (the circles led).
            kept = (*keys, *(role.keys or ())) if keys else None
            parts = ("home-items", role.key, _name(provider), _ids(scope))
            items.extend(
                _kept(request, user, kept, parts, lambda provider=provider, scope=scope: provider(user, scope))
            )
        sections.append(Section(key=role.key, heading=str(role.heading), items=items, empty=str(role.empty)))
    return sections


def member_keys() -> tuple[str, ...]:
    """Every version key the roles and items name (`{user}` not filled in), for the home view's
    `@keyed(for_members=...)`: read with the member's own version, in the request's first query."""
    keys = {"meeting:*"}  # the upcoming meetings beside the sections (meetings.selectors.upcoming_on_page)
    for role in _roles.values():
        keys.update(role.keys or ())
        for _position, _provider, provider_keys in role.providers:
            keys.update(provider_keys or ())
    return tuple(sorted(keys))


def _ids(scope) -> tuple:
    """What a scope holds, for a cache key: the ids of its rows (the person themselves for members)."""
    rows = scope if isinstance(scope, list | tuple) else [scope]
    return tuple(getattr(row, "pk", None) for row in rows)


def _name(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def _kept(request, user, keys, parts: tuple, compute):
    """`compute()`, kept for `user` under `keys` (`{user}` filled in) when there are keys and a request."""
    if request is None or not keys:
        return compute()
    from .cache_version import cached

    filled = [key.format(user=user.pk) for key in keys]
    return cached(request, (*parts, user.pk), compute, keys=filled, seconds=HOME_SECONDS)


def first(rows, limit: int = LIMIT) -> tuple[list, bool]:
    """The first `limit` of `rows` (read `limit + 1` of them) and whether there were more."""
    found = list(rows[: limit + 1])
    return found[:limit], len(found) > limit


# The roles core can tell from the person alone. Order on the page: the roles' work first, then
# what is there for the person themselves.
add_role(COORDINATOR, heading=_("As coordinator"), finds=is_coordinator, position=10)
add_role(MUNICIPALITY, heading=_("For the municipality"), finds=is_municipality_viewer, position=40)
add_role(
    MEMBER,
    heading=_("For you"),
    finds=lambda user: user,
    position=50,
    empty=_("Nothing is waiting for you. Look at the meetings and the circles to see what is going on."),
)
