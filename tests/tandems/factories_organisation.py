"""Factories for an organisation's own data: experts (with training), professionals, tandems."""

import datetime
from decimal import Decimal

import factory

from samenspel.tandems.models import EmployedExpert, Professional, Tandem, Training
from tests.factories import OrganisationFactory, TeamFactory


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
