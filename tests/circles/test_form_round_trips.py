"""Every circles form, posted through the client as the person who uses it, every field read back.

Forms whose full round trip is already elsewhere: InviteForm (test_invitations.py::
test_members_leads_and_coordinators_can_invite), DecisionForm (test_requests.py::
test_kartrekker_approves_and_requester_gets_email_in_own_language, ::test_coordinator_refuses_and_the_request_is_gone),
LeadForm (test_manage.py::test_coordinator_makes_a_member_kartrekker_and_removes_the_role).
"""

import pytest
from django.urls import reverse

from samenspel.circles.models import Circle, CircleUpdate
from tests.factories.circles import CircleUpdateFactory
from tests.round_trip import assert_page_offers, assert_saved

pytestmark = pytest.mark.django_db

CIRCLE = {
    "name": "Kring Nieuw Werk",
    "slug": "nieuw-werk",
    "summary": "Betaald nieuw werk voor ervaringsdeskundigen.",
    "description": "We zoeken samen naar werk.\nEn we lezen samen.",
    "join_policy": Circle.JoinPolicy.ON_REQUEST,
    "meets": "Eens per maand, dinsdagavond",
}


def test_circle_form_create(personas, client_for):
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(reverse("circles:create")), CIRCLE)
    response = client.post(reverse("circles:create"), CIRCLE)
    assert response.status_code == 302
    assert_saved(Circle.objects.get(slug="nieuw-werk"), CIRCLE)


def test_circle_form_edit_changes_every_field(personas, client_for):
    circle = personas.circle
    data = {**CIRCLE, "name": "Kring Onderzoek en Praktijk", "slug": "onderzoek-praktijk"}
    assert circle.join_policy == Circle.JoinPolicy.OPEN
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(reverse("circles:edit", args=[circle.slug])), data)
    response = client.post(reverse("circles:edit", args=[circle.slug]), data)
    assert response.status_code == 302
    circle.refresh_from_db()
    assert_saved(circle, data)


def test_circle_form_edit_can_empty_the_optional_field(personas, client_for):
    circle = personas.circle
    Circle.objects.filter(pk=circle.pk).update(meets="Elke maand")
    data = {**CIRCLE, "name": circle.name, "slug": circle.slug, "meets": ""}
    client_for(personas.coordinator).post(reverse("circles:edit", args=[circle.slug]), data)
    circle.refresh_from_db()
    assert circle.meets == ""


def test_update_form_create(personas, client_for):
    data = {"title": "Stand van zaken maart", "body": "We zijn **gestart**."}
    client = client_for(personas.kartrekker)
    assert_page_offers(client.get(reverse("circles:update_create", args=[personas.circle.slug])), data)
    response = client.post(reverse("circles:update_create", args=[personas.circle.slug]), data)
    assert response.status_code == 302
    update = CircleUpdate.objects.get(circle=personas.circle)
    assert (update.title, update.body, update.author) == (data["title"], data["body"], personas.kartrekker)
    assert "<strong>gestart</strong>" in update.body_html


def test_update_form_edit(personas, client_for):
    update = CircleUpdateFactory(circle=personas.circle, author=personas.kartrekker)
    data = {"title": "Nieuwe titel", "body": "Nieuwe *tekst*."}
    url = reverse("circles:update_edit", args=[personas.circle.slug, update.pk])
    client = client_for(personas.kartrekker)
    assert_page_offers(client.get(url), data)
    assert client.post(url, data).status_code == 302
    update.refresh_from_db()
    assert (update.title, update.body) == (data["title"], data["body"])
    assert "<em>tekst</em>" in update.body_html
