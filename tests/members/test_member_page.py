import pytest
from django.urls import reverse

from samenspel.members.models import Member
from tests.factories import CircleFactory, CircleMembershipFactory, MemberFactory, ThemeFactory

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
    with django_assert_max_num_queries(8):
        assert client.get(reverse("members:detail", args=[personas.member.pk])).status_code == 200
