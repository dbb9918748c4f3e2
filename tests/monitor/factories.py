"""Small builders of the tandems data the monitor counts, with exact dates (for hand-worked figures)."""

import datetime
import itertools
from decimal import Decimal

from samenspel.tandems.models import EmployedExpert, Enrolment, Professional, Tandem, Training, Trajectory

_refs = itertools.count(1)
D = datetime.date
EXPERT_START = D(2023, 1, 1)
TANDEM_START = D(2023, 3, 1)


def expert(team, *, hours="24", start=EXPERT_START, end=None, trained_on=None, training_started=None):
    person = EmployedExpert.objects.create(
        organisation=team.organisation,
        team=team,
        initials="X.",
        internal_reference=f"ED-{next(_refs)}",
        hours_per_week=Decimal(hours),
        started_on=start,
        ended_on=end,
    )
    if trained_on or training_started:
        Training.objects.create(
            expert=person,
            course="Ervaringsdeskundige niveau 4",
            started_on=training_started or (trained_on - datetime.timedelta(days=90)),
            completed_on=trained_on,
        )
    return person


def professional(team):
    return Professional.objects.create(
        organisation=team.organisation, team=team, initials="P.", internal_reference=f"PRO-{next(_refs)}"
    )


def trajectory():
    return Trajectory.objects.get_or_create(slug="tot", defaults={"title": "Tandem Ontwikkel Traject"})[0]


def tandem(
    team, *, partner=None, start=TANDEM_START, end=None, status=Tandem.Status.ACTIVE, enrolled=None, completed=None
):
    partner = partner or expert(team)
    pair = Tandem.objects.create(
        organisation=team.organisation,
        team=team,
        expert=partner,
        professional=professional(team),
        started_on=start,
        ended_on=end,
        status=status,
    )
    if enrolled:
        Enrolment.objects.create(tandem=pair, trajectory=trajectory(), enrolled_on=enrolled, completed_on=completed)
    return pair
