"""Who sees which sections of the home page, in which language, and the registry apps add to."""

import pytest
from django.urls import reverse

from samenspel.circles.models import CircleMembership
from samenspel.core import home
from tests.factories.circles import CircleMembershipFactory
from tests.home.helpers import sections


def test_visitors_keep_the_public_home_page(personas, client_for, english):
    client = client_for(None)
    assert sections(client) == {}
    body = client.get(reverse("home")).content.decode()
    assert "Join the network" in body and "Our circles" in body and "Upcoming meetings" in body


def test_a_person_whose_sign_up_waits_sees_no_sections(personas, client_for, english):
    client = client_for(personas.pending)
    assert sections(client) == {}
    assert "A coordinator will look at your sign-up soon." in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    ("persona", "keys"),
    [
        ("member", ["member"]),
        ("outsider", ["member"]),
        ("kartrekker", ["kartrekker", "member"]),
        ("orgrep", ["organisation", "member"]),
        ("municipality", ["municipality", "member"]),
        ("coordinator", ["coordinator", "member"]),
    ],
)
def test_each_role_has_its_section_in_a_fixed_order(personas, client_for, persona, keys):
    assert list(sections(client_for(getattr(personas, persona)))) == keys


def test_a_person_with_several_roles_sees_each_roles_section(personas, client_for, english):
    CircleMembershipFactory(circle=personas.circle, member=personas.coordinator, role=CircleMembership.Role.LEAD)
    personas.organisation.representatives.add(personas.coordinator)
    found = sections(client_for(personas.coordinator))
    assert list(found) == ["coordinator", "kartrekker", "organisation", "member"]
    assert "Kring Onderzoek" in found["kartrekker"]


def test_the_sections_are_in_dutch_by_default(personas, client_for):
    found = sections(client_for(personas.outsider))
    assert "Voor jou" in client_for(personas.outsider).get(reverse("home")).content.decode()
    assert "Er wacht niets op je." in found["member"]
    assert "Mijn bijeenkomsten" in found["member"]


def test_the_sections_are_not_cached_across_people(personas, client_for, english):
    """The public parts of the home page are cached; what waits for a person never is."""
    CircleMembershipFactory(circle=personas.circle, status=CircleMembership.Status.REQUESTED)
    assert "Requests to join" in sections(client_for(personas.kartrekker))["kartrekker"]
    assert "Requests to join" not in "".join(sections(client_for(personas.member)).values())


def test_a_provider_may_be_added_before_its_role_and_only_once(db, monkeypatch):
    monkeypatch.setattr(home, "_roles", {})
    calls = []

    def provider(user, scope):
        calls.append(scope)
        return [home.Item(title="Iets te doen", url="/iets/")]

    home.add_items("tester", provider)
    home.add_items("tester", provider)
    home.add_role("tester", heading="Als tester", finds=lambda user: "scope", position=1)

    class Person:
        is_authenticated = True
        is_approved = True

    found = home.sections_for(Person())
    assert [(section.key, section.heading, [item.title for item in section.items]) for section in found] == [
        ("tester", "Als tester", ["Iets te doen"])
    ]
    assert calls == ["scope"]  # the scope is found once and handed to the provider


def test_a_role_nobody_has_shows_nothing(db, monkeypatch):
    monkeypatch.setattr(home, "_roles", {})
    home.add_items("nobody", lambda user, scope: [home.Item(title="x", url="/")])

    class Person:
        is_authenticated = True
        is_approved = True

    assert home.sections_for(Person()) == []


def test_a_persons_home_page_is_private_to_shared_caches(personas, client_for):
    assert "private" in client_for(personas.member).get(reverse("home"))["Cache-Control"]
    assert "private" not in client_for(None).get(reverse("home")).get("Cache-Control", "")
