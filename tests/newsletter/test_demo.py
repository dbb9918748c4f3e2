"""The demo network has the sent edition of seed 002 and an edition in preparation with requests out."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samenspel.newsletter.models import Delivery, Edition, EditionItem, Subscriber
from samenspel.newsletter.selectors import requests_waiting_for

pytestmark = pytest.mark.django_db


def test_the_demo_tells_the_newsletter_of_seed_002(client):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # twice: nothing doubles

    sent = Edition.objects.get(title="Stand van zaken vanuit de kringen")
    assert sent.status == Edition.Status.SENT and sent.visibility == "public"
    items = list(EditionItem.objects.filter(edition=sent).order_by("position"))
    assert [item.note for item in items] == [
        "Kring Buurtteams Bondgenoten",
        "Kring Armoede/Bestaanszekerheid",
        "Kring Onderzoek",
        "Kring Nieuw Werk",
    ]
    assert Delivery.objects.filter(edition=sent, status="sent").count() == sent.sent_count == 12
    page = client.get(reverse("newsletter:edition", args=[sent.pk])).content.decode()
    assert "14 december" in page and "Kring Onderzoek" in page
    assert reverse("newsletter:edition", args=[sent.pk]) in client.get(reverse("newsletter:archive")).content.decode()

    preparing = Edition.objects.get(status=Edition.Status.DRAFT)
    assert preparing.requests.count() == 4
    assert preparing.requests.filter(update__isnull=False).count() == 2
    assert preparing.requests.filter(reminded_at__isnull=False).count() == 1
    lead = preparing.requests.get(circle__slug="buurtteams-bondgenoten").circle.memberships.get(role="lead").member
    assert [request.edition for request in requests_waiting_for(lead)] == [preparing]
    assert Subscriber.objects.filter(confirmed_at__isnull=True).count() == 1
