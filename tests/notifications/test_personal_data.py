"""A person's messages and email choices are in "Download my data" and go with their account."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.notifications.models import Kind, Notification, NotificationSetting
from tests.factories.notifications import NotificationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_download_holds_my_messages_and_choices_and_no_one_elses(personas, client_for):
    NotificationFactory(recipient=personas.member, params={"circle": "Kring Onderzoek", "title": "Mijn update"})
    NotificationFactory(recipient=personas.kartrekker, params={"circle": "Kring Onderzoek", "title": "Niet van mij"})
    NotificationSetting.objects.create(member=personas.member, kind=Kind.MEETING, frequency="never")

    data = json.loads(client_for(personas.member).get(reverse("members:my_data")).content)

    assert [row["params"]["title"] for row in data["messages"]] == ["Mijn update"]
    assert data["messages"][0]["link"] == "/circles/onderzoek/updates/"
    assert data["message_email_choices"] == [
        {"kind": "meeting", "frequency": "never", "changed_at": data["message_email_choices"][0]["changed_at"]}
    ]


def test_deleting_the_account_deletes_its_messages_and_choices(personas, client_for):
    person = personas.member
    NotificationFactory(recipient=person, read_at=timezone.now())
    NotificationSetting.objects.create(member=person, kind=Kind.MEETING, frequency="never")
    theirs = NotificationFactory(recipient=personas.kartrekker)

    response = client_for(person).post(
        reverse("members:delete_account"),
        {"confirm": "on", "password": "a-long-test-password"},  # every factory member's
    )

    assert response.status_code == 302
    assert list(Notification.objects.all()) == [theirs]
    assert not NotificationSetting.objects.exists()
