"""Monitor data at the scale the issue tests: 7 organisations x 40 teams x 12 closed quarters.

`seed_monitor()` is called by `manage.py seed_bench` (the same scale at every factor, so the query
counts at 1x and 10x compare like with like) and by the query-count tests. Deterministic and
idempotent: the generated organisations have slugs starting with `bench-org-`.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from samenspel.monitor import indicators, services
from samenspel.monitor.models import LevelAssessment, Period, Snapshot
from samenspel.organisations.models import Organisation, Team
from samenspel.tandems.models import EmployedExpert, Enrolment, Professional, Tandem, Training, Trajectory

PREFIX = "bench-org-"
ORGANISATIONS, TEAMS, PERIODS = 7, 40, 12
FIRST_QUARTER = (2022, 1)  # 12 quarters: 2022 Q1 to 2024 Q4


def quarters(first=FIRST_QUARTER, count=PERIODS) -> list[tuple[int, int]]:
    year, quarter = first
    out = []
    for _ in range(count):
        out.append((year, quarter))
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return out


@transaction.atomic
def seed_monitor(
    *, organisations: int = ORGANISATIONS, teams: int = TEAMS, periods: int = PERIODS, seed=2021, prefix=PREFIX
):
    """Organisations with teams, experts (some trained), tandems (some in the trajectory), assessments,
    and `periods` closed quarters. Returns what it made."""
    if Organisation.objects.filter(slug__startswith=prefix).exists():
        return {"created": False, "organisations": organisations, "teams": organisations * teams, "periods": periods}
    rng = random.Random(seed)
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(name=f"{prefix}{i + 1}", slug=f"{prefix}{i + 1}", kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
            for i in range(organisations)
        ]
    )
    all_teams = Team.objects.bulk_create(
        [Team(organisation=o, name=f"Team {o.pk}-{t + 1}", area="Bench") for o in orgs for t in range(teams)]
    )
    span = quarters(count=periods)
    first_day = Period(year=span[0][0], quarter=span[0][1]).starts_on
    last_day = Period(year=span[-1][0], quarter=span[-1][1]).ends_on
    days = (last_day - first_day).days
    experts, professionals = [], []
    for team in all_teams:
        for n in range(rng.randint(0, 3)):
            start = first_day + datetime.timedelta(days=rng.randint(0, days))
            experts.append(
                EmployedExpert(
                    organisation_id=team.organisation_id,
                    team=team,
                    initials="B.",
                    internal_reference=f"B-{team.pk}-{n}",
                    hours_per_week=Decimal(rng.choice([12, 16, 20, 24, 28, 32])),
                    started_on=start,
                )
            )
            professionals.append(
                Professional(
                    organisation_id=team.organisation_id,
                    team=team,
                    initials="P.",
                    internal_reference=f"BP-{team.pk}-{n}",
                )
            )
    experts = EmployedExpert.objects.bulk_create(experts)
    professionals = Professional.objects.bulk_create(professionals)
    Training.objects.bulk_create(
        [
            Training(
                expert=e,
                course="Ervaringsdeskundige niveau 4",
                started_on=e.started_on,
                completed_on=e.started_on + datetime.timedelta(days=120),
            )
            for e in experts
            if rng.random() < 0.7
        ]
    )
    tandems = Tandem.objects.bulk_create(
        [
            Tandem(
                organisation_id=e.organisation_id,
                team_id=e.team_id,
                expert=e,
                professional=p,
                started_on=e.started_on + datetime.timedelta(days=30),
                status=Tandem.Status.ACTIVE,
            )
            for e, p in zip(experts, professionals, strict=True)
            if rng.random() < 0.8
        ]
    )
    trajectory, _created = Trajectory.objects.get_or_create(
        slug="bench-trajectory", defaults={"title": "Bench trajectory", "is_active": False}
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                tandem=t,
                trajectory=trajectory,
                enrolled_on=t.started_on + datetime.timedelta(days=30),
                completed_on=t.started_on + datetime.timedelta(days=300) if rng.random() < 0.5 else None,
            )
            for t in tandems
            if rng.random() < 0.7
        ]
    )
    for year, quarter in span:
        period = services.get_or_create_period(year=year, quarter=quarter)
        LevelAssessment.objects.bulk_create(
            [
                LevelAssessment(
                    organisation=o, period=period, level=level, step=rng.randint(1, 4), explanation="Bench."
                )
                for o in orgs
                for level in LevelAssessment.Level.values
            ],
            ignore_conflicts=True,
        )
        if not period.is_closed:
            services.close_period(actor=None, period=period, today=period.ends_on + datetime.timedelta(days=1))
        else:  # closed before (by the demo): add the bench organisations' snapshots
            computed = indicators.compute(on=period.ends_on, period=period)
            Snapshot.objects.bulk_create(
                [
                    Snapshot(period=period, organisation=r.organisation, data=services.snapshot_data(r))
                    for r in computed.organisations
                    if r.organisation.slug.startswith(prefix)
                ]
            )
    return {"created": True, "organisations": organisations, "teams": len(all_teams), "periods": periods}
