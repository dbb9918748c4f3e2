"""Factories for the opportunities app: areas, opportunities, responses, realised work."""

import datetime

import factory
from django.utils import timezone

from samenspel.lib.markdown import render_markdown
from samenspel.opportunities.models import Area, MatchingOptIn, Opportunity, RealisedWork, Response
from samenspel.opportunities.texts import OPT_IN_TEXT_VERSION

from .members import MemberFactory


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("name_nl",)

    name_nl = factory.Sequence(lambda n: f"Stadsdeel {n}")
    name_en = factory.Sequence(lambda n: f"District {n}")


class OpportunityFactory(factory.django.DjangoModelFactory):
    """A published, public design session, open for responses for two more weeks."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    kind = Opportunity.Kind.DESIGN_SESSION
    title = factory.Sequence(lambda n: f"Ontwerpsessie {n}")
    description = "We zoeken mensen die **mee willen denken**."
    description_html = factory.LazyAttribute(lambda o: render_markdown(o.description, under=2))
    offered_by = "Kenniscentrum Ongelijkheid"
    respond_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    audience = Opportunity.Audience.PUBLIC
    status = Opportunity.Status.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status in (Opportunity.Status.PUBLISHED, Opportunity.Status.CLOSED) else None
    )

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class MatchingOptInFactory(factory.django.DjangoModelFactory):
    """An active choice for invitations, with no wishes (every kind, any day, no limit, anywhere)."""

    class Meta:
        model = MatchingOptIn
        skip_postgeneration_save = True

    member = factory.SubFactory("tests.factories.members.MemberFactory")
    text_version = OPT_IN_TEXT_VERSION
    text = "Ik wil uitnodigingen voor kansen die bij mijn thema's passen."
    language = "nl"

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    opportunity = factory.SubFactory(OpportunityFactory)
    member = factory.SubFactory(MemberFactory)
    note = "Ik doe graag mee."


class RealisedWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RealisedWork

    opportunity = factory.SubFactory(OpportunityFactory, kind=Opportunity.Kind.PAID_JOB, pay=Opportunity.Pay.HOURLY)
    member = factory.SubFactory(MemberFactory)
    hours = 10
    fee = 250
    ended_on = datetime.date(2026, 8, 31)
    started_on = factory.LazyAttribute(lambda row: row.ended_on - datetime.timedelta(days=30))
