"""The opportunities' pages in `make bench` (issue 15 with issue 13's page targets).

`seed_opportunities(factor)` (from `manage.py seed_bench`) adds PER_FACTOR published opportunities
per 1x (50 at 10x) over the demo's themes and areas, public and members-only, and an opt-in for a
share (1 in OPT_IN_EVERY) of the generated members. `pick(member)` gives the measured member an
opt-in without wishes (so "Kansen voor jou" lists what fits their themes, and the opportunities
that ask for no theme fit everyone) and returns the public opportunity with the most themes.
Deterministic and idempotent per factor: the rows are made again on every run.
"""

import datetime
import random

TITLE_PREFIX = "Bench-kans "
PER_FACTOR = 5
OPT_IN_EVERY = 4


def pages(page, *, opportunity: int) -> list:
    """The list and one opportunity, as a visitor and as the member, and the member's "Kansen voor
    jou"; the member's pages are held to 30% of the logged-in floor (like the meeting page)."""
    logged_in = {"logged_in": True, "held_to": "floor logged in"}
    return [
        page("opportunity list", "/opportunities/"),
        page("opportunity list member", "/opportunities/", **logged_in),
        page("opportunity page", f"/opportunities/{opportunity}/"),
        page("opportunity page member", f"/opportunities/{opportunity}/", **logged_in),
        page("kansen voor jou", "/opportunities/for-you/", **logged_in),
    ]


def wipe() -> None:
    from samenspel.opportunities.models import Opportunity

    Opportunity.objects.filter(title__startswith=TITLE_PREFIX).delete()


def seed_opportunities(factor: int, *, seed: int = 2023) -> dict[str, int]:
    from django.db import transaction
    from django.utils import timezone

    from samenspel.demo.bench.scale import BENCH_DOMAIN
    from samenspel.members.models import Member, Theme
    from samenspel.opportunities.models import Area, MatchingOptIn, Opportunity

    rng = random.Random(seed * 7 + factor)
    today, now = timezone.localdate(), timezone.now()
    themes = list(Theme.objects.filter(is_active=True).order_by("pk"))
    areas = list(Area.objects.filter(is_active=True).order_by("pk"))
    kinds = Opportunity.Kind.values
    with transaction.atomic():
        wipe()
        rows = Opportunity.objects.bulk_create(
            Opportunity(
                kind=kinds[n % len(kinds)],
                title=f"{TITLE_PREFIX}{n + 1}",
                description="We zoeken mensen die mee willen denken.",
                description_html="<p>We zoeken mensen die mee willen denken.</p>",
                offered_by="Kenniscentrum Ongelijkheid",
                area=rng.choice([None, *areas]),
                is_online=rng.random() < 0.3,
                respond_by=today + datetime.timedelta(days=7 + n % 60),
                audience=Opportunity.Audience.PUBLIC if n % 2 else Opportunity.Audience.MEMBERS,
                status=Opportunity.Status.PUBLISHED,
                published_at=now,
            )
            for n in range(PER_FACTOR * factor)
        )
        through = Opportunity.themes.through
        through.objects.bulk_create(
            through(opportunity_id=row.pk, theme_id=theme.pk)
            for index, row in enumerate(rows)
            if themes and index % 5  # one in five asks for no theme: it fits everyone
            for theme in rng.sample(themes, min(2, len(themes)))
        )
        members = Member.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").order_by("pk").values_list("pk", flat=True)
        opted = [
            MatchingOptIn(member_id=pk, text_version=1, text="Bench", opted_in_at=now)
            for index, pk in enumerate(members)
            if index % OPT_IN_EVERY == 0
        ]
        MatchingOptIn.objects.filter(member_id__in=[choice.member_id for choice in opted]).delete()
        MatchingOptIn.objects.bulk_create(opted)
    return {"opportunities": len(rows), "opt_ins": len(opted)}


def pick(member) -> int:
    """Give `member` an opt-in without wishes (when they have none); the measured opportunity's id."""
    from samenspel.opportunities.models import MatchingOptIn, Opportunity

    if not MatchingOptIn.objects.filter(member=member, withdrawn_at__isnull=True).exists():
        MatchingOptIn.objects.create(member=member, text_version=1, text="Bench", language="nl")
    opportunity = (
        Opportunity.objects.filter(title__startswith=TITLE_PREFIX, audience=Opportunity.Audience.PUBLIC)
        .order_by("pk")
        .first()
    )
    if opportunity is None:
        from .errors import BenchError

        raise BenchError("There is no bench opportunity. Did seed_bench run?")
    return opportunity.pk
