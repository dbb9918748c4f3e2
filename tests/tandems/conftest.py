"""Fixtures of the tandems tests (the trajectory world `tot` is in tests/fixtures/trajectory.py).

`org_world`: the example organisation of the personas with a team, an expert, a professional and a tandem,
and a second organisation with its own representative and data (for "another organisation" tests)."""

from dataclasses import dataclass

import pytest

from samenspel.members.models import Member
from tests.factories.members import MemberFactory
from tests.factories.organisations import OrganisationFactory, TeamFactory
from tests.factories.tandems import ExpertFactory, ProfessionalFactory, TandemFactory, TrainingFactory


@dataclass
class OrgWorld:
    personas: object
    organisation: object
    team: object
    expert: object
    training: object
    professional: object
    tandem: object
    other: object
    other_rep: Member
    other_team: object
    other_expert: object
    other_professional: object
    other_tandem: object


@pytest.fixture
def org_world(personas) -> OrgWorld:
    organisation = personas.organisation
    team = TeamFactory(organisation=organisation, name="Buurtteam Osdorp", area="Nieuw-West")
    expert = ExpertFactory(organisation=organisation, team=team, initials="M.A.", internal_reference="ED-1")
    training = TrainingFactory(expert=expert)
    professional = ProfessionalFactory(organisation=organisation, team=team, initials="J.K.", internal_reference="P-1")
    tandem = TandemFactory(organisation=organisation, team=team, expert=expert, professional=professional)
    other = OrganisationFactory(name="Buurtwerk Oost", slug="buurtwerk-oost")
    other_rep = MemberFactory(name="Rita Rep", kind=Member.Kind.ALLY, organisation=other)
    other.representatives.add(other_rep)
    other_team = TeamFactory(organisation=other, name="Buurtteam Watergraafsmeer", area="Oost")
    other_expert = ExpertFactory(organisation=other, team=other_team, initials="X.Y.", internal_reference="ED-9")
    other_professional = ProfessionalFactory(organisation=other, team=other_team, internal_reference="P-9")
    other_tandem = TandemFactory(
        organisation=other, team=other_team, expert=other_expert, professional=other_professional
    )
    return OrgWorld(
        personas=personas,
        organisation=organisation,
        team=team,
        expert=expert,
        training=training,
        professional=professional,
        tandem=tandem,
        other=other,
        other_rep=other_rep,
        other_team=other_team,
        other_expert=other_expert,
        other_professional=other_professional,
        other_tandem=other_tandem,
    )
