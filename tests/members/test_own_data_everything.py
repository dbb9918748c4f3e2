"""Download my data and delete my account cover every row about the member, also those without a
foreign key to them: audit rows about them, roles as note-taker, invitations, remarks entered on
their behalf and emails in the queue. Deleting asks for the password again."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samenspel.circles.models import Invitation
from samenspel.consultations.models import Comment
from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.core.models import AuditLogEntry
from samenspel.meetings.models import BreakoutGroup
from samenspel.members.models import Consent, Member
from tests.factories.consultations import CommentFactory, RoundFactory
from tests.factories.meetings import MeetingFactory
from tests.factories.members import ConsentTextFactory, MemberFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # every factory member's
NAME, EMAIL = "Zoë Zichtbaar", "zoe.zichtbaar@example.org"


@pytest.fixture
def zoe(personas, settings, django_capture_on_commit_callbacks):
    """A member whose traces are everywhere, many of them without a foreign key to her."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # emails wait in the table
    coordinator = personas.coordinator
    zoe = MemberFactory(name=NAME, email=EMAIL)
    Consent.objects.create(member=zoe, consent_text=ConsentTextFactory())
    log_action(actor=coordinator, action="member.signup.approved", target=zoe)
    log_action(actor=coordinator, action="circle.lead.set", target=personas.circle, data={"member": zoe.pk})
    log_action(actor=zoe, action="member.profile.updated", target=zoe, data={"fields": ["bio"]})
    meeting = MeetingFactory(title="Bijeenkomst in Oost", created_by=zoe)
    BreakoutGroup.objects.create(meeting=meeting, name="Groep Wonen", question="Wat werkt?", note_taker=zoe)
    later = timezone.now() + timedelta(days=7)
    Invitation.objects.create(
        circle=personas.circle, invited_by=zoe, email="vriend@example.org", token_hash="a" * 64, expires_at=later
    )
    Invitation.objects.create(
        circle=personas.circle,
        invited_by=coordinator,
        token_hash="b" * 64,
        expires_at=later,
        used_by=zoe,
        used_at=timezone.now(),
    )
    Invitation.objects.create(
        circle=personas.circle, invited_by=coordinator, email=EMAIL.upper(), token_hash="c" * 64, expires_at=later
    )
    open_round = RoundFactory(title="Ronde die open is")
    published = RoundFactory(title="Ronde met reactienota", reactienota_published_at=timezone.now())
    CommentFactory(round=open_round, author=zoe, body="Mijn eigen reactie.")
    CommentFactory(round=published, author=zoe, body="Mijn punt in de reactienota.", outcome="adopted")
    CommentFactory(
        round=open_round,
        author=None,
        submitter_name=NAME,
        source=Comment.Source.EMAIL,
        entered_by=coordinator,
        body="Per mail gestuurd.",
    )
    CommentFactory(
        round=published,
        author=None,
        submitter_name=NAME.lower(),  # the same name, typed otherwise
        source=Comment.Source.MEETING,
        entered_by=coordinator,
        body="Gezegd in de bijeenkomst.",
        outcome="partly",
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(to=EMAIL, template="members/signup_approved", context={"member": zoe})
    assert DBTaskResult.objects.count() == 1
    return zoe


def test_the_download_holds_every_row_about_the_member(client_for, zoe, personas):
    response = client_for(zoe).get(reverse("members:my_data"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert {row["action"] for row in data["audit_log_about_me"]} >= {"member.signup.approved", "circle.lead.set"}
    assert any(row["action"] == "member.profile.updated" for row in data["actions_in_audit_log"])
    assert data["note_taker_of_groups"] == [
        {
            "meeting__title": "Bijeenkomst in Oost",
            "meeting__starts_at": data["note_taker_of_groups"][0]["meeting__starts_at"],
            "name": "Groep Wonen",
        }
    ]
    assert data["meetings_created"][0]["title"] == "Bijeenkomst in Oost"
    assert len(data["invitations_sent"]) == 1
    assert len(data["invitations_accepted"]) == 1 and data["invitations_accepted"][0]["used_at"]
    assert len(data["invitations_received"]) == 1
    assert {row["body"] for row in data["remarks_entered_on_my_behalf"]} == {
        "Per mail gestuurd.",
        "Gezegd in de bijeenkomst.",
    }
    assert data["emails"][0]["args_kwargs__kwargs__template"] == "members/signup_approved"
    assert data["emails"][0]["status"] == "READY"
    body = response.content.decode()
    assert personas.coordinator.email not in body and "vriend@example.org" not in body


def test_a_wrong_password_deletes_nothing(client_for, zoe):
    for password in ["", "verkeerd", "x" * 5000, "<script>alert(1)</script>"]:
        response = client_for(zoe).post(reverse("members:delete_account"), {"confirm": "on", "password": password})
        assert response.status_code == 200
        html = response.content.decode()
        assert "This password is not right. Nothing was deleted." in html or "Type your password." in html
        assert "<script>alert(1)</script>" not in html
    assert Member.objects.filter(pk=zoe.pk).exists()
    assert Consent.objects.filter(member=zoe).exists()
    assert DBTaskResult.objects.count() == 1
    assert Comment.objects.filter(author=zoe).count() == 2


def test_without_a_password_the_page_says_to_set_one_and_deletes_nothing(client_for, zoe):
    zoe.set_unusable_password()
    zoe.save()
    client = client_for(zoe)
    html = client.get(reverse("members:delete_account")).content.decode()
    assert "You do not have a password yet" in html and reverse("account_set_password") in html
    client.post(reverse("members:delete_account"), {"confirm": "on", "password": ""})
    assert Member.objects.filter(pk=zoe.pk).exists()


def test_the_delete_page_says_what_is_kept_why_and_how_long(client_for, personas):
    html = client_for(personas.member).get(reverse("members:delete_account"), HTTP_ACCEPT_LANGUAGE="nl").content
    html = html.decode()
    assert "Wat het netwerk moet bewaren, zonder je naam" in html
    assert "zolang het netwerk bestaat" in html and "hoogstens 30 dagen" in html
    assert 'type="password"' in html and 'autocomplete="current-password"' in html


def _rows_mentioning(pk: int) -> list[str]:
    """Every row in the database that still holds the member's id, address or name."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        member_fks = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.ForeignKey) and field.related_model is Member
        ]
        for row in model._base_manager.values():
            text = json.dumps(row, default=str, ensure_ascii=False).lower()
            if EMAIL in text or NAME.lower() in text:
                found.append(f"{model._meta.label}: {text}")
            if any(row[name] == pk for name in member_fks):
                found.append(f"{model._meta.label} points at the member: {row}")
    return found


def test_delete_round_trip_leaves_only_anonymised_rows(client_for, zoe):
    pk = zoe.pk
    client = client_for(zoe)
    assert client.get(reverse("members:my_data")).status_code == 200
    response = client.post(reverse("members:delete_account"), {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302

    assert not Member.objects.filter(pk=pk).exists()
    assert _rows_mentioning(pk) == []
    # Audit rows stay, without her id as target or in their data.
    assert AuditLogEntry.objects.filter(action="member.signup.approved", target_id="").exists()
    assert not AuditLogEntry.objects.filter(target_type="members.member", target_id=str(pk)).exists()
    assert not AuditLogEntry.objects.filter(data__member=pk).exists()
    assert AuditLogEntry.objects.get(action="member.deleted").target_id == ""
    # No email rows; the group and the meeting stay without her.
    assert DBTaskResult.objects.count() == 0
    assert BreakoutGroup.objects.get(name="Groep Wonen").note_taker is None
    # Remarks: gone, except in the published reactienota, where they stay without name.
    assert set(Comment.objects.values_list("body", "author", "submitter_name", "display", "outcome")) == {
        ("Mijn punt in de reactienota.", None, "", "anonymous", "adopted"),
        ("Gezegd in de bijeenkomst.", None, "", "anonymous", "partly"),
    }
    # The circle invitations stay for the circle, without her address.
    assert Invitation.objects.count() == 3
