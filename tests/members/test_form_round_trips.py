"""Every form of the members app, posted through HTTP by its real user, and the row read back.

The profile form has its own file (test_profile_form.py); the sign-up form is in
tests/accounts/test_signup.py. Here: consent, roles, themes and consent texts, with the
bad input each must refuse without changing anything.
"""

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Consent, ConsentText, Member, Theme
from tests.factories.members import ConsentTextFactory, MemberFactory, ThemeFactory
from tests.factories.organisations import OrganisationFactory

pytestmark = pytest.mark.django_db


# --- consent (a member agrees to a new version of the text) ----------------------------------


@pytest.fixture
def new_text(personas):
    """A newly published text that no persona has agreed to yet."""
    return ConsentTextFactory(body_en="New rules about your data.")


def test_consent_is_saved_with_the_version_and_the_language_shown(client_for, personas, new_text):
    client = client_for(personas.member)
    response = client.post(reverse("members:consent"), {"consent": "on"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 302
    consent = Consent.objects.get(member=personas.member, consent_text=new_text)
    assert consent.language == "nl" and consent.given_at is not None
    entry = AuditLogEntry.objects.get(action="member.consent.given", target_id=str(personas.member.pk))
    assert entry.data == {"version": new_text.version}
    assert client.get(reverse("members:directory")).status_code == 200  # the gate is open again


@pytest.mark.parametrize("value", [None, "", "no", "0", "false", "<script>", "x" * 5000])
def test_consent_without_a_ticked_box_is_refused(client_for, personas, new_text, value):
    data = {} if value is None else {"consent": value}
    response = client_for(personas.member).post(reverse("members:consent"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Tick the box to agree" in response.content.decode()
    assert not Consent.objects.filter(consent_text=new_text).exists()


def test_consent_does_not_send_the_member_to_another_site(client_for, personas, new_text):
    response = client_for(personas.member).post(
        reverse("members:consent"), {"consent": "on", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert Consent.objects.filter(member=personas.member, consent_text=new_text).exists()


# --- roles (a coordinator changes another member's roles) --------------------------------------


def test_every_field_of_the_roles_form_is_saved(client_for, personas):
    organisation = OrganisationFactory(name="Arkin")
    response = client_for(personas.coordinator).post(
        reverse("members:manage_detail", args=[personas.outsider.pk]),
        {"is_coordinator": "on", "is_municipality_viewer": "on", "organisations": [organisation.pk]},
    )
    assert response.status_code == 302
    personas.outsider.refresh_from_db()
    assert personas.outsider.is_coordinator and personas.outsider.is_municipality_viewer
    assert list(personas.outsider.represented_organisations.all()) == [organisation]
    entry = AuditLogEntry.objects.get(action="member.roles.changed", target_id=str(personas.outsider.pk))
    assert entry.actor_id == personas.coordinator.pk
    assert entry.data["after"] == {"is_coordinator": True, "is_municipality_viewer": True}


@pytest.mark.parametrize("persona", ["member", "kartrekker", "orgrep", "municipality", "pending"])
def test_only_coordinators_change_roles(client_for, personas, persona):
    response = client_for(personas.as_dict()[persona]).post(
        reverse("members:manage_detail", args=[personas.outsider.pk]), {"is_coordinator": "on"}
    )
    assert response.status_code == 403
    personas.outsider.refresh_from_db()
    assert not personas.outsider.is_coordinator


def test_roles_of_an_unknown_member_answer_404(client_for, personas):
    response = client_for(personas.coordinator).post(reverse("members:manage_detail", args=[999999]), {})
    assert response.status_code == 404


# --- themes (a coordinator edits the list) ---------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name_nl": "", "name_en": "Debt"}, "This field is required"),
        ({"name_nl": "Schuld", "name_en": "y" * 81}, "at most 80"),
        ({"name_nl": "Schuld", "name_en": "Debt", "position": "abc"}, "Enter a whole number"),
        ({"name_nl": "Schuld", "name_en": "Debt", "position": "1001"}, "less than or equal to 1000"),
    ],
)
def test_bad_input_when_editing_a_theme_changes_nothing(client_for, personas, data, message):
    theme = ThemeFactory(name_nl="Schuld", name_en="Debt", position=2)
    response = client_for(personas.coordinator).post(
        reverse("members:theme_edit", args=[theme.pk]), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    theme.refresh_from_db()
    assert (theme.name_nl, theme.name_en, theme.position) == ("Schuld", "Debt", 2)


def test_deactivating_and_activating_a_theme_is_saved(client_for, personas):
    theme = ThemeFactory(name_nl="Verslaving", name_en="Addiction")
    client = client_for(personas.coordinator)
    client.post(reverse("members:theme_edit", args=[theme.pk]), {"action": "deactivate"})
    theme.refresh_from_db()
    assert not theme.is_active
    client.post(reverse("members:theme_edit", args=[theme.pk]), {"action": "activate"})
    theme.refresh_from_db()
    assert theme.is_active
    actions = list(AuditLogEntry.objects.filter(target_id=str(theme.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["member.theme.activated", "member.theme.deactivated"]


@pytest.mark.parametrize("persona", ["member", "kartrekker", "orgrep", "municipality"])
def test_only_coordinators_add_or_change_themes(client_for, personas, persona):
    theme = ThemeFactory(name_nl="Schuld", name_en="Debt")
    client = client_for(personas.as_dict()[persona])
    assert client.post(reverse("members:themes"), {"name_nl": "Nieuw", "name_en": "New"}).status_code == 403
    response = client.post(reverse("members:theme_edit", args=[theme.pk]), {"name_nl": "X", "name_en": "Y"})
    assert response.status_code == 403
    theme.refresh_from_db()
    assert theme.name_nl == "Schuld" and Theme.objects.count() == 1


# --- consent texts (a coordinator writes a draft) --------------------------------------------


def test_both_languages_of_a_draft_are_saved(client_for, personas):
    text = ConsentTextFactory(published_at=None, body_nl="Oud", body_en="Old")
    response = client_for(personas.coordinator).post(
        reverse("members:consent_text_edit", args=[text.pk]), {"body_nl": "Nieuw", "body_en": "New"}
    )
    assert response.status_code == 302
    text.refresh_from_db()
    assert (text.body_nl, text.body_en, text.published_at) == ("Nieuw", "New", None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body_nl": "", "body_en": "New"}, "This field is required"),
        ({"body_nl": "Nieuw", "body_en": "   "}, "This field is required"),
        ({"body_nl": "x" * 20001, "body_en": "New"}, "at most 20000"),
    ],
)
def test_bad_input_when_editing_a_draft_changes_nothing(client_for, personas, data, message):
    text = ConsentTextFactory(published_at=None, body_nl="Oud", body_en="Old")
    response = client_for(personas.coordinator).post(
        reverse("members:consent_text_edit", args=[text.pk]), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    text.refresh_from_db()
    assert (text.body_nl, text.body_en) == ("Oud", "Old")


@pytest.mark.parametrize("persona", ["member", "kartrekker", "orgrep", "municipality"])
def test_only_coordinators_write_consent_texts(client_for, personas, persona):
    draft = ConsentTextFactory(published_at=None, body_nl="Oud")
    client = client_for(personas.as_dict()[persona])
    assert client.post(reverse("members:consent_texts"), {"body_nl": "a", "body_en": "b"}).status_code == 403
    edit = client.post(reverse("members:consent_text_edit", args=[draft.pk]), {"body_nl": "a", "body_en": "b"})
    assert edit.status_code == 403
    assert client.post(reverse("members:consent_text_publish", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    assert draft.body_nl == "Oud" and draft.published_at is None
    assert ConsentText.objects.count() == 1


# --- the sign-up decision, as a round trip of both choices -------------------------------------


@pytest.mark.parametrize(("decision", "status"), [("approve", "approved"), ("refuse", "refused")])
def test_the_decision_is_saved(client_for, personas, decision, status):
    pending = MemberFactory(status=Member.Status.PENDING)
    response = client_for(personas.coordinator).post(
        reverse("members:decide", args=[pending.pk]), {"decision": decision}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == status and pending.decided_at is not None
