"""The benchmark data set (`manage.py seed_bench`): the demo topped up with generated members,
circles and updates, `factor` × (200, 4, 400). See `scale_demo`.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.demo.base import DEMO_PASSWORD, EMAIL_DOMAIN, at, load_demo
from samenspel.lib.markdown import render_markdown
from samenspel.members.models import Consent, ConsentText, Member, Theme
from samenspel.organisations.models import Organisation

from .bulk import copy_instances

# --------------------------------------------------------------------------------------
# The benchmark data set (manage.py seed_bench)
# --------------------------------------------------------------------------------------

BENCH_DOMAIN = f"bench.{EMAIL_DOMAIN}"
BENCH_SLUG_PREFIX = "bench-"
BENCH_MEMBERS, BENCH_CIRCLES, BENCH_UPDATES = 200, 4, 400  # per factor

FIRST_NAMES = [
    "Anna", "Bram", "Chaima", "Daan", "Elif", "Fleur", "Gökhan", "Hamza", "Iris", "Jesse", "Khadija", "Lars",
    "Mariam", "Noah", "Oumaima", "Pieter", "Quinty", "Roos", "Soufiane", "Thijs", "Umut", "Vera", "Wouter",
    "Xiomara", "Yara", "Zeynep", "Amal", "Bilal", "Cynthia", "Dennis", "Esra", "Farid", "Gwen", "Hugo", "Imane",
    "Jordy", "Kim", "Levi", "Maud", "Nadia", "Omar", "Pim", "Rosa", "Stefan", "Tamara", "Ugur", "Valerie", "Wessel",
    "Yvonne", "Zoë", "Anouar", "Brenda", "Cor", "Dounia", "Edwin", "Fatih", "Gina", "Henk", "Ingrid", "Jamal"
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
    "Peters", "Hendriks", "Dekker", "Brouwer", "El Khatib", "Yildirim", "Öztürk", "Ait Taleb", "Ramsaran",
    "Kartosen", "Wijngaarde", "Doelwijt", "Soekhlal", "Rodrigues", "Kowalski", "Nguyen", "Mensah", "Asante",
    "Benjelloun", "Çelik", "Koç", "Haddou", "van Dijk", "van der Meer", "Kramer", "Vermeer", "Prins", "Hoekstra",
    "Sluiter", "Verbruggen", "Lammers", "Tjin", "Liem", "Sabajo", "Zaman", "Karimi", "Hosseini"
]  # fmt: skip
BENCH_TOPICS = [
    "Wonen", "Zorg", "Werk", "Onderwijs", "Jongeren", "Ouderen", "Gezondheid", "Schulden", "Armoede", "Herstel",
    "Taal", "Sport", "Cultuur", "Digitaal", "Buurt", "Gezin", "Mantelzorg", "Vrijwilligers"
]  # fmt: skip
BENCH_WORDS = [
    "ervaring", "kennis", "buurt", "team", "tandem", "kring", "gesprek", "samen", "leren", "werk", "geld", "huis",
    "zorg", "vertrouwen", "bewoners", "gemeente", "advies", "verslag", "plan", "vraag", "antwoord", "bijeenkomst",
    "onderzoek", "opleiding", "netwerk", "waardering"
]  # fmt: skip


def _bench_markdown(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        words = [rng.choice(BENCH_WORDS) for _ in range(rng.randint(20, 45))]
        words[rng.randrange(len(words))] = f"**{rng.choice(BENCH_WORDS)}**"
        paragraphs.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(paragraphs)


def _bench_counts() -> tuple[int, int, int]:
    return (
        Member.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").count(),
        Circle.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).count(),
        CircleUpdate.objects.filter(author__email__endswith=f"@{BENCH_DOMAIN}").count(),
    )


def wipe_bench() -> None:
    """Remove every generated benchmark row (the demo itself stays)."""
    CircleUpdate.objects.filter(author__email__endswith=f"@{BENCH_DOMAIN}").delete()
    Circle.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).delete()
    Member.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()


def scale_demo(factor: int, *, seed: int = 2023) -> dict[str, int]:
    """Load the demo, then top it up with generated rows so the database holds exactly
    `factor` × (200 members, 4 circles, 400 updates): factor 10 gives 2,000 / 40 / 4,000.

    Generated rows are recognisable (emails @bench.example.org, circle slugs `bench-...`,
    updates written by those members) and are the same for the same factor and seed.
    Idempotent per factor: if the generated rows already have the right counts, nothing is
    written; otherwise the previous generated rows are wiped and made again. Meant for a
    benchmark database; on the development database `manage.py seed_bench --wipe` removes them.
    """
    if factor < 1:
        raise ValueError("The factor must be 1 or more.")
    load_demo()
    with transaction.atomic():
        demo_members = Member.objects.exclude(email__endswith=f"@{BENCH_DOMAIN}").count()
        demo_circles = Circle.objects.exclude(slug__startswith=BENCH_SLUG_PREFIX).count()
        demo_updates = CircleUpdate.objects.exclude(author__email__endswith=f"@{BENCH_DOMAIN}").count()
        want = (
            BENCH_MEMBERS * factor - demo_members,
            BENCH_CIRCLES * factor - demo_circles,
            BENCH_UPDATES * factor - demo_updates,
        )
        if min(want) < 0:
            raise ValueError("The database already holds more rows than this factor asks for.")
        if _bench_counts() == want:
            return {"created": 0, "members": want[0], "circles": want[1], "updates": want[2]}
        wipe_bench()
        _create_bench(random.Random(seed * 1000 + factor), *want)
    return {"created": sum(want), "members": want[0], "circles": want[1], "updates": want[2]}


def _create_bench(rng: random.Random, n_members: int, n_circles: int, n_updates: int) -> None:
    from allauth.account.models import EmailAddress

    password = make_password(DEMO_PASSWORD)
    themes = list(Theme.objects.filter(is_active=True).order_by("pk"))
    # The demo's organisations only (not the monitor bench's, which come and go), in a fixed order.
    organisations = list(Organisation.objects.exclude(slug__startswith="bench-").order_by("pk"))
    consent_text = ConsentText.objects.filter(published_at__isnull=False).order_by("-version").first()
    start = at(2021, 4, 1)

    members = Member.objects.bulk_create(
        [
            Member(
                email=f"person{i:05d}@{BENCH_DOMAIN}",
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                kind=rng.choice([Member.Kind.EXPERT, Member.Kind.EXPERT, Member.Kind.ALLY]),
                organisation=rng.choice([None, *organisations]) if organisations else None,
                theme_visibility=rng.choice(Member.ThemeVisibility.values),
                status=Member.Status.APPROVED,
                password=password,
                date_joined=start + dt.timedelta(days=rng.randrange(900)),
            )
            for i in range(n_members)
        ],
        batch_size=2000,
    )
    if not members and (n_circles or n_updates):
        raise ValueError("The benchmark needs at least one generated member.")
    through = Member.themes.through
    copy_instances(
        [
            through(member_id=m.pk, theme_id=t.pk)
            for m in members
            if m.kind == Member.Kind.EXPERT and themes
            for t in rng.sample(themes, rng.randint(1, min(3, len(themes))))
        ],
        model=through,
    )
    copy_instances(EmailAddress(user=m, email=m.email, verified=True, primary=True) for m in members)
    if consent_text is not None:
        copy_instances(Consent(member=m, consent_text=consent_text, given_at=m.date_joined) for m in members)

    Circle.objects.bulk_create(
        [
            Circle(
                name=f"Kring {BENCH_TOPICS[i % len(BENCH_TOPICS)]} {i // len(BENCH_TOPICS) + 1}",
                slug=f"{BENCH_SLUG_PREFIX}{i + 1:03d}",
                summary="Een kring om ervaringen te delen en samen te leren.",
                description="We komen één keer per maand bij elkaar. Iedereen is welkom.",
                join_policy=rng.choice(Circle.JoinPolicy.values),
                meets="Eén keer per maand",
                position=100 + i,
            )
            for i in range(n_circles)
        ]
    )
    circles = list(Circle.objects.order_by("position", "pk"))

    # Every circle gets one generated lead (who writes its generated updates) and members.
    memberships: dict[tuple[int, int], CircleMembership] = {}
    leads = {}
    for index, circle in enumerate(circles):
        lead = members[index % len(members)]
        leads[circle.pk] = lead
        memberships[circle.pk, lead.pk] = CircleMembership(circle=circle, member=lead, role=CircleMembership.Role.LEAD)
    for member in members:
        for circle in rng.sample(circles, min(len(circles), rng.randint(1, 3))):
            memberships.setdefault(
                (circle.pk, member.pk),
                CircleMembership(
                    circle=circle,
                    member=member,
                    status=rng.choice([CircleMembership.Status.ACTIVE] * 9 + [CircleMembership.Status.REQUESTED]),
                ),
            )
    copy_instances(memberships.values())

    bodies = [_bench_markdown(rng) for _ in range(40)]
    rendered = [render_markdown(body) for body in bodies]
    updates = []
    for i in range(n_updates):
        circle = circles[i % len(circles)]
        b = rng.randrange(len(bodies))
        updates.append(
            CircleUpdate(
                circle=circle,
                author=leads[circle.pk],
                title=f"Stand van zaken {i // len(circles) + 1}",
                body=bodies[b],
                body_html=rendered[b],
                published_at=start + dt.timedelta(minutes=rng.randrange(60 * 24 * 900)),
            )
        )
    copy_instances(updates)
