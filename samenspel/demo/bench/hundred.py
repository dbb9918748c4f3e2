"""The pages at 100× data (issue 13, point 4): queries at 1×, 10× and 100×, and wrk at 100×.

bin/bench seeds 100× after the 10× run (20,000 members, 400 circles, 10,000 meetings with
200,000 registrations, 40,000 updates, 40,000 comments), counts each page's queries again and
loads every page with wrk on a freshly started gunicorn. This table holds each page to the same
targets as the 10× table (`pages.judge`: at most 15 queries, its share of the floor of this run),
and the query count must be the same at 1×, 10× and 100×: a count that grows shows a query per
row (N+1).
"""

from dataclasses import replace

from . import pages as bench
from .pages import Row, WrkResult


def judge(
    names: list[str],
    queries: dict[str, dict[str, int]],
    wrk: dict[str, WrkResult],
    *,
    held_to: dict[str, str | None],
) -> list[Row]:
    """`queries`: {"1x": {page: n}, "10x": ..., "100x": ...}. The rows carry the 1× and 100× counts;
    a page whose count differs at any factor fails, naming the three counts, and so does a page
    that answered no request at all under wrk (at 100× a slow page can take longer than the run)."""
    rows = bench.judge(names, queries["1x"], queries["100x"], wrk, held_to=held_to)
    out = []
    for row in rows:
        counts = [queries[factor][row.page] for factor in ("1x", "10x", "100x")]
        failures = [f for f in row.failures if not f.startswith("queries grow with data")]
        if not row.wrk.requests:  # wrk counts no error when every request is still waiting at the end
            failures.append("no request was answered during the run")
        if row.page != bench.LOGGED_IN_FLOOR and len(set(counts)) > 1:
            failures.append("queries grow with data ({} at 1x, {} at 10x, {} at 100x)".format(*counts))
        out.append(replace(row, failures=tuple(failures)))
    return out


def render(rows: list[Row], queries_10x: dict[str, int], *, markdown: bool = False) -> str:
    """The table: queries at the three factors, then the 100× figures."""
    header = ["page", "queries 1x", "queries 10x", "queries 100x", "req/s", "p50 ms", "p99 ms", "% of floor"]
    header += ["% of floor logged in", "result"]
    lines = [
        [
            row.page,
            str(row.queries_1x),
            str(queries_10x[row.page]),
            str(row.queries_10x),  # bench.judge's second column: here the 100× count
            f"{row.wrk.requests_per_second:.0f}",
            f"{row.wrk.p50_ms:.1f}",
            f"{row.wrk.p99_ms:.1f}",
            f"{row.floor_ratio:.0%}",
            f"{row.logged_in_floor_ratio:.0%}" if row.logged_in_floor_ratio is not None else "-",
            "PASS" if row.passed else "FAIL",
        ]
        for row in rows
    ]
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 2) + "---|"]
        return "\n".join(out + ["| " + " | ".join(cells) + " |" for cells in lines])
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*header), fmt.format(*["-" * w for w in widths])] + [fmt.format(*c) for c in lines])
