"""The newsletter's personal data in "download my data" and "delete my account": choices, the
editions received, a public subscription and a blocked entry of the member's address."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.newsletter.models import Delivery, Edition, MemberOptIn, Subscriber, Suppression
from tests.factories.newsletter import EditionFactory, MemberOptInFactory, SubscriberFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture
def reader(personas):
    member = personas.member
    old = MemberOptInFactory(member=member, withdrawn_at=timezone.now(), withdrawn_how="link")
    choice = MemberOptInFactory(member=member)
    sent = EditionFactory(title="Stand van zaken december", status=Edition.Status.SENT)
    Delivery.objects.create(edition=sent, email=member.email, opt_in=choice, status="sent", sent_at=timezone.now())
    Delivery.objects.create(edition=EditionFactory(), email=member.email, opt_in=old, status="failed")
    SubscriberFactory(email=member.email.upper())  # subscribed publicly too, with the same address
    Suppression.objects.create(email=member.email)
    other = SubscriberFactory(email="ander@example.net")
    Delivery.objects.create(edition=sent, email=other.email, subscriber=other, status="sent")
    EditionFactory(title="Door mij gestart", created_by=member)
    return member


def test_download_holds_the_newsletter_data(client_for, reader):
    data = json.loads(client_for(reader).get(reverse("members:my_data")).content)
    assert len(data["newsletter_choices"]) == 2
    assert data["newsletter_choices"][0]["text"] == "Ja, stuur mij de nieuwsbrief."
    assert {row["edition__title"] for row in data["newsletter_editions_received"]} >= {"Stand van zaken december"}
    assert len(data["newsletter_editions_received"]) == 2
    assert data["newsletter_subscriptions"][0]["confirmed_at"]
    assert data["newsletter_blocked_addresses"][0]["reason"] == "bounce"
    assert data["newsletter_editions_started"][0]["title"] == "Door mij gestart"
    assert "ander@example.net" not in json.dumps(data, default=str)


def test_deleting_the_account_deletes_the_newsletter_data(client_for, reader):
    email = reader.email
    response = client_for(reader).post(reverse("members:delete_account"), {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302
    assert not MemberOptIn.objects.exists()
    assert not Delivery.objects.filter(email__iexact=email).exists()
    assert not Subscriber.objects.filter(email__iexact=email).exists()
    assert not Suppression.objects.filter(email__iexact=email).exists()
    assert Delivery.objects.filter(email="ander@example.net").exists()  # someone else's stays
    started = Edition.objects.get(title="Door mij gestart")
    assert started.created_by is None  # the edition stays, without who started it
