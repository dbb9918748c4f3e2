"""Log in with a password, with an emailed code, with TOTP for coordinators; failed logins are limited."""

import re

import pytest
from django.urls import reverse

from ..conftest import make_coordinator
from .conftest import PASSWORD, activate_totp, log_in, totp_code, verify_email

pytestmark = pytest.mark.django_db


def logged_in_user(client):
    return client.get(reverse("home")).wsgi_request.user


def test_member_logs_in_with_email_and_password(client, verified_member):
    response = log_in(client, "VERA@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert logged_in_user(client) == verified_member


def test_wrong_password_is_refused_with_a_message(client, verified_member):
    response = log_in(client, verified_member.email, "wrong-password")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_login_redirect_does_not_leave_the_site(client, verified_member):
    response = client.post(
        reverse("account_login") + "?next=https://evil.example/",
        {"login": verified_member.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_member_logs_in_with_an_emailed_code(client, verified_member, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_request_login_code"), {"email": verified_member.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [verified_member.email]
    assert message.subject == "[ANE] Your login code"
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", message.body, re.MULTILINE).group(1)

    wrong = client.post(reverse("account_confirm_login_code"), {"code": "WRONG1"})
    assert wrong.status_code == 200
    assert not logged_in_user(client).is_authenticated

    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert logged_in_user(client) == verified_member


def test_login_code_for_an_unknown_address_does_not_reveal_it(
    client, consent_text, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_request_login_code"), {"email": "nobody@example.org"})
    # Same answer as for a known address (ACCOUNT_PREVENT_ENUMERATION).
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert all("nobody@example.org" in m.to for m in mailoutbox)


def test_repeated_failed_logins_are_blocked(client, verified_member):
    # ACCOUNT_RATE_LIMITS["login_failed"]: 5 failures per 5 minutes for one address.
    for _ in range(5):
        response = log_in(client, verified_member.email, "wrong-password")
        assert response.status_code == 200
    response = log_in(client, verified_member.email)  # even the right password now waits
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_failed_logins_from_one_ip_are_blocked_across_addresses(client, verified_member):
    # ACCOUNT_RATE_LIMITS["login_failed"]: 10 failures per minute from one IP.
    for n in range(10):
        log_in(client, f"guess{n}@example.org", "wrong-password")
    response = log_in(client, verified_member.email)
    assert "Too many failed login attempts" in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_requesting_login_codes_is_rate_limited(client, verified_member):
    # ACCOUNT_RATE_LIMITS["request_login_code"]: 3 per minute for one address.
    for _ in range(3):
        response = client.post(reverse("account_request_login_code"), {"email": verified_member.email})
        assert response.status_code == 302
        client.cookies.clear()  # a fresh session, as a new browser would have
    response = client.post(reverse("account_request_login_code"), {"email": verified_member.email})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()


def test_coordinator_with_totp_must_give_the_code_at_login(client, consent_text):
    coordinator = verify_email(make_coordinator(email="coco@example.org"))
    coordinator.authenticator_set.all().delete()
    secret = activate_totp(coordinator)

    response = log_in(client, coordinator.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not logged_in_user(client).is_authenticated
    assert client.get(reverse("coordination:index")).status_code == 302  # not logged in yet

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000" if totp_code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert not logged_in_user(client).is_authenticated

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert logged_in_user(client) == coordinator
    assert client.get(reverse("coordination:index")).status_code == 200


def test_member_without_totp_is_not_asked_for_a_code(client, verified_member):
    response = log_in(client, verified_member.email)
    assert response["Location"] != reverse("mfa_authenticate")
    assert logged_in_user(client) == verified_member
