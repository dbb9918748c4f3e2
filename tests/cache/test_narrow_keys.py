"""A write bumps only the keys of what shows it (issue 13, point 2: the mixed run of
docs/performance.md): a bio is on no circle page, directory or reactienota; a new update is on no
circle card. What is shown still changes at the next request."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.circles import services as circle_services
from samenspel.circles.cache_keys import member_keys as circle_member_keys
from samenspel.core import cache_version
from samenspel.members import services as member_services
from samenspel.members.cache_keys import directory_key
from samenspel.members.models import Member
from tests.factories.circles import CircleFactory, CircleUpdateFactory
from tests.factories.consultations import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _shown_keys(personas, round_id) -> list[str]:
    lead = personas.kartrekker
    return ["circle:onderzoek", "circle-card:onderzoek", directory_key(lead.pk), f"round:{round_id}"]


def test_a_new_bio_bumps_only_the_members_own_key(personas):
    lead = personas.kartrekker
    comment = CommentFactory(author=lead)
    keys = _shown_keys(personas, comment.round_id)
    before = cache_version.read(*keys, f"member:{lead.pk}")

    member_services.update_profile(member=lead, actor=lead, bio="Een nieuwe tekst over mij.")

    after = cache_version.read(*keys, f"member:{lead.pk}")
    assert {key: after[key] for key in keys} == {key: before[key] for key in keys}
    assert after[f"member:{lead.pk}"] > before[f"member:{lead.pk}"]  # their cached account and menu


def test_a_new_name_still_bumps_every_page_that_shows_it(personas):
    lead = personas.kartrekker
    comment = CommentFactory(author=lead)
    keys = _shown_keys(personas, comment.round_id)
    before = cache_version.read(*keys)

    member_services.update_profile(member=lead, actor=lead, name="Karim Renamed")

    after = cache_version.read(*keys)
    assert all(after[key] > before[key] for key in keys), (before, after)
    assert "Karim Renamed" in Client().get(reverse("circles:list")).content.decode()  # a lead on the card


def test_a_full_save_bumps_what_shows_a_member(personas):
    """Without `update_fields` nobody knows what changed: every registration bumps."""
    before = cache_version.read("circle:onderzoek", directory_key(personas.member.pk))
    Member.objects.get(pk=personas.member.pk).save()
    after = cache_version.read("circle:onderzoek", directory_key(personas.member.pk))
    assert all(after[key] > before[key] for key in after)


def test_the_circles_of_a_member_are_found_through_memberships_and_updates(personas):
    elsewhere = CircleFactory(name="Kring Wonen", slug="wonen")
    CircleUpdateFactory(circle=elsewhere, author=personas.member)  # an author, not a member there
    CircleFactory(name="Kring Werk", slug="werk")  # neither
    keys = circle_member_keys(personas.member)
    assert sorted(keys) == ["circle-card:onderzoek", "circle-card:wonen", "circle:onderzoek", "circle:wonen"]


def test_a_new_update_leaves_the_cached_circle_cards_in_place(personas):
    visitor = Client()
    url = reverse("circles:list")
    visitor.get(url)
    warm = _queries(visitor, url)
    assert warm == 1  # the versions only
    before = cache_version.read("circle-card:*", "circle:*")

    circle_services.post_update(circle=personas.circle, author=personas.kartrekker, title="Fresh news", body="Hi.")

    after = cache_version.read("circle-card:*", "circle:*")
    assert after["circle-card:*"] == before["circle-card:*"]
    assert after["circle:*"] > before["circle:*"]
    assert _queries(visitor, url) == warm  # the cards come from the cache
    assert "Fresh news" in visitor.get(reverse("home")).content.decode()  # the home page's news


def test_a_join_shows_the_new_member_count_on_the_cards_at_the_next_request(personas):
    visitor = Client()
    assert "2 members" in visitor.get(reverse("circles:list")).content.decode()
    assert "2 members" in visitor.get(reverse("home")).content.decode()
    before = cache_version.read("circle-card:*")

    circle_services.join_circle(circle=personas.circle, member=personas.outsider)

    assert cache_version.read("circle-card:*")["circle-card:*"] > before["circle-card:*"]
    for url in (reverse("circles:list"), reverse("home")):
        page = visitor.get(url).content.decode()
        assert "3 members" in page and "2 members" not in page, url


def test_a_registration_may_not_say_both_which_fields_are_shown_and_which_are_not():
    with pytest.raises(ValueError, match="not both"):
        cache_version.bump_on(Member, lambda member: [], fields_shown={"name"}, fields_not_shown={"bio"})


def test_after_a_join_only_that_circles_card_is_rendered_again(personas):
    """The other cards come from the cache (circles.cards): a name changed without a bump (as no
    service does) stays old on them, while the joined circle's card shows its new count."""
    other = CircleFactory(name="Kring Wonen", slug="wonen")
    visitor = Client()
    assert "Kring Wonen" in visitor.get(reverse("circles:list")).content.decode()
    type(other).objects.filter(pk=other.pk).update(name="Kring Stil Veranderd")

    circle_services.join_circle(circle=personas.circle, member=personas.outsider)

    page = visitor.get(reverse("circles:list")).content.decode()
    assert "3 members" in page  # the joined circle's card, rendered again
    assert "Kring Wonen" in page and "Kring Stil Veranderd" not in page  # the other card, from the cache


def test_a_circle_made_inactive_leaves_the_cards_at_the_next_request(personas):
    visitor = Client()
    assert "Kring Onderzoek" in visitor.get(reverse("circles:list")).content.decode()
    personas.circle.is_active = False
    personas.circle.save()
    page = visitor.get(reverse("circles:list")).content.decode()
    assert "Kring Onderzoek" not in page and "There are no circles yet." in page


def test_joins_and_updates_leave_the_visitors_lists_of_meetings_in_place_and_a_new_name_does_not(personas):
    """The visitors' upcoming meetings (home and circle page) show the circle's name only."""
    keys = ("circle-name:*", "circle-name:onderzoek")
    before = cache_version.read(*keys)
    circle_services.join_circle(circle=personas.circle, member=personas.outsider)
    circle_services.post_update(circle=personas.circle, author=personas.kartrekker, title="News", body="Hi.")
    assert cache_version.read(*keys) == before

    personas.circle.name = "Kring Hernoemd"
    personas.circle.save()
    after = cache_version.read(*keys)
    assert all(after[key] > before[key] for key in keys)
