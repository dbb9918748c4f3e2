"""A member's own data: download everything, delete everything."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from samenspel.circles.models import CircleMembership, CircleUpdate
from samenspel.core.audit import log_action
from samenspel.core.models import AuditLogEntry
from samenspel.members import personal_data
from samenspel.members.models import Consent, Member
from tests.conftest import make_coordinator
from tests.factories.circles import CircleUpdateFactory
from tests.factories.members import ConsentTextFactory, ThemeFactory

PASSWORD = "a-long-test-password"  # every factory member's

pytestmark = pytest.mark.django_db


def test_every_member_field_and_relation_is_classified():
    """A new field on Member (or a new table pointing at it) must be listed in personal_data.py,
    so that "download my data" and "delete my account" cover it."""
    names = {field.name for field in Member._meta.get_fields()}
    # Foreign keys without a reverse name (related_name="+") count too: "app_label.model.field".
    names |= {
        personal_data.hidden_relation_key(rel)
        for rel in Member._meta.get_fields(include_hidden=True)
        if rel.is_relation and rel.auto_created and rel.hidden and not rel.related_model._meta.auto_created
    }
    unclassified = names - personal_data.classified_names()
    assert not unclassified, f"Classify these in samenspel/members/personal_data.py: {sorted(unclassified)}"
    stale = personal_data.classified_names() - names
    assert not stale, f"These are listed in personal_data.py but no longer exist: {sorted(stale)}"
    for relation in personal_data.RELATIONS.values():
        assert relation.on_delete in (personal_data.DELETE, personal_data.DETACH)


@pytest.fixture
def rich_member(personas):
    """The orgrep with a bit of everything: themes, consent, circle, update, audit rows."""
    person = personas.orgrep
    person.bio = "Ik werk in Noord."
    person.save()
    person.themes.add(ThemeFactory(name_nl="Armoede", name_en="Poverty"))
    text = ConsentTextFactory(version=3)
    Consent.objects.create(member=person, consent_text=text, language="nl")
    Consent.objects.create(member=personas.coordinator, consent_text=text)
    CircleMembership.objects.create(circle=personas.circle, member=person)
    CircleUpdateFactory(circle=personas.circle, author=person, title="Stand van zaken juni")
    log_action(actor=person, action="member.profile.updated", target=person, data={"fields": ["bio"]})
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person


def test_download_my_data_holds_everything(client_for, rich_member, personas):
    response = client_for(rich_member).get(reverse("members:my_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    for field in personal_data.PERSONAL_FIELDS:
        assert field in data
    assert data["email"] == rich_member.email and data["name"] == "Olga Orgrep"
    assert data["bio"] == "Ik werk in Noord."
    assert data["organisation"] == personas.organisation.name
    assert data["themes"] == [{"nl": "Armoede", "en": "Poverty"}]
    assert data["consents"][0]["consent_text__version"] == 3 and data["consents"][0]["given_at"]
    assert data["circle_memberships"][0]["circle__name"] == personas.circle.name
    assert data["circle_updates_written"][0]["title"] == "Stand van zaken juni"
    assert data["represents_organisations"] == [{"name": personas.organisation.name}]
    assert data["email_addresses"][0]["email"] == rich_member.email
    assert any(row["action"] == "member.profile.updated" for row in data["actions_in_audit_log"])
    assert "password" not in data
    assert rich_member.password not in response.content.decode()


def test_download_holds_no_one_elses_data(client_for, rich_member, personas):
    body = client_for(rich_member).get(reverse("members:my_data")).content.decode()
    assert personas.member.email not in body and personas.coordinator.email not in body


def test_delete_needs_the_checkbox(client_for, rich_member):
    response = client_for(rich_member).post(reverse("members:delete_account"), {})
    assert response.status_code == 200
    assert "Tick the box to confirm" in response.content.decode()
    assert Member.objects.filter(pk=rich_member.pk).exists()


def test_delete_only_accepts_get_and_post(client_for, rich_member):
    assert client_for(rich_member).put(reverse("members:delete_account")).status_code == 405


def test_delete_removes_the_member_and_all_personal_data(client_for, rich_member, personas):
    pk, email, name = rich_member.pk, rich_member.email, rich_member.name
    Authenticator.objects.create(user=rich_member, type=Authenticator.Type.TOTP, data={"secret": "s"})
    client = client_for(rich_member)
    response = client.post(reverse("members:delete_account"), {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302
    assert not Member.objects.filter(pk=pk).exists()
    assert not Consent.objects.filter(member_id=pk).exists()
    assert not CircleMembership.objects.filter(member_id=pk).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not Authenticator.objects.filter(user_id=pk).exists()
    assert not personas.organisation.representatives.filter(pk=pk).exists()
    assert not Member.themes.through.objects.filter(member_id=pk).exists()
    update = CircleUpdate.objects.get(title="Stand van zaken juni")
    assert update.author is None  # the update stays, without author
    deleted = AuditLogEntry.objects.get(action="member.deleted")
    assert deleted.actor is None
    for entry in AuditLogEntry.objects.all():
        assert email not in json.dumps(entry.data) and name not in json.dumps(entry.data)
    assert not AuditLogEntry.objects.filter(actor_id=pk).exists()
    # Logged out: the next page sends them to log in.
    response = client.get(reverse("members:profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_the_only_coordinator_cannot_delete_their_account(client_for, personas):
    response = client_for(personas.coordinator).post(
        reverse("members:delete_account"), {"confirm": "on", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "only coordinator" in response.content.decode()
    assert Member.objects.filter(pk=personas.coordinator.pk).exists()


def test_a_coordinator_can_delete_when_there_is_another(client_for, personas):
    make_coordinator()
    response = client_for(personas.coordinator).post(
        reverse("members:delete_account"), {"confirm": "on", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not Member.objects.filter(pk=personas.coordinator.pk).exists()


def test_a_pending_person_can_delete_their_sign_up(client_for, personas):
    client_for(personas.pending).post(reverse("members:delete_account"), {"confirm": "on", "password": PASSWORD})
    assert not Member.objects.filter(pk=personas.pending.pk).exists()


def test_profile_page_links_to_download_and_delete(client_for, personas):
    html = client_for(personas.member).get(reverse("members:profile")).content.decode()
    assert reverse("members:my_data") in html and reverse("members:delete_account") in html


def test_someone_who_does_not_agree_to_a_new_text_can_still_download_and_delete(client_for, personas):
    ConsentTextFactory()  # published; the member has not agreed to it
    client = client_for(personas.member)
    assert client.get(reverse("members:directory")).status_code == 302
    assert client.get(reverse("members:my_data")).status_code == 200
    assert client.get(reverse("members:delete_account")).status_code == 200
    assert client.post(reverse("members:delete_account"), {"confirm": "on", "password": PASSWORD}).status_code == 302
    assert not Member.objects.filter(pk=personas.member.pk).exists()
