"""Rows other apps add to a member's page (`members:detail`), so members imports none of them.

An app registers, in its `AppConfig.ready()`, a function `(viewer, member) -> dict | None`: the
context of one row of the page's facts, with "template" (an include that renders a `<dt>` and
its `<dd>`). It decides itself what `viewer` may see; None shows no row. Each function should
cost one query at most, whatever the member's data (the page's query count is tested).
"""

_rows = []


def add_row(row) -> None:
    """Register `row(viewer, member)`; registering it again changes nothing."""
    if row not in _rows:
        _rows.append(row)


def rows_for(viewer, member) -> list[dict]:
    """The registered rows for `member`'s page as `viewer` sees it, in the order registered."""
    return [found for row in _rows if (found := row(viewer, member)) is not None]
