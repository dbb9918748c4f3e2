"""Factories for the newsletter app: editions, requests, members' choices, subscribers, deliveries."""

import datetime

import factory
from django.utils import timezone

from samenspel.newsletter import sections
from samenspel.newsletter.models import Delivery, Edition, MemberOptIn, Subscriber, UpdateRequest

from .circles import CircleFactory
from .members import MemberFactory


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition in preparation for everyone, two weeks from today, updates due in a week."""

    class Meta:
        model = Edition

    title = "Stand van zaken vanuit de kringen"
    issue_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    introduction = "De kringen zijn **volop** in beweging."
    introduction_html = "<p>De kringen zijn <strong>volop</strong> in beweging.</p>"
    sections = factory.LazyFunction(sections.default_order)


class UpdateRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UpdateRequest

    edition = factory.SubFactory(EditionFactory)
    circle = factory.SubFactory(CircleFactory)


class MemberOptInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberOptIn

    member = factory.SubFactory(MemberFactory)
    text_version = 1
    text = "Ja, stuur mij de nieuwsbrief."
    language = "nl"


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A public subscriber who confirmed their address."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lezer{n}@example.net")
    language = "nl"
    text_version = 1
    text = "Ja, stuur de nieuwsbrief naar dit adres."
    confirmed_at = factory.LazyFunction(timezone.now)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    edition = factory.SubFactory(EditionFactory)
    subscriber = factory.SubFactory(SubscriberFactory)
    email = factory.LazyAttribute(lambda o: o.subscriber.email if o.subscriber else "someone@example.net")
