"""Per-member numbers shown on every page (unread messages in the menu), read without a query of their own.

Every request of a logged-in member already runs one small query: the cache versions and the
member's guard columns (`members.auth_cache`). A count registered here is a scalar subquery in
that same query, so the menu's number costs no extra query and is never stale across workers (it
is read from the database at each request, not cached). An app registers in its
`AppConfig.ready()`:

    member_counts.add("unread_notifications", unread_sql)

where `unread_sql(member_id_sql)` returns the subquery's SQL (quoted names only, no parameters)
that counts for the member whose id is the SQL expression `member_id_sql`. Templates read the
value through the app's context processor, which calls `member_counts.get(request, name)` and
counts itself when it is None (a request where the guard query did not run).
"""

from collections.abc import Callable

REQUEST_ATTRIBUTE = "_samenspel_member_counts"
# The same values on the request's member (`request.user`), for code that has the member but not the
# request (access checks); `members.auth_cache` puts them there, never on the cached copy.
USER_ATTRIBUTE = "_samenspel_member_counts"

_counts: dict[str, Callable[[str], str]] = {}


def add(name: str, sql: Callable[[str], str]) -> None:
    _counts[name] = sql


def rows_sql(model, member_field: str, member_id_sql: str, where: tuple[str, str]) -> str:
    """A registered count's SQL: the rows of `model` whose `member_field` is the member, and whose
    field `where[0]` passes the test `where[1]` ("IS NULL", "IS TRUE")."""
    from django.db import connection

    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    member = quote(model._meta.get_field(member_field).column)
    field, test = where
    column = quote(model._meta.get_field(field).column)
    if test not in ("IS NULL", "IS TRUE"):
        raise ValueError(f"Unknown test: {test}")
    # Names come from the model, quoted; the test is one of two constants; member_id_sql is the
    # caller's column reference, not user input.
    return f"(SELECT COUNT(*) FROM {table} t WHERE t.{member} = {member_id_sql} AND t.{column} {test})"  # noqa: S608 - quoted model names, one of two fixed tests


def registered() -> list[tuple[str, Callable[[str], str]]]:
    """The registered counts in a stable order (the guard query's extra columns)."""
    return sorted(_counts.items())


def remember(request, values: dict[str, int]) -> None:
    setattr(request, REQUEST_ATTRIBUTE, values)


def get(request, name: str) -> int | None:
    """The count read with this request's guard query, or None when it was not read."""
    return _value(getattr(request, REQUEST_ATTRIBUTE, None), name)


def attach(request, user) -> None:
    """Give `user` (this request's member) the counts read with this request's guard query."""
    values = getattr(request, REQUEST_ATTRIBUTE, None)
    if values is not None:
        setattr(user, USER_ATTRIBUTE, values)


def get_for_user(user, name: str) -> int | None:
    """`get` for the request's member; None when the counts were not read with this member."""
    return _value(getattr(user, USER_ATTRIBUTE, None), name)


def _value(values: dict | None, name: str) -> int | None:
    if values is None or name not in values:
        return None
    return int(values[name] or 0)


def forget(request, name: str) -> None:
    """After a write that changes the count in this request (mark read), read it afresh."""
    values = getattr(request, REQUEST_ATTRIBUTE, None)
    if values is not None:
        values.pop(name, None)
