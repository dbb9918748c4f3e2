"""Factories for the notifications app."""

import factory

from samenspel.notifications.models import EmailState, Kind, Notification
from tests.factories.members import MemberFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(MemberFactory)
    kind = Kind.CIRCLE_UPDATE
    message = "circle_update.published"
    params = factory.Sequence(lambda n: {"circle": "Kring Onderzoek", "title": f"Stand van zaken {n}"})
    link = "/circles/onderzoek/updates/"
    email_state = EmailState.PENDING
