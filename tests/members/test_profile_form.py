"""The profile form, posted by the member through HTTP, and read back from the database."""

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Member
from tests.factories.members import MemberFactory, ThemeFactory
from tests.factories.organisations import OrganisationFactory

pytestmark = pytest.mark.django_db

PROFILE = reverse("members:profile")


@pytest.fixture
def person():
    return MemberFactory(
        name="Mila Member",
        kind=Member.Kind.EXPERT,
        bio="Oud",
        theme_visibility=Member.ThemeVisibility.PUBLIC,
        preferred_language="nl",
    )


def _every_field(**overrides) -> dict:
    organisation = OrganisationFactory(name="Herstel-Lab")
    themes = [ThemeFactory(name_nl="Schulden"), ThemeFactory(name_nl="Armoede")]
    data = {
        "name": "Mila van Dijk",
        "kind": Member.Kind.ALLY,
        "organisation": organisation.pk,
        "bio": "Ik werk in een buurtteam.",
        "themes": [theme.pk for theme in themes],
        "theme_visibility": Member.ThemeVisibility.COORDINATORS,
        "preferred_language": "en",
    }
    data.update(overrides)
    return data


def test_every_field_of_the_profile_is_saved(client_for, person):
    data = _every_field()
    response = client_for(person).post(PROFILE, data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Mila van Dijk"
    assert person.kind == Member.Kind.ALLY
    assert person.organisation_id == data["organisation"]
    assert person.bio == "Ik werk in een buurtteam."
    assert sorted(person.themes.values_list("pk", flat=True)) == sorted(data["themes"])
    assert person.theme_visibility == Member.ThemeVisibility.COORDINATORS
    assert person.preferred_language == "en"


def test_the_saved_profile_is_audited_with_every_changed_field(client_for, person):
    client_for(person).post(PROFILE, _every_field())
    entry = AuditLogEntry.objects.get(action="member.profile.updated", target_id=str(person.pk))
    assert entry.actor_id == person.pk
    assert entry.data["fields"] == sorted(
        ["name", "kind", "organisation", "bio", "themes", "theme_visibility", "preferred_language"]
    )
    assert entry.data["theme_visibility"] == {"before": "public", "after": "coordinators"}
    assert "Mila van Dijk" not in str(entry.data)  # field names, not personal data


def test_hiding_the_themes_hides_them_from_other_members_at_once(client_for, personas, person):
    theme = ThemeFactory(name_nl="Verslaving")
    person.themes.add(theme)
    page = reverse("members:detail", args=[person.pk])
    assert "Verslaving" in client_for(personas.outsider).get(page, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    client_for(person).post(PROFILE, _every_field(themes=[theme.pk]))
    assert "Verslaving" not in client_for(personas.outsider).get(page, HTTP_ACCEPT_LANGUAGE="nl").content.decode()


def test_saving_without_changes_writes_no_audit_row(client_for, person):
    client_for(person).post(
        PROFILE,
        {
            "name": person.name,
            "kind": person.kind,
            "bio": person.bio,
            "theme_visibility": "public",
            "preferred_language": "nl",
        },
    )
    assert not AuditLogEntry.objects.filter(action="member.profile.updated").exists()


def test_a_theme_no_longer_offered_is_kept_when_the_profile_is_saved(client_for, person):
    retired = ThemeFactory(name_nl="Oud thema", is_active=False)
    person.themes.add(retired)
    response = client_for(person).post(PROFILE, _every_field(themes=[retired.pk]))
    assert response.status_code == 302
    assert list(person.themes.values_list("pk", flat=True)) == [retired.pk]


def test_a_theme_no_longer_offered_cannot_be_added(client_for, person):
    retired = ThemeFactory(name_nl="Oud thema", is_active=False)
    response = client_for(person).post(PROFILE, _every_field(themes=[retired.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not person.themes.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"name": "   "}, "This field is required"),
        ({"name": "x" * 121}, "at most 120 characters"),
        ({"name": "Uw account is geblokkeerd - herstel via https://example.org"}, "web address"),
        ({"bio": "x" * 1001}, "at most 1000 characters"),
        ({"kind": "king"}, "Select a valid choice"),
        ({"theme_visibility": "nobody"}, "Select a valid choice"),
        ({"preferred_language": "de"}, "Select a valid choice"),
        ({"organisation": "999999"}, "Select a valid choice"),
        ({"organisation": "abc"}, "Select a valid choice"),
        ({"themes": ["999999"]}, "Select a valid choice"),
        ({"themes": ["abc"]}, "is not a valid value"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(client_for, person, overrides, message):
    response = client_for(person).post(PROFILE, _every_field(**overrides), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert message in response.content.decode()
    person.refresh_from_db()
    assert (person.name, person.bio, person.kind) == ("Mila Member", "Oud", Member.Kind.EXPERT)
    assert person.theme_visibility == Member.ThemeVisibility.PUBLIC
    assert not person.themes.exists()


def test_refused_input_keeps_the_header_on_the_stored_name(client_for, person):
    """The page after bad input still shows who is logged in as stored, not the refused text."""
    response = client_for(person).post(PROFILE, _every_field(name="x" * 121), HTTP_ACCEPT_LANGUAGE="en")
    assert response.wsgi_request.user.name == "Mila Member"


def test_html_in_the_bio_is_stored_as_text_and_shown_escaped(client_for, personas, person):
    script = "<script>alert(1)</script>"
    client_for(person).post(PROFILE, _every_field(bio=script, theme_visibility="public"))
    person.refresh_from_db()
    assert person.bio == script
    html = client_for(personas.outsider).get(reverse("members:detail", args=[person.pk])).content.decode()
    assert script not in html and "&lt;script&gt;" in html


def test_a_visitor_is_sent_to_log_in(client):
    response = client.post(PROFILE, {"name": "Iemand"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_an_empty_post_says_what_is_missing(client_for, person):
    response = client_for(person).post(PROFILE, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Mila Member"
