"""One URL tree per organisation: its data pages moved from /tandems/organisations/<slug>/… to
/organisations/<slug>/data/…; every old address redirects permanently, keeping the query string.

The redirect does not look anything up (any slug, any id), so it leaks nothing: whoever follows
it gets exactly the answer of the new address (login, 403 or 404).
"""

import pytest
from django.urls import reverse

from samenspel.tandems import urls as tandems_urls
from tests.factories.organisations import OrganisationFactory
from tests.factories.tandems import ExpertFactory, ProfessionalFactory, TandemFactory, TrainingFactory

NAMES = [entry.name for entry in tandems_urls.organisation_patterns]
QUERY = "team=3&q=caf%C3%A9&q=2"


@pytest.fixture
def data(personas):
    organisation = personas.organisation
    expert = ExpertFactory(organisation=organisation)
    professional = ProfessionalFactory(organisation=organisation, team=expert.team)
    return {
        "organisation": organisation.slug,
        "expert_pk": expert.pk,
        "training_pk": TrainingFactory(expert=expert).pk,
        "professional_pk": professional.pk,
        "tandem_pk": TandemFactory(
            organisation=organisation, team=expert.team, expert=expert, professional=professional
        ).pk,
    }


def urls(name, data):
    params = next(entry for entry in tandems_urls.organisation_patterns if entry.name == name).pattern.converters
    kwargs = {key: value for key, value in data.items() if key in params}
    return reverse(f"tandems:old_{name}", kwargs=kwargs), reverse(f"tandems:{name}", kwargs=kwargs)


def test_the_data_pages_are_in_the_organisations_url_tree(personas):
    assert reverse("tandems:org_detail", args=["bto-noord"]) == "/organisations/bto-noord/data/"
    assert reverse("tandems:expert_detail", args=["bto-noord", 7]) == "/organisations/bto-noord/data/experts/7/"
    assert reverse("organisations:detail", args=["bto-noord"]) == "/organisations/bto-noord/"


@pytest.mark.parametrize("name", NAMES)
def test_every_old_address_redirects_permanently_with_the_query_string(data, client, name):
    old, new = urls(name, data)
    assert old.startswith("/tandems/organisations/bto-noord/")
    response = client.get(f"{old}?{QUERY}")
    assert response.status_code == 301
    assert response["Location"] == f"{new}?{QUERY}"


def test_an_old_address_without_query_string_redirects_to_the_bare_new_address(data, client):
    response = client.get("/tandems/organisations/bto-noord/")
    assert response.status_code == 301
    assert response["Location"] == "/organisations/bto-noord/data/"


def test_a_form_sent_to_an_old_address_is_sent_on_with_its_method(data, client_for, personas):
    old, new = urls("expert_delete", data)
    response = client_for(personas.orgrep).post(old)
    assert response.status_code == 308
    assert response["Location"] == new


@pytest.mark.parametrize("persona", ["visitor", "pending", "outsider", "orgrep", "municipality", "coordinator"])
@pytest.mark.parametrize("name", ["org_detail", "expert_detail", "expert_edit", "org_export"])
def test_following_the_redirect_answers_as_the_new_address(data, personas, client_for, persona, name):
    client = client_for(personas.as_dict()[persona])
    old, new = urls(name, data)
    redirected = client.get(old)
    assert redirected.status_code == 301
    followed = client.get(redirected["Location"])
    direct = client.get(new)
    assert followed.status_code == direct.status_code
    assert followed.get("Location") == direct.get("Location")  # a visitor logs in and comes back to the new page


def test_no_existence_leak_another_or_unknown_organisation_redirects_alike_and_then_answers_404(personas, client_for):
    other = OrganisationFactory(slug="ander-team")
    client = client_for(personas.orgrep)
    for slug in (other.slug, "bestaat-niet"):
        response = client.get(f"/tandems/organisations/{slug}/experts/99999/?x=1")
        assert response.status_code == 301
        assert response["Location"] == f"/organisations/{slug}/data/experts/99999/?x=1"
        assert client.get(response["Location"]).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/tandems/organisations/bto-noord/nonsense/",
        "/tandems/organisations/bto-noord/experts/abc/",
        "/tandems/organisations/bto-noord/experts/1/trainings/",
        "/tandems/organisations/bto-noord/data/",
        "/tandems/organisations/bto-noord/experts/99999999999999999999/",
    ],
)
def test_an_unknown_old_address_is_not_found(personas, client_for, path):
    assert client_for(personas.coordinator).get(path).status_code == 404


def test_the_list_of_organisations_stays_where_it_was_and_links_to_the_new_addresses(personas, client_for):
    response = client_for(personas.coordinator).get("/tandems/organisations/")
    assert response.status_code == 200
    assert 'href="/organisations/bto-noord/data/"' in response.text
    assert "/tandems/organisations/bto-noord/" not in response.text
