"""Factories for the trajectory tests: people of an organisation, tandems, a trajectory with modules."""

import datetime
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
    Trajectory,
    TrajectorySession,
)
from samenspel.tandems.services_trajectory import session_title
from tests.factories import MeetingFactory, MemberFactory, OrganisationFactory, TeamFactory


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployedExpert

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.organisation))
    member = factory.SubFactory(MemberFactory)
    hours_per_week = Decimal("24")
    started_on = datetime.date(2023, 1, 1)


class ProfessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Professional

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.organisation))
    member = factory.SubFactory(MemberFactory)


class TandemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tandem

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.organisation))
    expert = factory.LazyAttribute(lambda o: ExpertFactory(organisation=o.organisation, team=o.team))
    professional = factory.LazyAttribute(lambda o: ProfessionalFactory(organisation=o.organisation, team=o.team))
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

    tandem = factory.SubFactory(TandemFactory)
    trajectory = factory.SubFactory(TrajectoryFactory)
    enrolled_on = datetime.date(2024, 1, 15)
