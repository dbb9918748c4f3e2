import pytest
from django.urls import reverse

from samenspel.members.models import Member
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import MemberFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    return ThemeFactory(name_nl="Schulden", name_en="Debt")


def _page(client, member):
    return client.get(reverse("members:detail", args=[member.pk]), HTTP_ACCEPT_LANGUAGE="nl").content.decode()


def test_page_shows_name_kind_organisation_and_circles(personas, client_for):
    html = _page(client_for(personas.outsider), personas.orgrep)
    assert "Olga Orgrep" in html and personas.organisation.name in html
    html = _page(client_for(personas.outsider), personas.kartrekker)
    assert personas.circle.name in html


@pytest.mark.parametrize(
    ("visibility", "viewer", "shown"),
    [
        (Member.ThemeVisibility.COORDINATORS, "outsider", False),
        (Member.ThemeVisibility.COORDINATORS, "coordinator", True),
        (Member.ThemeVisibility.MEMBERS, "outsider", True),
        (Member.ThemeVisibility.PUBLIC, "outsider", True),
    ],
)
def test_themes_only_where_the_member_allowed(personas, client_for, theme, visibility, viewer, shown):
    person = MemberFactory(theme_visibility=visibility)
    person.themes.add(theme)
    html = _page(client_for(personas.as_dict()[viewer]), person)
    assert ("Schulden" in html) is shown


def test_a_member_sees_their_own_themes(personas, client_for, theme):
    personas.member.themes.add(theme)
    assert "Schulden" in _page(client_for(personas.member), personas.member)


def test_hidden_circles_are_not_listed(personas, client_for):
    hidden = CircleFactory(name="Verborgen kring", is_active=False)
    CircleMembershipFactory(circle=hidden, member=personas.member)
    assert "Verborgen kring" not in _page(client_for(personas.outsider), personas.member)


def test_page_escapes_html_in_bio(personas, client_for):
    person = MemberFactory(name="<img src=x onerror=alert(1)>", bio="<script>alert(1)</script>")
    html = _page(client_for(personas.outsider), person)
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html


def test_page_queries_do_not_grow_with_circles(personas, client_for, django_assert_max_num_queries, theme):
    for _ in range(30):
        CircleMembershipFactory(member=personas.member)
    personas.member.themes.add(theme)
    client = client_for(personas.outsider)
    client.get(reverse("members:detail", args=[personas.member.pk]))  # warm: the first page's cache reads vary
    with django_assert_max_num_queries(8):
        assert client.get(reverse("members:detail", args=[personas.member.pk])).status_code == 200


@pytest.fixture
def shy_member(personas):
    """In Kring Armoede, themes shown to coordinators only."""
    person = MemberFactory(name="Sanne Stil", theme_visibility=Member.ThemeVisibility.COORDINATORS)
    CircleMembershipFactory(circle=CircleFactory(name="Kring Armoede/Bestaanszekerheid"), member=person)
    return person


@pytest.mark.parametrize(
    ("visibility", "viewer", "shown"),
    [
        (Member.ThemeVisibility.COORDINATORS, "outsider", False),
        (Member.ThemeVisibility.COORDINATORS, "member", False),
        (Member.ThemeVisibility.COORDINATORS, "kartrekker", False),
        (Member.ThemeVisibility.COORDINATORS, "coordinator", True),
        (Member.ThemeVisibility.MEMBERS, "outsider", True),
        (Member.ThemeVisibility.PUBLIC, "outsider", True),
    ],
)
def test_circles_follow_the_choice_for_the_themes(personas, client_for, shy_member, visibility, viewer, shown):
    Member.objects.filter(pk=shy_member.pk).update(theme_visibility=visibility)
    html = _page(client_for(personas.as_dict()[viewer]), shy_member)
    assert ("Kring Armoede/Bestaanszekerheid" in html) is shown
    assert ("<dt>Kringen</dt>" in html) is shown  # no empty row that would say "in no circle"


def test_a_member_sees_their_own_hidden_circles(client_for, shy_member):
    assert "Kring Armoede/Bestaanszekerheid" in _page(client_for(shy_member), shy_member)


def test_circles_one_leads_stay_visible_as_on_the_circle_page(personas, client_for, shy_member):
    led = CircleFactory(name="Kring Nieuw Werk")
    CircleMembershipFactory(circle=led, member=shy_member, role="lead")
    html = _page(client_for(personas.outsider), shy_member)
    assert "Kring Nieuw Werk" in html
    assert "Kring Armoede/Bestaanszekerheid" not in html


def test_hiding_the_themes_in_the_profile_form_hides_the_circles(personas, client_for, shy_member):
    Member.objects.filter(pk=shy_member.pk).update(theme_visibility=Member.ThemeVisibility.PUBLIC)
    assert "Kring Armoede" in _page(client_for(personas.outsider), shy_member)
    shy_member.refresh_from_db()
    data = {
        "name": shy_member.name,
        "kind": shy_member.kind,
        "theme_visibility": Member.ThemeVisibility.COORDINATORS,
        "preferred_language": "nl",
    }
    assert client_for(shy_member).post(reverse("members:profile"), data).status_code == 302
    assert "Kring Armoede" not in _page(client_for(personas.outsider), shy_member)


def test_the_profile_form_says_the_choice_covers_circles(client_for, personas):
    html = client_for(personas.member).get(reverse("members:profile"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This also decides who sees the circles you are in." in html
