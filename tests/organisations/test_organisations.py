import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.organisations.models import Organisation, Team
from tests.factories.organisations import OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_anyone_sees_the_organisations_and_their_teams(client):
    organisation = OrganisationFactory(name="Buurtwerk Oost")
    TeamFactory(organisation=organisation, name="Buurtteam Watergraafsmeer", area="Oost")
    response = client.get(reverse("organisations:list"))
    assert response.status_code == 200
    assert "Buurtwerk Oost" in response.text
    assert "Buurtteam Watergraafsmeer" in response.text
    detail = client.get(reverse("organisations:detail", args=[organisation.slug]))
    assert detail.status_code == 200
    assert "Buurtteam Watergraafsmeer" in detail.text


def test_unknown_organisation_is_404(client):
    assert client.get(reverse("organisations:detail", args=["does-not-exist"])).status_code == 404


def test_the_list_has_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for i in range(60):
        organisation = OrganisationFactory()
        for j in range(5):
            TeamFactory(organisation=organisation, name=f"Team {i}-{j}")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("organisations:list"))
    assert response.text.count("Team 59-") == 5


@pytest.mark.parametrize("persona", ["pending", "member", "outsider", "kartrekker", "orgrep", "municipality"])
def test_only_coordinators_manage_organisations(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    slug = personas.organisation.slug
    assert client.get(reverse("organisations:create")).status_code == 403
    assert (
        client.post(reverse("organisations:create"), {"name": "X", "slug": "x", "kind": "partner"}).status_code == 403
    )
    assert client.get(reverse("organisations:edit", args=[slug])).status_code == 403
    assert client.post(reverse("organisations:team_create", args=[slug]), {"name": "T", "area": "A"}).status_code == 403
    assert not Organisation.objects.filter(slug="x").exists()
    assert not Team.objects.filter(name="T").exists()


def test_visitors_are_sent_to_log_in(personas, client):
    response = client.get(reverse("organisations:create"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_coordinator_adds_an_organisation_and_a_team(personas, client_for):
    client = client_for(personas.coordinator)
    response = client.post(
        reverse("organisations:create"),
        {"name": "  Samen   Zuidoost ", "slug": "samen-zuidoost", "kind": "buurtteam", "description": XSS},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="samen-zuidoost")
    assert organisation.name == "Samen Zuidoost"
    response = client.post(
        reverse("organisations:team_create", args=[organisation.slug]),
        {"name": "Buurtteam Bijlmer", "area": "Zuidoost"},
    )
    assert response.status_code == 302
    assert organisation.teams.get().area == "Zuidoost"
    page = client.get(reverse("organisations:detail", args=[organisation.slug])).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {"organisation.created", "organisation.team.created"} <= actions


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "slug": "a", "kind": "partner"}, "name"),
        ({"name": "x" * 121, "slug": "a", "kind": "partner"}, "name"),
        ({"name": "A", "slug": "not a slug!", "kind": "partner"}, "slug"),
        ({"name": "A", "slug": "new", "kind": "partner"}, "slug"),
        ({"name": "A", "slug": "a", "kind": "castle"}, "kind"),
        ({"name": "A", "slug": "a", "kind": "partner", "website": "javascript:alert(1)"}, "website"),
    ],
)
def test_bad_organisation_input_gets_a_clear_message(personas, client_for, data, field):
    response = client_for(personas.coordinator).post(reverse("organisations:create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'aria-invalid="true"' in response.text
    assert not Organisation.objects.filter(slug="a").exists()


def test_team_names_are_unique_per_organisation(personas, client_for):
    TeamFactory(organisation=personas.organisation, name="Buurtteam Noord")
    response = client_for(personas.coordinator).post(
        reverse("organisations:team_create", args=[personas.organisation.slug]),
        {"name": "buurtteam noord", "area": "Noord"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert personas.organisation.teams.count() == 1


def test_a_team_of_another_organisation_is_404(personas, client_for):
    foreign_team = TeamFactory()
    client = client_for(personas.coordinator)
    url = reverse("organisations:team_edit", args=[personas.organisation.slug, foreign_team.pk])
    assert client.get(url).status_code == 404
    delete_url = reverse("organisations:team_delete", args=[personas.organisation.slug, foreign_team.pk])
    assert client.post(delete_url).status_code == 404
    assert Team.objects.filter(pk=foreign_team.pk).exists()


def test_coordinator_edits_and_removes_a_team(personas, client_for):
    team = TeamFactory(organisation=personas.organisation, name="Oud", area="West")
    client = client_for(personas.coordinator)
    slug = personas.organisation.slug
    client.post(reverse("organisations:team_edit", args=[slug, team.pk]), {"name": "Nieuw", "area": "West"})
    team.refresh_from_db()
    assert team.name == "Nieuw"
    assert client.get(reverse("organisations:team_delete", args=[slug, team.pk])).status_code == 405
    client.post(reverse("organisations:team_delete", args=[slug, team.pk]))
    assert not Team.objects.filter(pk=team.pk).exists()
