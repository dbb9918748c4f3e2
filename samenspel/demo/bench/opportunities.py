"""The opportunities part of `make bench`: matching for 20,000 members against 500 published opportunities.

`opportunities_run(members=20000, opportunities=500, baseline=1000)`:
1. adds `baseline` approved members (example.invalid addresses, no usable password), each with
   two of ten bench themes and an active opt-in with varied wishes (kinds, days, hours, areas),
   and `opportunities` published ones over the same themes and eight areas (bulk_create);
2. renders "Kansen voor jou" (`/opportunities/for-you/`) in-process for one of those members
   with the test client: the queries of one request, and the median time of RUNS requests;
3. adds members up to `members` and measures again: the queries must be the same;
4. times `match_count` (median over RUNS opportunities) and the read of the members to invite
   for one opportunity (what the publication task streams);
5. removes everything it added.

Targets (issue 15, with issue 3's page targets): at most 15 queries for the page, the same at
`baseline` and `members`; the page under RENDER_TARGET_MS and match_count under
COUNT_TARGET_MS (median, in-process).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from decimal import Decimal

BENCH_DOMAIN = "bench-opportunities.example.invalid"
THEME_PREFIX = "Bench thema "
AREA_PREFIX = "Bench stadsdeel "
TITLE_PREFIX = "Bench kans "
RUNS = 15
QUERY_TARGET = 15
RENDER_TARGET_MS = 300.0
COUNT_TARGET_MS = 300.0
CHUNK = 2000
UNUSABLE_PASSWORD = "!"  # noqa: S105 - Django's mark for "no usable password", not a password


@dataclass(frozen=True)
class OpportunitiesRun:
    members: int
    baseline: int
    opportunities: int
    seed_seconds: float
    queries_baseline: int
    queries_full: int
    render_ms_baseline: float
    render_ms_full: float
    shown: int  # opportunities on the measured member's page (its first page)
    count_ms: float
    fitting: int  # match_count of the first opportunity
    invite_read_ms: float

    @property
    def passed(self) -> bool:
        return (
            self.queries_baseline == self.queries_full <= QUERY_TARGET
            and self.render_ms_full < RENDER_TARGET_MS
            and self.count_ms < COUNT_TARGET_MS
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed}

    def render(self) -> str:
        return (
            f"{self.members} members with opt-ins, {self.opportunities} published opportunities "
            f"(seeded in {self.seed_seconds:.1f} s). Kansen voor jou: {self.queries_baseline} queries at "
            f"{self.baseline} members, {self.queries_full} at {self.members} (target <= {QUERY_TARGET}, equal); "
            f"median render {self.render_ms_baseline:.1f} ms -> {self.render_ms_full:.1f} ms "
            f"(target < {RENDER_TARGET_MS:.0f} ms; {self.shown} shown); match_count median {self.count_ms:.1f} ms "
            f"({self.fitting} fit the first; target < {COUNT_TARGET_MS:.0f} ms); the members to invite for one "
            f"opportunity read in {self.invite_read_ms:.1f} ms -> {'PASS' if self.passed else 'FAIL'}"
        )

    def markdown(self) -> str:
        header = (
            "| members | opportunities | queries (1,000) | queries (all) | render ms (1,000) | render ms (all) "
            "| match_count ms | invite read ms | result |"
        )
        cells = [
            self.members,
            self.opportunities,
            self.queries_baseline,
            self.queries_full,
            f"{self.render_ms_baseline:.1f}",
            f"{self.render_ms_full:.1f}",
            f"{self.count_ms:.1f}",
            f"{self.invite_read_ms:.1f}",
            "PASS" if self.passed else "FAIL",
        ]
        return "\n".join([header, "|" + "---:|" * 8 + "---|", "| " + " | ".join(str(c) for c in cells) + " |"])


def wipe() -> None:
    from samenspel.members.models import Member, Theme
    from samenspel.opportunities.models import Area, Opportunity

    Opportunity.objects.filter(title__startswith=TITLE_PREFIX).delete()
    Member.objects.filter(email__endswith="@" + BENCH_DOMAIN).delete()  # their opt-ins and themes with them
    Theme.objects.filter(name_nl__startswith=THEME_PREFIX).delete()
    Area.objects.filter(name_nl__startswith=AREA_PREFIX).delete()


def _themes_and_areas():
    from samenspel.members.models import Theme
    from samenspel.opportunities.models import Area

    themes = [
        Theme.objects.create(name_nl=f"{THEME_PREFIX}{n}", name_en=f"Bench theme {n}", position=900 + n)
        for n in range(10)
    ]
    areas = [
        Area.objects.create(name_nl=f"{AREA_PREFIX}{n}", name_en=f"Bench district {n}", position=900 + n)
        for n in range(8)
    ]
    return themes, areas


def _members(start: int, stop: int, themes, areas, rng: random.Random) -> None:
    """Members start..stop-1 with two themes each and an active opt-in, in chunks (bulk_create)."""
    from django.utils import timezone

    from samenspel.members.models import Member
    from samenspel.opportunities.models import MatchingOptIn

    member_themes = Member.themes.through
    opt_in_areas = MatchingOptIn.areas.through
    now = timezone.now()
    for low in range(start, stop, CHUNK):
        high = min(low + CHUNK, stop)
        people = Member.objects.bulk_create(
            Member(
                email=f"kandidaat{n:06}@{BENCH_DOMAIN}",
                name=f"Kandidaat {n}",
                password=UNUSABLE_PASSWORD,
                status=Member.Status.APPROVED,
                kind=Member.Kind.EXPERT,
                decided_at=now,
            )
            for n in range(low, high)
        )
        if not people or people[0].pk is None:  # backends that return no ids
            people = list(Member.objects.filter(email__endswith="@" + BENCH_DOMAIN).order_by("pk")[low:high])
        links = []
        for person in people:
            for theme in rng.sample(themes, 2):
                links.append(member_themes(member_id=person.pk, theme_id=theme.pk))
        member_themes.objects.bulk_create(links)
        choices = MatchingOptIn.objects.bulk_create(
            MatchingOptIn(
                member_id=person.pk,
                text_version=1,
                text="Bench",
                kinds=rng.choice([0, 0, 0b000011, 0b001100, 0b111000]),
                days=rng.choice([0, 0, 0b0011111, 0b1100000]),
                hours_per_month=rng.choice([None, None, 8, 16, 40]),
                online_ok=rng.random() < 0.8,
                opted_in_at=now,
            )
            for person in people
        )
        if choices and choices[0].pk is not None:
            opt_in_areas.objects.bulk_create(
                opt_in_areas(matchingoptin_id=choice.pk, area_id=area.pk)
                for choice in choices
                if rng.random() < 0.5
                for area in rng.sample(areas, 2)
            )


def _opportunities(count: int, themes, areas, rng: random.Random) -> None:
    import datetime

    from django.utils import timezone

    from samenspel.opportunities.models import Opportunity

    today = timezone.localdate()
    kinds = Opportunity.Kind.values
    rows = Opportunity.objects.bulk_create(
        Opportunity(
            kind=kinds[n % len(kinds)],
            title=f"{TITLE_PREFIX}{n}",
            description="Bench.",
            description_html="<p>Bench.</p>",
            offered_by="Bench",
            area=rng.choice([None, *areas]),
            is_online=rng.random() < 0.3,
            days=rng.choice([0, 0, 0b0000101, 0b0100000]),
            monthly_hours=rng.choice([None, Decimal("4"), Decimal("12"), Decimal("60")]),
            respond_by=today + datetime.timedelta(days=1 + n % 60),
            audience=Opportunity.Audience.MEMBERS,
            status=Opportunity.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(count)
    )
    if not rows or rows[0].pk is None:
        rows = list(Opportunity.objects.filter(title__startswith=TITLE_PREFIX))
    through = Opportunity.themes.through
    through.objects.bulk_create(
        through(opportunity_id=row.pk, theme_id=theme.pk)
        for row in rows
        if rng.random() < 0.9  # a tenth ask for no theme: they fit everyone
        for theme in rng.sample(themes, 2)
    )


def _page(client, url: str) -> tuple[int, float, str]:
    """(queries of one request after a warm-up, median ms of RUNS requests, the page)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    reset_queries()  # with DEBUG on, the log of the seeding is full (it keeps 9,000) and would hide these
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    count = len(queries)  # now: the captured list is a slice of the log, which the next request empties
    if response.status_code != 200:
        raise ValueError(f"{url} answered {response.status_code}")
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return count, statistics.median(times), response.content.decode()


def opportunities_run(*, members: int = 20000, opportunities: int = 500, baseline: int = 1000) -> OpportunitiesRun:
    from django.test import Client
    from django.urls import reverse

    from samenspel.members.models import Consent, ConsentText, Member
    from samenspel.opportunities.models import Opportunity
    from samenspel.opportunities.selectors.matching import match_count, matching_opt_ins

    if not 0 < baseline <= members:
        raise ValueError("the baseline must be at least 1 and at most the number of members")
    wipe()
    rng = random.Random(15)  # the same data every run
    try:
        started = time.perf_counter()
        themes, areas = _themes_and_areas()
        _opportunities(opportunities, themes, areas, rng)
        _members(0, baseline, themes, areas, rng)
        seed_seconds = time.perf_counter() - started
        person = Member.objects.get(email=f"kandidaat000000@{BENCH_DOMAIN}")
        text = ConsentText.objects.filter(published_at__isnull=False).order_by("-version").first()
        if text is not None:  # pages ask for consent to the current text first
            Consent.objects.create(member=person, consent_text=text)
        client = Client()
        client.force_login(person)
        url = reverse("opportunities:for_you")
        queries_baseline, render_baseline, _ = _page(client, url)
        started = time.perf_counter()
        _members(baseline, members, themes, areas, rng)
        seed_seconds += time.perf_counter() - started
        queries_full, render_full, page = _page(client, url)
        sample = list(Opportunity.objects.filter(title__startswith=TITLE_PREFIX).order_by("pk")[:RUNS])
        times = []
        for opportunity in sample:
            begun = time.perf_counter()
            match_count(opportunity)
            times.append((time.perf_counter() - begun) * 1000)
        begun = time.perf_counter()
        len(list(matching_opt_ins(sample[0]).values_list("member_id", flat=True)))
        invite_read_ms = (time.perf_counter() - begun) * 1000
        return OpportunitiesRun(
            members=members,
            baseline=baseline,
            opportunities=opportunities,
            seed_seconds=seed_seconds,
            queries_baseline=queries_baseline,
            queries_full=queries_full,
            render_ms_baseline=render_baseline,
            render_ms_full=render_full,
            shown=page.count('class="utrecht-heading-3"'),
            count_ms=statistics.median(times),
            fitting=match_count(sample[0]),
            invite_read_ms=invite_read_ms,
        )
    finally:
        wipe()


def add_parser(sub) -> None:
    """`python -m samenspel.demo.bench opportunities [--members N] [--opportunities M] [--baseline B] [--markdown FILE]`."""
    parser = sub.add_parser("opportunities")
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--opportunities", type=int, default=500)
    parser.add_argument("--baseline", type=int, default=1000)
    parser.add_argument("--markdown", help="a file to write the figures to as a Markdown table")


def run_command(args) -> int:
    from pathlib import Path

    try:
        result = opportunities_run(members=args.members, opportunities=args.opportunities, baseline=args.baseline)
    except ValueError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    print(result.render())
    if args.markdown:
        Path(args.markdown).write_text(result.markdown() + "\n")
    return 0 if result.passed else 1
