"""The crafted data of the indicator tests: two organisations whose figures are worked out by hand.

Period 2024 Q1 (last day 31 March 2024).

Alfa (teams A1, A2, A3):
- E1 in A1, 36 h, since 2023, trained 1 June 2023            -> employed, trained
- E2 in A1, 18 h, since 1 Feb 2024, training not completed    -> employed
- E3 in A2, 24 h, 2022 to 15 Jan 2024                         -> not employed on 31 March
- E4 in A2, 12 h, from 1 April 2024                           -> not yet
  => employed 2, FTE 54/36 = 1.5, trained 1; teams 3, with an expert 1 (A1), without 2
- T1 (E1) since 2023, enrolled Sept 2023, completed 1 March 2024 -> through
- T2 (E2) since 15 March 2024, enrolled 20 March 2024             -> in
- T3 (E3) 2022 to 15 Jan 2024, ended                              -> not counted
- T4 (E1) from 1 May 2024                                         -> not counted
  => tandems 2, in 1, through 1
- levels: board 2, team leaders 3, professionals 1

Beta (teams B1, B2):
- six experts in B1, 20 h each, all trained in 2023 -> employed 6, FTE 120/36 = 3.33, trained 6
- five tandems in B1, none enrolled, and one marked ended without an end date (not counted)
  => tandems 5; teams with an expert 1
- levels: board 4 (the other two not filled in)

City: teams 5, with an expert 2, employed 8, FTE 4.83, trained 7 (87.5%), tandems 7, in 1, through 1;
levels: board (2+4)/2 = 3.0, team leaders 3.0, professionals 1.0.
"""

from dataclasses import dataclass

import pytest

from samenspel.monitor.models import LevelAssessment, Period
from samenspel.tandems.models import Tandem
from tests.factories.organisations import OrganisationFactory, TeamFactory
from tests.factories.tandems import D, expert, tandem


@dataclass
class Crafted:
    alfa: object
    beta: object
    period: Period
    teams: dict


@pytest.fixture
def crafted(db):
    alfa = OrganisationFactory(name="Alfa", slug="alfa")
    beta = OrganisationFactory(name="Beta", slug="beta")
    teams = {name: TeamFactory(organisation=alfa, name=name) for name in ("A1", "A2", "A3")}
    teams |= {name: TeamFactory(organisation=beta, name=name) for name in ("B1", "B2")}
    e1 = expert(teams["A1"], hours="36", start=D(2023, 1, 1), trained_on=D(2023, 6, 1))
    e2 = expert(teams["A1"], hours="18", start=D(2024, 2, 1), training_started=D(2024, 2, 1))
    e3 = expert(teams["A2"], hours="24", start=D(2022, 1, 1), end=D(2024, 1, 15))
    expert(teams["A2"], hours="12", start=D(2024, 4, 1))
    tandem(teams["A1"], partner=e1, start=D(2023, 3, 1), enrolled=D(2023, 9, 1), completed=D(2024, 3, 1))
    tandem(teams["A1"], partner=e2, start=D(2024, 3, 15), status=Tandem.Status.FORMING, enrolled=D(2024, 3, 20))
    tandem(teams["A2"], partner=e3, start=D(2022, 6, 1), end=D(2024, 1, 15), status=Tandem.Status.ENDED)
    tandem(teams["A1"], partner=e1, start=D(2024, 5, 1))
    beta_experts = [expert(teams["B1"], hours="20", trained_on=D(2023, 9, 1)) for _ in range(6)]
    for person in beta_experts[:5]:
        tandem(teams["B1"], partner=person, start=D(2023, 10, 1))
    tandem(teams["B1"], partner=beta_experts[5], start=D(2023, 1, 1), status=Tandem.Status.ENDED)
    period = Period.objects.create(year=2024, quarter=1)
    for level, step in (("board", 2), ("team_leaders", 3), ("professionals", 1)):
        LevelAssessment.objects.create(organisation=alfa, period=period, level=level, step=step, explanation="x")
    LevelAssessment.objects.create(organisation=beta, period=period, level="board", step=4, explanation="x")
    return Crafted(alfa=alfa, beta=beta, period=period, teams=teams)
