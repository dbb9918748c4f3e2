"""Every organisations form, posted through the client by a coordinator, every field read back."""

import pytest
from django.urls import reverse

from samenspel.organisations.models import Organisation, Team
from tests.factories.organisations import TeamFactory
from tests.round_trip import assert_page_offers, assert_saved

pytestmark = pytest.mark.django_db

ORGANISATION = {
    "name": "Samen Zuidoost",
    "slug": "samen-zuidoost",
    "kind": Organisation.Kind.PARTNER,
    "description": "Een partner in Zuidoost.\nMet twee regels.",
    "website": "https://samen-zuidoost.example.org/over-ons",
}


def test_organisation_form_create(personas, client_for):
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(reverse("organisations:create")), ORGANISATION)
    response = client.post(reverse("organisations:create"), ORGANISATION)
    assert response.status_code == 302
    assert_saved(Organisation.objects.get(slug="samen-zuidoost"), ORGANISATION)


def test_organisation_form_edit_changes_every_field(personas, client_for):
    organisation = personas.organisation
    assert organisation.kind != Organisation.Kind.PARTNER
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(reverse("organisations:edit", args=[organisation.slug])), ORGANISATION)
    response = client.post(reverse("organisations:edit", args=[organisation.slug]), ORGANISATION)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:detail", args=["samen-zuidoost"])
    organisation.refresh_from_db()
    assert_saved(organisation, ORGANISATION)


def test_organisation_form_edit_can_empty_the_optional_fields(personas, client_for):
    organisation = personas.organisation
    Organisation.objects.filter(pk=organisation.pk).update(description="Oud", website="https://oud.example.org")
    data = {**ORGANISATION, "description": "", "website": ""}
    client_for(personas.coordinator).post(reverse("organisations:edit", args=[organisation.slug]), data)
    organisation.refresh_from_db()
    assert (organisation.description, organisation.website) == ("", "")


def test_organisation_form_adds_https_to_a_bare_website(personas, client_for):
    data = {**ORGANISATION, "website": "samen-zuidoost.example.org"}
    client_for(personas.coordinator).post(reverse("organisations:create"), data)
    assert Organisation.objects.get(slug="samen-zuidoost").website == "https://samen-zuidoost.example.org"


def test_team_form_create(personas, client_for):
    slug = personas.organisation.slug
    data = {"name": "Buurtteam Bijlmer", "area": "Zuidoost"}
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(reverse("organisations:team_create", args=[slug])), data)
    response = client.post(reverse("organisations:team_create", args=[slug]), data)
    assert response.status_code == 302
    team = Team.objects.get(organisation=personas.organisation)
    assert_saved(team, data)


def test_team_form_edit(personas, client_for):
    team = TeamFactory(organisation=personas.organisation)
    data = {"name": "Buurtteam Noord-Oost", "area": "Noord"}
    url = reverse("organisations:team_edit", args=[personas.organisation.slug, team.pk])
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(url), data)
    assert client.post(url, data).status_code == 302
    team.refresh_from_db()
    assert_saved(team, data)
    assert team.organisation == personas.organisation
