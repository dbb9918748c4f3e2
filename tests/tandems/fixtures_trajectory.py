"""The trajectory world for the tests: import the `tot` fixture into a test module to use it.

(Kept out of a conftest.py so the organisation tests' fixtures and these cannot clash.)
"""

from dataclasses import dataclass

import pytest

from samenspel.tandems.models import CoachRole, Enrolment, Module, Tandem, Trajectory, TrajectorySession
from tests.factories.members import MemberFactory
from tests.factories.organisations import OrganisationFactory
from tests.factories.tandems import (
    CoachedTandemFactory,
    EnrolmentFactory,
    ModuleFactory,
    SessionFactory,
    TrajectoryFactory,
)


@dataclass
class TotWorld:
    personas: object
    trajectory: Trajectory
    modules: list[Module]
    sessions: list[TrajectorySession]
    tandem: Tandem  # of the personas' organisation, enrolled
    enrolment: Enrolment
    expert: object  # the member who is the tandem's expert by experience
    professional: object
    coach: object
    other_tandem: Tandem  # of another organisation, enrolled
    other_enrolment: Enrolment
    other_rep: object  # represents the other organisation


@pytest.fixture(name="tot")
def tot_fixture(personas) -> TotWorld:
    trajectory = TrajectoryFactory(title="Tandem Ontwikkel Traject", slug="tot")
    modules = [
        ModuleFactory(trajectory=trajectory, position=1, title="Kennismaken als tandem"),
        ModuleFactory(trajectory=trajectory, position=2, title="Ervaringskennis in het buurtteam"),
    ]
    sessions = [SessionFactory(module=module) for module in modules]
    expert, professional, coach = (
        MemberFactory(name="Eva Expert"),
        MemberFactory(name="Paul Professional"),
        MemberFactory(name="Carla Coach"),
    )
    CoachRole.objects.create(member=coach, granted_by=personas.coordinator)  # coordinators give the role
    tandem = CoachedTandemFactory(organisation=personas.organisation, coach=coach)
    tandem.expert.member = expert
    tandem.expert.save(update_fields=["member"])
    tandem.professional.member = professional
    tandem.professional.save(update_fields=["member"])
    enrolment = EnrolmentFactory(tandem=tandem, trajectory=trajectory)
    other_org = OrganisationFactory(name="Buurtteams Zuid", slug="bt-zuid")
    other_rep = MemberFactory(name="Rob Rep")
    other_org.representatives.add(other_rep)
    other_tandem = CoachedTandemFactory(organisation=other_org)
    other_enrolment = EnrolmentFactory(tandem=other_tandem, trajectory=trajectory)
    return TotWorld(
        personas=personas,
        trajectory=trajectory,
        modules=modules,
        sessions=sessions,
        tandem=tandem,
        enrolment=enrolment,
        expert=expert,
        professional=professional,
        coach=coach,
        other_tandem=other_tandem,
        other_enrolment=other_enrolment,
        other_rep=other_rep,
    )


@pytest.fixture(name="english", autouse=True)
def english_fixture(settings):
    """Pages in English (the test settings' language), whatever a persona's own language."""
    settings.LANGUAGE_CODE = "en"
