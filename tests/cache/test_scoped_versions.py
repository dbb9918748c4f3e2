"""Versions per thing shown (issue 13, point 1): a change shows at the next request, and only the
fragments that show it are rendered again (samenspel.core.cache_version)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.circles import services as circle_services
from samenspel.core import cache_version
from samenspel.members import services as member_services
from samenspel.organisations import services as organisation_services
from tests.factories.circles import CircleFactory, CircleMembershipFactory, CircleUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def other_circle(personas):
    circle = CircleFactory(name="Kring Wonen", slug="wonen")
    CircleMembershipFactory(circle=circle)
    CircleUpdateFactory(circle=circle, title="Nieuws van Wonen")
    return circle


# --- the next request shows the change ------------------------------------------------------


def test_a_leads_new_name_shows_on_the_cached_circle_page_and_list_of_updates(personas):
    CircleUpdateFactory(circle=personas.circle, author=personas.kartrekker, title="Lead's news")
    url = reverse("circles:detail", args=[personas.circle.slug])
    assert "Karim Kartrekker" in _get(Client(), url)
    member_services.update_profile(member=personas.kartrekker, actor=personas.kartrekker, name="Karim Renamed")
    page = _get(Client(), url)
    assert "Karim Renamed" in page and "Karim Kartrekker" not in page


def test_an_organisations_new_name_shows_in_the_cached_directory(personas, client_for):
    client = client_for(personas.outsider)
    assert "Buurtteam Organisatie Noord" in _get(client, reverse("members:directory"))
    organisation_services.save_organisation(
        actor=personas.coordinator, organisation=personas.organisation, name="Buurtteam Zuid"
    )
    page = _get(client, reverse("members:directory"))
    assert "Buurtteam Zuid" in page and "Buurtteam Organisatie Noord" not in page


def test_a_new_slug_leaves_no_old_copy_at_the_old_address(personas):
    old_url = reverse("circles:detail", args=[personas.circle.slug])
    _get(Client(), old_url)  # cached under circle:onderzoek
    personas.circle.slug = "onderzoek-nieuw"
    personas.circle.save()
    assert Client().get(old_url).status_code == 404
    assert "Kring Onderzoek" in _get(Client(), reverse("circles:detail", args=["onderzoek-nieuw"]))


def test_a_membership_change_reaches_the_members_cached_menu_and_roles(personas, client_for):
    """The menu and the circle roles are cached under `member:<id>`, which a membership bumps."""
    before = cache_version.read(f"member:{personas.outsider.pk}")
    circle_services.join_circle(circle=personas.circle, member=personas.outsider)
    assert cache_version.read(f"member:{personas.outsider.pk}") != before


# --- a write to one thing leaves the others' fragments in place -------------------------------


def test_a_write_to_circle_a_leaves_circle_bs_cached_page_in_place(personas, other_circle):
    visitor = Client()
    url_a = reverse("circles:detail", args=[personas.circle.slug])
    url_b = reverse("circles:detail", args=[other_circle.slug])
    for url in (url_a, url_b):
        _get(visitor, url)
    warm = _queries(visitor, url_b)
    assert warm == 1  # the versions only: every fragment of B comes from the cache
    versions_before = cache_version.read("circle:onderzoek", "circle:wonen", "circle:*")

    circle_services.post_update(circle=personas.circle, author=personas.kartrekker, title="Only A", body="For A.")

    versions_after = cache_version.read("circle:onderzoek", "circle:wonen", "circle:*")
    assert versions_after["circle:wonen"] == versions_before["circle:wonen"]  # B's key is unchanged
    assert versions_after["circle:onderzoek"] > versions_before["circle:onderzoek"]
    assert versions_after["circle:*"] > versions_before["circle:*"]  # the listings show A: they change
    assert _queries(visitor, url_b) == warm  # B's fragment queries do not run again
    assert "Nieuws van Wonen" in _get(visitor, url_b)
    assert _queries(visitor, url_a) > warm  # A is rendered afresh
    assert "Only A" in _get(visitor, url_a)
    assert "Only A" in _get(visitor, reverse("home"))


def test_one_members_profile_change_leaves_anothers_cached_member_and_menu_in_place(personas, client_for):
    client = client_for(personas.outsider)
    _get(client, reverse("members:privacy"))
    warm = _queries(client, reverse("members:privacy"))
    member_services.update_profile(member=personas.member, actor=personas.member, name="Mila Changed")
    assert _queries(client, reverse("members:privacy")) == warm
    member_services.update_profile(member=personas.outsider, actor=personas.outsider, name="Otto Changed")
    assert _queries(client, reverse("members:privacy")) > warm  # their own change: loaded afresh


def test_a_deleted_authors_name_leaves_the_cached_circle_page_at_once(personas):
    """The keys of a deletion are found before the delete, while the member's rows still exist."""
    CircleUpdateFactory(circle=personas.circle, author=personas.outsider, title="News from a guest")
    url = reverse("circles:detail", args=[personas.circle.slug])
    assert "Otto Outsider" in _get(Client(), url)  # the author of an update, not a member of the circle
    member_services.delete_account(member=personas.outsider)
    page = _get(Client(), url)
    assert "News from a guest" in page and "Otto Outsider" not in page
