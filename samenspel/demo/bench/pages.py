"""Helpers for `make bench` (bin/bench): the floor page, queries per page, wrk figures, the table.

The floor page is a minimal Django page that runs exactly one query; only bin/bench serves it, at
/bench/floor/, through its own settings and URLs (samenspel/demo/bench/settings.py and urls.py;
the site's samenspel/urls.py never has it). Every other page is measured as it is served to people.

Run as `python -m samenspel.demo.bench <command>` with the bench DATABASE_URL:

    prepare     pick the circle, the meetings and the logged-in member; print each page's path (and
                session cookie)
    queries     count the queries of each page in-process (JSON)
    report      read the query counts and wrk outputs, print the table, exit 1 if a target fails
    throughput  registrations/s under concurrent load, with the exact-capacity check (exit 1 on FAIL);
                see samenspel/demo/bench/meetings.py
    diff        time the diff of the bench document's two versions (exit 1 when the median is 100 ms or
                more); see samenspel/demo/bench/consultations.py
"""

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from . import consultations as bench_consultations
from . import meetings as bench_meetings
from . import newsletter as bench_newsletter
from . import opportunities as bench_opportunities
from . import opportunity_pages as bench_opportunity_pages
from .errors import BenchError
from .meetings import render_throughput

# Targets from issue 3: queries per page at most this, and the same at 1× and 10× data;
# each page at least this share of the floor's requests per second.
MAX_QUERIES = 15
MIN_FLOOR_RATIO = 0.30
FLOOR_PATH = "/bench/floor/"
LOGGED_IN_FLOOR = "floor logged in"


@require_safe
def floor(request):
    """The floor: one query, a tiny response, the whole middleware stack."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    logged_in: bool = False
    # The floor row whose requests/s the page must reach MIN_FLOOR_RATIO of; None: no such target.
    held_to: str | None = "floor"


def consultation_pages(*, slug: str, open_round: int, closed_round: int) -> list[Page]:
    """Issues 5, 13: document page, round page (2,000 comments), diff, reactienota; each for a visitor and a member."""
    doc, diff, nota = f"/consultations/{slug}/", f"/consultations/{slug}/compare/?old=1&new=2", "reactienota"
    rounds, member = f"/consultations/rounds/{open_round}/", {"logged_in": True, "held_to": LOGGED_IN_FLOOR}
    return [
        Page("document page", doc),
        Page("document page member", doc, **member),
        Page("round page", rounds, **member),
        Page("round page public", rounds),
        Page("diff", diff),
        Page("diff member", diff, **member),
        Page(nota, f"/consultations/rounds/{closed_round}/{nota}/"),
        Page(f"{nota} member", f"/consultations/rounds/{closed_round}/{nota}/", **member),
    ]


def monitor_pages(*, year: int, quarter: int) -> list[Page]:
    """Issue 6: the public dashboard (held to 30% of the floor) and the open data of the newest closed
    quarter at the test's scale (7 organisations x 40 teams x 12 quarters; held to the query targets)."""
    return [
        Page("monitor dashboard", "/monitor/"),
        Page("open data csv", f"/monitor/open-data/{year}-q{quarter}.csv", held_to=None),
        Page("open data xlsx", f"/monitor/open-data/{year}-q{quarter}.xlsx", held_to=None),
        Page("open data json", f"/api/monitor/periods/{year}/{quarter}", held_to=None),
    ]


def pages(
    *,
    circle_slug: str,
    member_meeting: int = 0,
    public_meeting: int = 0,
    consultation: dict | None = None,
    monitor: dict | None = None,
    opportunity: int = 0,
) -> list[Page]:
    """The pages issues 3, 4, 5, 6 and 14 ask for, and the floors last.

    consultation: slug, open_round and closed_round of the bench document (None: without those pages).
    monitor: year and quarter of the newest closed quarter (None: without the monitor's pages).
    """
    consultation_rows = consultation_pages(**consultation) if consultation is not None else []
    monitor_rows = monitor_pages(**monitor) if monitor is not None else []
    return [
        Page("home", "/"),
        # Issue 14: the member's home page with their sections (samenspel/core/home.py); since issue
        # 13 (their roles and items kept per person) held to 30% of the logged-in floor as well.
        Page("home member", "/", logged_in=True, held_to=LOGGED_IN_FLOOR),
        Page("circle list", "/circles/"),
        Page("circle page", f"/circles/{circle_slug}/"),
        Page("member directory", "/members/", logged_in=True),
        # Issue 4. Most meetings are for members: the member's meeting page is held to 30% of the
        # logged-in floor (like for like: no logged-in page reaches 30% of the anonymous floor with
        # database sessions, see docs/performance.md); a public meeting for a visitor to 30% of
        # the floor. The feed is held to the query targets only; the list (issue 13) like the page.
        Page("meeting page", f"/meetings/{member_meeting}/", logged_in=True, held_to=LOGGED_IN_FLOOR),
        Page("meeting page public", f"/meetings/{public_meeting}/"),
        Page("meeting list", "/meetings/", logged_in=True, held_to=LOGGED_IN_FLOOR),
        Page("meeting list public", "/meetings/"),
        Page("public feed", "/meetings/calendar/public.ics", held_to=None),
        *consultation_rows,
        *monitor_rows,
        *bench_opportunity_pages.pages(Page, opportunity=opportunity),  # issue 15
        Page("floor", FLOOR_PATH),
        # For reference, not held to a target: the same floor for a logged-in member, i.e. with
        # the session, the member and the gate's query. The directory cannot beat this row.
        Page(LOGGED_IN_FLOOR, FLOOR_PATH, logged_in=True, held_to=None),
    ]


def pick_circle():
    """The active circle with the most active members: the heaviest circle page."""
    from django.db.models import Count, Q

    from samenspel.circles.models import Circle, CircleMembership

    circle = (
        Circle.objects.filter(is_active=True)
        .annotate(n=Count("memberships", filter=Q(memberships__status=CircleMembership.Status.ACTIVE)))
        .order_by("-n", "pk")
        .first()
    )
    if circle is None:
        raise BenchError("There is no active circle. Did seed_bench run?")
    return circle


def pick_member():
    """An approved member who is not a coordinator, with consent to the current text."""
    from samenspel.members import services
    from samenspel.members.models import Member

    member = Member.objects.approved().filter(is_coordinator=False, is_superuser=False).order_by("pk").first()
    if member is None:
        raise BenchError("There is no approved member. Did seed_bench run?")
    from samenspel.members import selectors  # after django.setup(): this module is imported before it

    text = selectors.current_consent_text()
    if text is not None and selectors.needs_consent(member):
        services.give_consent(member=member, consent_text=text, language="nl")
    return member


def pick_meetings(member) -> tuple[int, int]:
    """The meetings whose pages are measured: (members-only, public), both published and upcoming,
    with the most registrations; the members-only one without a registration of `member` (so the
    page shows the registration form, the same at 1x and 10x)."""
    from django.db.models import Count
    from django.utils import timezone

    from samenspel.meetings.models import Meeting

    upcoming = (
        Meeting.objects.filter(status=Meeting.Status.PUBLISHED, starts_at__gt=timezone.now())
        .annotate(n=Count("registrations"))
        .order_by("-n", "starts_at", "pk")
    )
    for_members = upcoming.filter(visibility="members").exclude(registrations__member=member).first()
    public = upcoming.filter(visibility="public").first()
    if for_members is None or public is None:
        raise BenchError("There is no upcoming members-only or public meeting. Did seed_bench run?")
    return for_members.pk, public.pk


def pick_monitor() -> dict:
    """The newest closed quarter: its open data is measured."""
    from samenspel.monitor.models import Period

    period = Period.objects.filter(closed_at__isnull=False).order_by("-year", "-quarter").first()
    if period is None:
        raise BenchError("There is no closed quarter in the monitor. Did seed_bench run?")
    return {"year": period.year, "quarter": period.quarter}


def _client(member=None):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if member is not None:
        client.force_login(member)
    return client


def session_cookie_for(member) -> str:
    """A session in the database for `member`, as gunicorn will read it."""
    from django.conf import settings

    return _client(member).cookies[settings.SESSION_COOKIE_NAME].value


def count_queries(page_list: list[Page], *, member) -> dict[str, int]:
    """Queries per request of each page, counted in-process (after one warm-up request).

    Raises BenchError when a page does not answer 200: a redirect or an error is not measured.
    """
    from django.test.utils import CaptureQueriesContext

    anonymous, logged_in = _client(), _client(member)
    counts = {}
    for page in page_list:
        client = logged_in if page.logged_in else anonymous
        client.get(page.path)  # warm-up: first-request caches (e.g. content types, translations)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        if response.status_code != 200:
            raise BenchError(f"{page.name} ({page.path}) answered {response.status_code}, not 200.")
        counts[page.name] = len(queries)
    return counts


# --- wrk output ------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value.strip())
    if not match:
        raise BenchError(f"Cannot read the latency {value!r} in wrk's output.")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad_responses: int
    socket_errors: int


def parse_wrk(output: str) -> WrkResult:
    """Read requests/s, the p50 and p99 latency and the error counts from `wrk --latency` output."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    total = re.search(r"^\s+(\d+) requests in", output, re.M)
    if not (rps and p50 and p99 and total):
        raise BenchError("wrk's output has no Requests/sec or latency distribution (was --latency given?).")
    bad = re.search(r"^\s+Non-2xx or 3xx responses:\s+(\d+)", output, re.M)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkResult(
        requests_per_second=float(rps.group(1)),
        p50_ms=_ms(p50.group(1)),
        p99_ms=_ms(p99.group(1)),
        requests=int(total.group(1)),
        bad_responses=int(bad.group(1)) if bad else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


# --- the table -------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    page: str
    queries_1x: int
    queries_10x: int
    wrk: WrkResult
    floor_ratio: float
    failures: tuple[str, ...]
    logged_in_floor_ratio: float | None = None  # when the logged-in floor was measured
    held_to: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


def _ratio(result: WrkResult, floor: WrkResult | None) -> float | None:
    if floor is None:
        return None
    return result.requests_per_second / floor.requests_per_second if floor.requests_per_second else 0.0


def judge(
    names: list[str],
    queries_1x: dict,
    queries_10x: dict,
    wrk: dict[str, WrkResult],
    *,
    held_to: dict[str, str | None] | None = None,
) -> list[Row]:
    """Hold each page to the targets; the floor row is shown but only held to 'one query'.

    held_to: page name -> the floor row it must reach MIN_FLOOR_RATIO of (None: no such target);
    pages not named there are held to "floor".
    """
    held_to = held_to or {}
    rows = []
    for name in names:
        q1, q10, result = queries_1x[name], queries_10x[name], wrk[name]
        ratio = _ratio(result, wrk["floor"])
        logged_in_ratio = _ratio(result, wrk.get(LOGGED_IN_FLOOR))
        target = None if name in ("floor", LOGGED_IN_FLOOR) else held_to.get(name, "floor")
        failures = []
        if result.bad_responses or result.socket_errors:
            failures.append(f"{result.bad_responses} non-2xx responses, {result.socket_errors} socket errors")
        if name == LOGGED_IN_FLOOR:
            pass  # a reference row only
        elif name == "floor":
            if q10 != 1:
                failures.append(f"the floor ran {q10} queries, not 1")
        else:
            if q10 > MAX_QUERIES or q1 > MAX_QUERIES:
                failures.append(f"{max(q1, q10)} queries > {MAX_QUERIES}")
            if q1 != q10:
                failures.append(f"queries grow with data ({q1} at 1x, {q10} at 10x)")
            held = ratio if target == "floor" else logged_in_ratio if target == LOGGED_IN_FLOOR else None
            if target is not None and held is None:
                failures.append(f"the {target} row was not measured")
            elif held is not None and held < MIN_FLOOR_RATIO:
                failures.append(f"{held:.0%} of the {target}'s requests/s < {MIN_FLOOR_RATIO:.0%}")
        rows.append(Row(name, q1, q10, result, ratio, tuple(failures), logged_in_ratio, target))
    return rows


def _target_label(row: Row) -> str:
    if row.page in ("floor", LOGGED_IN_FLOOR):
        return "-"
    return {"floor": "30% of floor", LOGGED_IN_FLOOR: "30% of floor logged in"}.get(row.held_to, "queries only")


def render_table(rows: list[Row], *, markdown: bool = False) -> str:
    header = ["page", "queries 1x", "queries 10x", "req/s", "p50 ms", "p99 ms", "% of floor"]
    both = any(row.logged_in_floor_ratio is not None for row in rows)
    if both:
        header += ["% of floor logged in", "target"]
    header.append("result")
    lines = []
    for row in rows:
        cells = [
            row.page,
            str(row.queries_1x),
            str(row.queries_10x),
            f"{row.wrk.requests_per_second:.0f}",
            f"{row.wrk.p50_ms:.1f}",
            f"{row.wrk.p99_ms:.1f}",
            f"{row.floor_ratio:.0%}",
        ]
        if both:
            cells += [f"{row.logged_in_floor_ratio:.0%}" if row.logged_in_floor_ratio is not None else "-"]
            cells += [_target_label(row)]
        cells.append("PASS" if row.passed else "FAIL")
        lines.append(cells)
    if markdown:
        numeric = len(header) - 2 - (1 if both else 0)
        align = ["---"] + ["---:"] * numeric + (["---"] if both else []) + ["---"]
        out = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
        out += ["| " + " | ".join(cells) + " |" for cells in lines]
        return "\n".join(out)
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    out = [fmt.format(*header), fmt.format(*["-" * w for w in widths])]
    out += [fmt.format(*cells) for cells in lines]
    return "\n".join(out)


# --- command line ----------------------------------------------------------------------


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.demo.bench.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    # Lets django.test.Client run outside the test runner (it adds 'testserver' to ALLOWED_HOSTS
    # and keeps emails in memory); the settings are otherwise the ones gunicorn runs with.
    setup_test_environment()


def _cmd_prepare(args) -> str:
    """One line per page for bin/bench: file stem, path, and the session cookie if logged in."""
    from dataclasses import asdict

    circle, member = pick_circle(), pick_member()
    member_meeting, public_meeting = pick_meetings(member)
    consultation = asdict(bench_consultations.pick())
    monitor = pick_monitor()
    session = session_cookie_for(member)
    picked = {
        "circle_slug": circle.slug,
        "member_id": member.pk,
        "member_meeting": member_meeting,
        "public_meeting": public_meeting,
        "consultation": consultation,
        "monitor": monitor,
        "opportunity": bench_opportunity_pages.pick(member),
    }
    Path(args.out).write_text(json.dumps(picked))
    page_list = pages(
        circle_slug=circle.slug,
        member_meeting=member_meeting,
        public_meeting=public_meeting,
        consultation=consultation,
        monitor=monitor,
        opportunity=picked["opportunity"],
    )
    return "\n".join(f"{wrk_file_stem(page)}\t{page.path}\t{session if page.logged_in else '-'}" for page in page_list)


def _cmd_queries(args) -> str:
    from samenspel.members.models import Member

    picked = json.loads(Path(args.picked).read_text())
    member = Member.objects.get(pk=picked["member_id"])
    page_list = pages(
        circle_slug=picked["circle_slug"],
        member_meeting=picked["member_meeting"],
        public_meeting=picked["public_meeting"],
        consultation=picked["consultation"],
        monitor=picked["monitor"],
        opportunity=picked["opportunity"],
    )
    return json.dumps(count_queries(page_list, member=member))


def _cmd_report(args) -> int:
    page_list = pages(
        circle_slug="-",
        consultation={"slug": "-", "open_round": 0, "closed_round": 0},
        monitor={"year": 0, "quarter": 0},
    )
    names = [page.name for page in page_list]
    queries_1x = json.loads(Path(args.queries_1x).read_text())
    queries_10x = json.loads(Path(args.queries_10x).read_text())
    wrk = {page.name: parse_wrk(Path(args.wrk_dir, f"{wrk_file_stem(page)}.txt").read_text()) for page in page_list}
    rows = judge(names, queries_1x, queries_10x, wrk, held_to={page.name: page.held_to for page in page_list})
    print(render_table(rows))
    print()
    for row in rows:
        for failure in row.failures:
            print(f"FAIL {row.page}: {failure}")
    if args.markdown:
        Path(args.markdown).write_text(render_table(rows, markdown=True) + "\n")
    ok = all(row.passed for row in rows)
    print("All targets met." if ok else "Some targets were missed (see above).")
    return 0 if ok else 1


def _cmd_throughput(args) -> int:
    try:
        result = bench_meetings.registration_throughput(
            capacity=args.capacity, registrations=args.registrations, workers=args.workers
        )
    except ValueError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    print(result.render())
    if args.json:
        Path(args.json).write_text(json.dumps(result.as_dict()))
    if args.markdown:
        Path(args.markdown).write_text(render_throughput(result) + "\n")
    return 0 if result.passed else 1


def _cmd_diff(args) -> int:
    try:
        result = bench_consultations.time_diff(runs=args.runs)
    except Exception as error:  # the bench document is missing: say so, exit 2
        print(f"bench: cannot time the diff ({type(error).__name__}: {error}). Did seed_bench run?", file=sys.stderr)
        return 2
    print(result.render())
    if args.markdown:
        Path(args.markdown).write_text(result.markdown() + "\n")
    return 0 if result.passed else 1


def wrk_file_stem(page: Page) -> str:
    """The file bin/bench writes wrk's output of `page` to (<stem>.txt)."""
    return page.name.replace(" ", "-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samenspel.demo.bench")
    sub = parser.add_subparsers(dest="command", required=True)
    prepare = sub.add_parser("prepare")
    prepare.add_argument("--out", required=True, help="JSON file to write the picked circle and member to")
    queries = sub.add_parser("queries")
    queries.add_argument("--picked", required=True, help="the JSON file `prepare` wrote")
    report = sub.add_parser("report")
    report.add_argument("--queries-1x", required=True)
    report.add_argument("--queries-10x", required=True)
    report.add_argument("--wrk-dir", required=True)
    report.add_argument("--markdown")
    throughput = sub.add_parser("throughput")
    throughput.add_argument("--capacity", type=int, default=300)
    throughput.add_argument("--registrations", type=int, default=1000)
    throughput.add_argument("--workers", type=int, default=20)
    throughput.add_argument("--json", help="a file to write the figures to")
    throughput.add_argument("--markdown", help="a file to write the figures to as a Markdown table")
    diff = sub.add_parser("diff")
    diff.add_argument("--runs", type=int, default=20)
    diff.add_argument("--markdown", help="a file to write the figures to as a Markdown table")
    bench_newsletter.add_parser(sub)
    bench_opportunities.add_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "report":
        return _cmd_report(args)
    _setup_django()
    if args.command == "throughput":
        return _cmd_throughput(args)
    if args.command == "diff":
        return _cmd_diff(args)
    if args.command == "newsletter":
        return bench_newsletter.run_command(args)
    if args.command == "opportunities":
        return bench_opportunities.run_command(args)
    try:
        result = _cmd_prepare(args) if args.command == "prepare" else _cmd_queries(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
