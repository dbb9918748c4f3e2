"""Factories for the organisations app: organisations and their teams."""

import factory

from samenspel.organisations.models import Organisation, Team


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = Organisation.Kind.NEIGHBOURHOOD_TEAMS


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Buurtteam {n}")
    area = "Noord"
