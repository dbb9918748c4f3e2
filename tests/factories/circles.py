"""Factories for the circles app: circles, memberships, updates."""

import factory

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.lib.markdown import render_markdown

from .members import MemberFactory


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle

    name = factory.Sequence(lambda n: f"Kring {n}")
    slug = factory.Sequence(lambda n: f"kring-{n}")
    summary = "Een kring over een thema."
    description = "Wij komen één keer per maand bij elkaar."


class CircleMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircleMembership

    circle = factory.SubFactory(CircleFactory)
    member = factory.SubFactory(MemberFactory)


class CircleUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircleUpdate

    circle = factory.SubFactory(CircleFactory)
    author = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Stand van zaken {n}")
    body = "De kring is **volop** in beweging."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))
