import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samenspel.circles import services
from samenspel.circles.models import CircleMembership, Invitation
from samenspel.core.models import AuditLogEntry
from samenspel.lib.tokens import hash_token
from samenspel.members.models import Member
from tests.factories.circles import CircleFactory
from tests.factories.members import ConsentTextFactory, MemberFactory

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
    assert invitation.token_hash == hash_token(token)
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


INVITED = "new.person@example.org"


@pytest.fixture
def invitee(personas):
    """An approved member, not in the circle, whose address is the invited one."""
    return MemberFactory(name="Nora Nieuw", email=INVITED)


def assert_unused(obj):
    obj.refresh_from_db()
    assert obj.used_at is None
    assert obj.used_by is None
    assert obj.email == INVITED


def test_visitor_sees_the_invitation_and_is_led_to_log_in_or_sign_up(personas, client, invitation):
    obj, token = invitation
    response = client.get(accept_url(token))
    assert response.status_code == 200
    page = response.content.decode()
    assert "You are invited to Kring Onderzoek" in page
    assert "Mila Member invites you to join this circle." in page
    assert 'href="/accounts/signup/"' in page  # no email address in a URL
    assert "new.person%40example.org" not in page
    assert f'href="/accounts/login/?next=/circles/invitation/{token}/"' in page
    assert client.session[services.INVITATION_SESSION_KEY] == token  # remembered for sign-up
    assert not CircleMembership.objects.filter(member__email=INVITED).exists()
    assert_unused(obj)


def test_the_sign_up_form_is_filled_in_with_the_invited_address(personas, client, invitation):
    ConsentTextFactory()
    client.get(accept_url(invitation[1]))
    response = client.get("/accounts/signup/")
    page = response.content.decode()
    assert 'value="new.person@example.org"' in page
    assert "You do not need to confirm that address again." in page


def test_a_visitor_who_posts_is_sent_to_log_in_and_nothing_happens(personas, client, invitation):
    obj, token = invitation
    response = client.post(accept_url(token))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next=/circles/invitation/{token}/" in response["Location"]
    assert_unused(obj)


def test_opening_the_link_as_the_invitee_does_not_join(personas, client_for, invitation, invitee):
    obj, token = invitation
    response = client_for(invitee).get(accept_url(token))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    assert "Accept the invitation" in page
    assert not CircleMembership.objects.filter(member=invitee).exists()
    assert_unused(obj)
    assert not AuditLogEntry.objects.filter(action__startswith="circle.invitation.acc").exists()


def test_accepting_as_the_invitee_joins(personas, client_for, invitation, invitee):
    obj, token = invitation
    response = client_for(invitee).post(accept_url(token), follow=True)
    assert response.redirect_chain[0] == (reverse("circles:detail", args=[personas.circle.slug]), 302)
    assert "Welcome! You are now a member of Kring Onderzoek." in response.content.decode()
    membership = CircleMembership.objects.get(circle=personas.circle, member=invitee)
    assert membership.status == CircleMembership.Status.ACTIVE
    assert membership.role == CircleMembership.Role.MEMBER
    obj.refresh_from_db()
    assert obj.used_at is not None
    assert obj.used_by == invitee
    assert obj.email == ""
    accepted = AuditLogEntry.objects.get(action="circle.invitation.accepted")
    assert accepted.actor == invitee
    assert accepted.data == {"invitation": obj.pk, "membership": membership.pk}
    assert AuditLogEntry.objects.filter(action="circle.member.joined", actor=invitee).count() == 1


def test_the_invited_address_matches_without_regard_to_capitals(personas, client_for, invitation, invitee):
    obj, token = invitation
    Invitation.objects.filter(pk=obj.pk).update(email="New.Person@Example.ORG")
    client_for(invitee).post(accept_url(token))
    assert CircleMembership.objects.filter(circle=personas.circle, member=invitee).exists()


def test_a_confirmed_extra_address_counts_an_unconfirmed_one_does_not(personas, client_for, invitation):
    from allauth.account.models import EmailAddress

    obj, token = invitation
    outsider = personas.outsider
    extra = EmailAddress.objects.create(user=outsider, email=INVITED, verified=False, primary=False)
    assert client_for(outsider).post(accept_url(token)).status_code == 403
    assert_unused(obj)
    extra.verified = True
    extra.save()
    assert client_for(outsider).post(accept_url(token)).status_code == 302
    assert CircleMembership.objects.filter(circle=personas.circle, member=outsider).exists()


def test_another_account_is_refused_and_the_invitation_still_works(personas, client_for, invitation, invitee):
    obj, token = invitation
    client = client_for(personas.outsider)
    response = client.get(accept_url(token))
    assert response.status_code == 403
    page = response.content.decode()
    assert "This invitation is for someone else" in page
    assert "This invitation was sent to another email address than the one of your account." in page
    assert "Accept the invitation" not in page
    response = client.post(accept_url(token))
    assert response.status_code == 403
    assert "Only the person who got the invitation can use it." in response.content.decode()
    assert not CircleMembership.objects.filter(member=personas.outsider, circle=personas.circle).exists()
    assert_unused(obj)
    refused = AuditLogEntry.objects.get(action="circle.invitation.refused")
    assert refused.actor == personas.outsider
    assert refused.data == {"invitation": obj.pk}
    # The person it was meant for can still use it.
    assert client_for(invitee).post(accept_url(token)).status_code == 302
    assert CircleMembership.objects.filter(member=invitee, circle=personas.circle).exists()


def test_the_refusal_is_in_plain_dutch(personas, client_for, invitation, settings):
    settings.LANGUAGE_CODE = "nl"
    _, token = invitation
    response = client_for(personas.outsider).post(accept_url(token), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Deze uitnodiging is voor iemand anders" in page
    assert "Deze uitnodiging is naar een ander e-mailadres gestuurd" in page


def test_an_invitation_to_a_circle_on_request_becomes_a_request(
    personas, client_for, invitation, invitee, django_capture_on_commit_callbacks, mailoutbox
):
    obj, token = invitation
    personas.circle.join_policy = personas.circle.JoinPolicy.ON_REQUEST
    personas.circle.save()
    mailoutbox.clear()
    client = client_for(invitee)
    page = client.get(accept_url(token)).content.decode()
    assert "In this circle a circle lead decides who joins." in page
    assert "Ask to join" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(accept_url(token), follow=True)
    assert "A circle lead will decide soon." in response.content.decode()
    membership = CircleMembership.objects.get(circle=personas.circle, member=invitee)
    assert membership.status == CircleMembership.Status.REQUESTED
    obj.refresh_from_db()
    assert obj.used_by == invitee
    assert AuditLogEntry.objects.filter(action="circle.request.created", actor=invitee).exists()
    assert not AuditLogEntry.objects.filter(action="circle.member.joined", actor=invitee).exists()
    assert [mail.to for mail in mailoutbox] == [[personas.kartrekker.email]]
    # The kartrekker says yes: only then is the invitee a member.
    client_for(personas.kartrekker).post(
        reverse("circles:request_decide", args=[personas.circle.slug, membership.pk]), {"decision": "approve"}
    )
    membership.refresh_from_db()
    assert membership.status == CircleMembership.Status.ACTIVE


def test_posting_without_a_csrf_token_is_refused(personas, invitation, invitee):
    from django.test import Client

    obj, token = invitation
    client = Client(enforce_csrf_checks=True)
    client.force_login(invitee)
    assert client.post(accept_url(token)).status_code == 403
    assert not CircleMembership.objects.filter(member=invitee).exists()
    assert_unused(obj)


def test_a_member_already_in_the_circle_is_told_so(personas, client_for, invitation):
    obj, token = invitation
    Invitation.objects.filter(pk=obj.pk).update(email=personas.member.email)
    page = client_for(personas.member).get(accept_url(token)).content.decode()
    assert "You are already a member of this circle." in page
    assert "Accept the invitation" not in page


def test_a_link_works_only_once(personas, client_for, invitation, invitee):
    _, token = invitation
    client_for(invitee).post(accept_url(token))
    for person in (invitee, MemberFactory()):
        response = client_for(person).get(accept_url(token))
        assert response.status_code == 410
        assert "already been used" in response.content.decode()
        assert client_for(person).post(accept_url(token)).status_code == 410
    assert CircleMembership.objects.filter(circle=personas.circle).count() == 3
    # And a visitor is not sent to sign up with it.
    response = client_for(None).get(accept_url(token))
    assert response.status_code == 410
    assert services.INVITATION_SESSION_KEY not in client_for(None).session


def test_an_expired_link_does_not_work(personas, client_for, invitation, invitee):
    _, token = invitation
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client_for(invitee).get(accept_url(token))
        assert response.status_code == 410
        assert "has expired" in response.content.decode()
        assert client_for(invitee).post(accept_url(token)).status_code == 410
    assert not CircleMembership.objects.filter(member=invitee).exists()


def test_a_link_to_a_circle_that_was_closed_does_not_work(personas, client_for, invitation, invitee):
    _, token = invitation
    personas.circle.is_active = False
    personas.circle.save()
    assert client_for(invitee).get(accept_url(token)).status_code == 410
    assert client_for(invitee).post(accept_url(token)).status_code == 410


@pytest.mark.parametrize("bad", ["x", "A" * 43, "A" * 500, "%3Cscript%3E", "..%2F..%2Fadmin"])
def test_unknown_or_tampered_tokens_are_404(personas, client_for, invitation, bad):
    response = client_for(None).get(f"/circles/invitation/{bad}/")
    assert response.status_code == 404


def test_a_tampered_token_is_404(personas, client_for, invitation, invitee):
    obj, token = invitation
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client_for(invitee).get(accept_url(tampered)).status_code == 404
    assert client_for(invitee).post(accept_url(tampered)).status_code == 404
    # The stored hash itself is not a valid token either.
    assert client_for(invitee).post(accept_url(obj.token_hash)).status_code == 404
    obj.refresh_from_db()
    assert obj.used_at is None


def test_a_link_turns_a_request_into_membership(personas, client_for, invitation, invitee):
    _, token = invitation
    CircleMembership.objects.create(circle=personas.circle, member=invitee, status=CircleMembership.Status.REQUESTED)
    client_for(invitee).post(accept_url(token))
    membership = CircleMembership.objects.get(circle=personas.circle, member=invitee)
    assert membership.status == CircleMembership.Status.ACTIVE


def test_a_pending_account_with_the_invited_address_can_accept(personas, client_for, invitation):
    _, token = invitation
    pending = MemberFactory(email=INVITED, status=Member.Status.PENDING)
    assert client_for(pending).post(accept_url(token)).status_code == 302
    assert CircleMembership.objects.filter(circle=personas.circle, member=pending).exists()


def test_refused_account_cannot_use_a_link(personas, client_for, invitation):
    obj, token = invitation
    refused = MemberFactory(status=Member.Status.REFUSED, email=INVITED)
    assert client_for(refused).get(accept_url(token)).status_code == 403
    assert client_for(refused).post(accept_url(token)).status_code == 403
    assert not CircleMembership.objects.filter(member=refused).exists()
    assert_unused(obj)


def test_clearing_old_emails_forgets_expired_addresses(personas, invitation):
    obj, _ = invitation
    assert services.clear_old_invitation_emails() == 0
    Invitation.objects.filter(pk=obj.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert services.clear_old_invitation_emails() == 1
    obj.refresh_from_db()
    assert obj.email == ""


# --- accept via sign-up ----------------------------------------------------------------------


def sign_up(client, email=INVITED):
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
    new = Member.objects.get(email=INVITED)
    assert new.status == Member.Status.PENDING
    membership = CircleMembership.objects.get(circle=personas.circle, member=new)
    assert membership.status == CircleMembership.Status.ACTIVE
    assert membership.role == CircleMembership.Role.MEMBER
    obj.refresh_from_db()
    assert obj.used_at is not None
    assert obj.used_by == new
    assert obj.email == ""
    assert services.INVITATION_SESSION_KEY not in client.session
    assert AuditLogEntry.objects.filter(action="circle.invitation.accepted", actor=new).exists()


def test_signing_up_with_another_address_than_the_invited_one_joins_nothing(personas, client, invitation):
    ConsentTextFactory()
    obj, token = invitation
    client.get(accept_url(token))
    response = sign_up(client, email="someone.else@example.org")
    assert response.status_code == 302
    new = Member.objects.get(email="someone.else@example.org")
    assert not CircleMembership.objects.filter(member=new).exists()
    assert_unused(obj)  # still works for the invited person


def test_signing_up_through_an_invitation_to_a_circle_on_request_asks_to_join(
    personas, client, invitation, django_capture_on_commit_callbacks, mailoutbox
):
    ConsentTextFactory()
    _, token = invitation
    personas.circle.join_policy = personas.circle.JoinPolicy.ON_REQUEST
    personas.circle.save()
    client.get(accept_url(token))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    new = Member.objects.get(email=INVITED)
    membership = CircleMembership.objects.get(circle=personas.circle, member=new)
    assert membership.status == CircleMembership.Status.REQUESTED
    assert personas.kartrekker.email in [address for mail in mailoutbox for address in mail.to]


def test_signing_up_with_a_used_invitation_in_the_session_joins_nothing(
    personas, client, invitation, django_capture_on_commit_callbacks
):
    ConsentTextFactory()
    obj, token = invitation
    client.get(accept_url(token))
    Invitation.objects.filter(pk=obj.pk).update(used_at=timezone.now())
    sign_up(client)
    new = Member.objects.get(email=INVITED)
    assert not CircleMembership.objects.filter(member=new).exists()


def test_signing_up_with_an_expired_invitation_joins_nothing(personas, client, invitation):
    ConsentTextFactory()
    obj, token = invitation
    client.get(accept_url(token))
    Invitation.objects.filter(pk=obj.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    sign_up(client)
    new = Member.objects.get(email=INVITED)
    assert not CircleMembership.objects.filter(member=new).exists()


def test_signing_up_without_an_invitation_joins_nothing(personas, client):
    ConsentTextFactory()
    sign_up(client)
    new = Member.objects.get(email=INVITED)
    assert not CircleMembership.objects.filter(member=new).exists()


def test_signing_up_with_a_forged_session_token_joins_nothing(personas, client):
    ConsentTextFactory()
    CircleFactory()
    session = client.session
    session[services.INVITATION_SESSION_KEY] = "forged-token"
    session.save()
    sign_up(client)
    new = Member.objects.get(email=INVITED)
    assert not CircleMembership.objects.filter(member=new).exists()
