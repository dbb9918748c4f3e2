import pytest
from django.urls import reverse

from samenspel.members.models import Member
from tests.factories.members import MemberFactory, ThemeFactory
from tests.factories.organisations import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("visibility", "shown"),
    [
        (Member.ThemeVisibility.COORDINATORS, False),
        (Member.ThemeVisibility.MEMBERS, True),
        (Member.ThemeVisibility.PUBLIC, True),
    ],
)
def test_directory_shows_themes_only_as_allowed(personas, client_for, visibility, shown):
    theme = ThemeFactory(name_nl="Jeugdzorg", name_en="Youth care")
    person = MemberFactory(name="Aaron Aardig", theme_visibility=visibility)
    person.themes.add(theme)
    html = client_for(personas.outsider).get(reverse("members:directory")).content.decode()
    assert "Aaron Aardig" in html
    assert ("Youth care" in html) is shown
    assert reverse("members:detail", args=[person.pk]) in html


def test_directory_query_count_is_constant_with_500_members(personas, client_for, django_assert_max_num_queries):
    organisations = OrganisationFactory.create_batch(5)
    themes = ThemeFactory.create_batch(5)
    people = [
        MemberFactory(
            organisation=organisations[n % 5], theme_visibility=Member.ThemeVisibility.MEMBERS, consented=False
        )
        for n in range(500)
    ]
    Through = Member.themes.through
    Through.objects.bulk_create([Through(member_id=p.pk, theme_id=themes[n % 5].pk) for n, p in enumerate(people)])
    client = client_for(personas.member)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("members:directory"))
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("members:directory"), {"page": 5}).status_code == 200
