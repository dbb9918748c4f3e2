import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samenspel.circles import services
from samenspel.circles.models import CircleMembership, Invitation
from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Member
from tests.factories import CircleFactory, ConsentTextFactory, MemberFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+/circles/invitation/([A-Za-z0-9_\-]+)/")


def invite_url(circle):
    return reverse("circles:invite", args=[circle.slug])


def send_invitation(client, circle, capture, email="new.person@example.org", message=""):
    with capture(execute=True):
        response = client.post(invite_url(circle), {"email": email, "message": message})
    return response


def token_from(mail) -> str:
    return LINK.search(mail.body).group(1)


@pytest.mark.parametrize("persona", ["member", "kartrekker", "coordinator"])
def test_members_leads_and_coordinators_can_invite(
    personas, client_for, persona, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_for(getattr(personas, persona))
    assert client.get(invite_url(personas.circle)).status_code == 200
    response = send_invitation(client, personas.circle, django_capture_on_commit_callbacks, message="Kom je ook?")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.invited_by == getattr(personas, persona)
    assert invitation.email == "new.person@example.org"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["new.person@example.org"]
    assert "invites you to Kring Onderzoek" in mail.subject
    assert "Kom je ook?" in mail.body
    token = token_from(mail)
    assert mail.body.count(token) == 1
    assert mail.alternatives and token in mail.alternatives[0][0]
    # Only the hash is stored, never the token itself.
    assert invitation.token_hash == services.hash_token(token)
    assert token not in invitation.token_hash
    assert invitation.expires_at - timezone.now() > timedelta(days=13)
    assert AuditLogEntry.objects.filter(action="circle.invitation.sent").exists()


def test_the_personal_message_is_escaped_in_the_html_mail(
    personas, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    send_invitation(
        client_for(personas.member),
        personas.circle,
        django_capture_on_commit_callbacks,
        message="<b>hoi</b> & <script>",
    )
    html = mailoutbox[0].alternatives[0][0]
    assert "&lt;b&gt;hoi&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<b>hoi</b> & <script>" in mailoutbox[0].body  # plain text stays as typed


@pytest.mark.parametrize("persona", ["outsider", "pending"])
def test_people_outside_the_circle_cannot_invite(personas, client_for, persona, mailoutbox):
    client = client_for(getattr(personas, persona))
    assert client.get(invite_url(personas.circle)).status_code == 403
    assert client.post(invite_url(personas.circle), {"email": "a@example.org"}).status_code == 403
    assert not Invitation.objects.exists()


def test_visitor_is_sent_to_log_in_to_invite(personas, client_for):
    response = client_for(None).get(invite_url(personas.circle))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(
    "data,message",
    [
        ({"email": ""}, "Fill in an email address."),
        ({}, "Fill in an email address."),
        ({"email": "not-an-email"}, "Fill in a valid email address"),
        ({"email": "<script>@x"}, "Fill in a valid email address"),
        ({"email": "a" * 250 + "@example.org"}, "This email address is too long."),
        ({"email": "a@example.org", "message": "x" * 501}, "The message is too long. Use at most 500 characters"),
    ],
)
def test_bad_invitation_input(personas, client_for, data, message, mailoutbox):
    response = client_for(personas.member).post(invite_url(personas.circle), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_at_most_twenty_invitations_a_day(personas, client_for, django_capture_on_commit_callbacks, mailoutbox):
    client = client_for(personas.member)
    for i in range(20):
        send_invitation(client, personas.circle, django_capture_on_commit_callbacks, email=f"p{i}@example.org")
    response = send_invitation(client, personas.circle, django_capture_on_commit_callbacks, email="p21@example.org")
    assert response.status_code == 200
    assert "That is the most for one day" in response.content.decode()
    assert Invitation.objects.count() == 20
    assert len(mailoutbox) == 20
    # A day later it works again.
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        response = send_invitation(client, personas.circle, django_capture_on_commit_callbacks, email="p21@example.org")
    assert response.status_code == 302
    assert Invitation.objects.count() == 21


@pytest.fixture
def invitation(personas, client_for, django_capture_on_commit_callbacks, mailoutbox):
    send_invitation(client_for(personas.member), personas.circle, django_capture_on_commit_callbacks)
    client_for(None)
    return Invitation.objects.get(), token_from(mailoutbox[0])


def accept_url(token):
    return reverse("circles:invitation_accept", args=[token])


def test_visitor_with_a_valid_link_goes_to_sign_up_with_the_token_in_the_session(personas, client, invitation):
    _, token = invitation
    response = client.get(accept_url(token), follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_signup")
    assert client.session[services.INVITATION_SESSION_KEY] == token
    assert "After signing up you will be in the circle." in response.content.decode()


def test_approved_member_with_a_valid_link_joins_at_once(personas, client_for, invitation):
    obj, token = invitation
    response = client_for(personas.outsider).get(accept_url(token))
    assert response.status_code == 302
    assert response["Location"] == reverse("circles:detail", args=[personas.circle.slug])
    membership = CircleMembership.objects.get(circle=personas.circle, member=personas.outsider)
    assert membership.status == CircleMembership.Status.ACTIVE
    obj.refresh_from_db()
    assert obj.used_at is not None
    assert obj.used_by == personas.outsider
    assert obj.email == ""


def test_a_link_works_only_once(personas, client_for, invitation):
    _, token = invitation
    client_for(personas.outsider).get(accept_url(token))
    second = MemberFactory()
    response = client_for(second).get(accept_url(token))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert not CircleMembership.objects.filter(member=second).exists()
    # And a visitor is not sent to sign up with it.
    response = client_for(None).get(accept_url(token))
    assert response.status_code == 410
    assert services.INVITATION_SESSION_KEY not in client_for(None).session


def test_an_expired_link_does_not_work(personas, client_for, invitation):
    _, token = invitation
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client_for(personas.outsider).get(accept_url(token))
    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    assert not CircleMembership.objects.filter(member=personas.outsider).exists()


def test_a_link_to_a_circle_that_was_closed_does_not_work(personas, client_for, invitation):
    _, token = invitation
    personas.circle.is_active = False
    personas.circle.save()
    assert client_for(personas.outsider).get(accept_url(token)).status_code == 410


@pytest.mark.parametrize("bad", ["x", "A" * 43, "A" * 500, "%3Cscript%3E", "..%2F..%2Fadmin"])
def test_unknown_or_tampered_tokens_are_404(personas, client_for, invitation, bad):
    response = client_for(None).get(f"/circles/invitation/{bad}/")
    assert response.status_code == 404


def test_a_tampered_token_is_404(personas, client_for, invitation):
    obj, token = invitation
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client_for(personas.outsider).get(accept_url(tampered)).status_code == 404
    # The stored hash itself is not a valid token either.
    assert client_for(personas.outsider).get(accept_url(obj.token_hash)).status_code == 404
    obj.refresh_from_db()
    assert obj.used_at is None


def test_a_link_turns_a_request_into_membership(personas, client_for, invitation):
    _, token = invitation
    CircleMembership.objects.create(
        circle=personas.circle, member=personas.outsider, status=CircleMembership.Status.REQUESTED
    )
    client_for(personas.outsider).get(accept_url(token))
    membership = CircleMembership.objects.get(circle=personas.circle, member=personas.outsider)
    assert membership.status == CircleMembership.Status.ACTIVE


def test_refused_account_cannot_use_a_link(personas, client_for, invitation):
    _, token = invitation
    refused = MemberFactory(status=Member.Status.REFUSED)
    assert client_for(refused).get(accept_url(token)).status_code == 403
    assert not CircleMembership.objects.filter(member=refused).exists()


def test_clearing_old_emails_forgets_expired_addresses(personas, invitation):
    obj, _ = invitation
    assert services.clear_old_invitation_emails() == 0
    Invitation.objects.filter(pk=obj.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert services.clear_old_invitation_emails() == 1
    obj.refresh_from_db()
    assert obj.email == ""


# --- accept via sign-up ----------------------------------------------------------------------


def sign_up(client, email="nieuw@example.org"):
    return client.post(
        "/accounts/signup/",
        {
            "name": "Nina Nieuw",
            "email": email,
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
            "kind": Member.Kind.EXPERT,
            "organisation": "",
            "theme_visibility": Member.ThemeVisibility.COORDINATORS,
            "consent": "on",
        },
    )


def test_signing_up_through_an_invitation_puts_the_new_member_in_the_circle(
    personas, client, invitation, django_capture_on_commit_callbacks
):
    ConsentTextFactory()
    obj, token = invitation
    client.get(accept_url(token))
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    new = Member.objects.get(email="nieuw@example.org")
    assert new.status == Member.Status.PENDING
    membership = CircleMembership.objects.get(circle=personas.circle, member=new)
    assert membership.status == CircleMembership.Status.ACTIVE
    assert membership.role == CircleMembership.Role.MEMBER
    obj.refresh_from_db()
    assert obj.used_at is not None
    assert obj.used_by == new
    assert obj.email == ""
    assert services.INVITATION_SESSION_KEY not in client.session


def test_signing_up_with_a_used_invitation_in_the_session_joins_nothing(
    personas, client, invitation, django_capture_on_commit_callbacks
):
    ConsentTextFactory()
    obj, token = invitation
    client.get(accept_url(token))
    Invitation.objects.filter(pk=obj.pk).update(used_at=timezone.now())
    sign_up(client)
    new = Member.objects.get(email="nieuw@example.org")
    assert not CircleMembership.objects.filter(member=new).exists()


def test_signing_up_with_an_expired_invitation_joins_nothing(personas, client, invitation):
    ConsentTextFactory()
    obj, token = invitation
    client.get(accept_url(token))
    Invitation.objects.filter(pk=obj.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    sign_up(client)
    new = Member.objects.get(email="nieuw@example.org")
    assert not CircleMembership.objects.filter(member=new).exists()


def test_signing_up_without_an_invitation_joins_nothing(personas, client):
    ConsentTextFactory()
    sign_up(client)
    new = Member.objects.get(email="nieuw@example.org")
    assert not CircleMembership.objects.filter(member=new).exists()


def test_signing_up_with_a_forged_session_token_joins_nothing(personas, client):
    ConsentTextFactory()
    CircleFactory()
    session = client.session
    session[services.INVITATION_SESSION_KEY] = "forged-token"
    session.save()
    sign_up(client)
    new = Member.objects.get(email="nieuw@example.org")
    assert not CircleMembership.objects.filter(member=new).exists()
