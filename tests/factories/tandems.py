"""Factories for the tandems app.

- An organisation's own data: experts (with training), professionals and tandems, people who are
  not platform members (`ExpertFactory`, `TrainingFactory`, `ProfessionalFactory`, `TandemFactory`).
- The trajectory: tandems whose expert and professional are members and who have a coach
  (`CoachedTandemFactory`), a trajectory with modules, sessions (meetings) and enrolments.
- Dated builders for the monitor's hand-worked figures (`expert`, `professional`, `tandem`,
  `trajectory`, with exact dates; `D` is `datetime.date`).
"""

import datetime
import itertools
from decimal import Decimal

import factory
from django.utils import timezone

from samenspel.meetings.models import Meeting, Visibility
from samenspel.tandems.models import (
    EmployedExpert,
    Enrolment,
    Module,
    Professional,
    Tandem,
    Training,
    Trajectory,
    TrajectorySession,
)
from samenspel.tandems.services.trajectory import session_title

from .meetings import MeetingFactory
from .members import MemberFactory
from .organisations import OrganisationFactory, TeamFactory

# An organisation's own data (people who are not platform members).


class ExpertFactory(factory.django.DjangoModelFactory):
    """An expert by experience who is not a platform member: initials and a reference."""

    class Meta:
        model = EmployedExpert

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.organisation))
    initials = "A.B."
    internal_reference = factory.Sequence(lambda n: f"ED-{n:03d}")
    hours_per_week = Decimal("24")
    started_on = datetime.date(2023, 1, 1)


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    expert = factory.SubFactory(ExpertFactory)
    course = "Ervaringsdeskundigheid niveau 4"
    started_on = datetime.date(2023, 2, 1)


class ProfessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Professional

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.organisation))
    initials = "C.D."
    internal_reference = factory.Sequence(lambda n: f"PRO-{n:03d}")


class TandemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tandem

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.organisation))
    expert = factory.LazyAttribute(lambda o: ExpertFactory(organisation=o.organisation, team=o.team))
    professional = factory.LazyAttribute(lambda o: ProfessionalFactory(organisation=o.organisation, team=o.team))
    started_on = datetime.date(2023, 3, 1)
    status = Tandem.Status.ACTIVE


# The trajectory (tandems of members, with a coach).


class MemberExpertFactory(factory.django.DjangoModelFactory):
    """An expert by experience who is a platform member."""

    class Meta:
        model = EmployedExpert

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.organisation))
    member = factory.SubFactory(MemberFactory)
    hours_per_week = Decimal("24")
    started_on = datetime.date(2023, 1, 1)


class MemberProfessionalFactory(factory.django.DjangoModelFactory):
    """A professional who is a platform member."""

    class Meta:
        model = Professional

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.organisation))
    member = factory.SubFactory(MemberFactory)


class CoachedTandemFactory(factory.django.DjangoModelFactory):
    """A tandem of two members with a coach (member), as in the trajectory."""

    class Meta:
        model = Tandem

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.organisation))
    expert = factory.LazyAttribute(lambda o: MemberExpertFactory(organisation=o.organisation, team=o.team))
    professional = factory.LazyAttribute(lambda o: MemberProfessionalFactory(organisation=o.organisation, team=o.team))
    started_on = datetime.date(2023, 3, 1)
    status = Tandem.Status.ACTIVE
    coach = factory.SubFactory(MemberFactory)


class TrajectoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trajectory

    title = factory.Sequence(lambda n: f"Tandem Ontwikkel Traject {n}")
    slug = factory.Sequence(lambda n: f"tot-{n}")
    description = "Samen leren, als tandem."


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    trajectory = factory.SubFactory(TrajectoryFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Module {n}")
    goal = "Je kent elkaars kracht."


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrajectorySession

    module = factory.SubFactory(ModuleFactory)
    meeting = factory.LazyAttribute(
        lambda o: MeetingFactory(
            title=session_title(o.module),  # as the service makes it: cut to the field's length
            starts_at=timezone.now() - datetime.timedelta(days=2),
            ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=2),
            status=Meeting.Status.PUBLISHED,
            visibility=Visibility.MEMBERS,
        )
    )
    led_by = "Trainersduo Anna en Bas"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    tandem = factory.SubFactory(CoachedTandemFactory)
    trajectory = factory.SubFactory(TrajectoryFactory)
    enrolled_on = datetime.date(2024, 1, 15)


# Dated builders for the monitor's hand-worked figures.

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
