"""Factories for the meetings app: meetings and registrations."""

import datetime
import secrets

import factory
from django.utils import timezone

from samenspel.meetings.models import Meeting, Registration, Visibility

from .members import MemberFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    """A published network meeting (circle=None) for members, a week from now, 20 places."""

    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    description = "We praten samen over ervaringskennis."
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Buurthuis De Meeuw, Amsterdam"
    capacity = 20
    visibility = Visibility.MEMBERS
    status = Meeting.Status.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed member registration; pass member=None with name/email for a visitor."""

    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(MemberFactory)
    status = Registration.Status.CONFIRMED
    token_hash = factory.LazyFunction(lambda: secrets.token_hex(32))
    language = "nl"
