"""demo_logins prints a login for every role, and a TOTP code allauth accepts."""

import re
import time
from io import StringIO

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.urls import reverse

from samenspel.demo import base as demo

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("demo_logins", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(demo_network):
    """The demo, loaded once for this module (tests/fixtures/demo.py)."""
    return demo_network


def current_counter() -> int:
    return int(time.time()) // mfa_settings.TOTP_PERIOD


def totp_code_from_command() -> tuple[str, int]:
    """The printed code and the TOTP period it belongs to (retry if the period turned meanwhile)."""
    for _ in range(3):
        counter = current_counter()
        code = run("--totp").strip()
        if current_counter() == counter:
            return code, counter
    raise AssertionError("The TOTP period kept changing")


def test_it_lists_every_role_with_name_email_and_the_password(seeded):
    output = run()
    for role in (
        "Coordinator",
        "Kartrekker",
        "Organisation representative",
        "Municipality viewer",
        "Member (expert by experience)",
    ):
        assert role in output
    for login in demo.DEMO_LOGINS:
        assert login.email in output
        assert login.try_this in output
    assert output.count("Kartrekker (circle lead)") == 4
    assert "Yasmina Boukhari" in output
    assert demo.DEMO_PASSWORD in output
    assert demo.DEMO_TOTP_SECRET in output
    assert "demo_logins --totp" in output
    assert "otpauth://totp/" in output


def test_the_printed_totp_code_is_accepted_by_allauth_and_a_wrong_one_is_not(seeded):
    code, _ = totp_code_from_command()
    assert re.fullmatch(r"\d{6}", code)
    authenticator = Authenticator.objects.get(user__email=demo.COORDINATOR_EMAIL, type=Authenticator.Type.TOTP)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert TOTP(authenticator).validate_code(wrong) is False
    assert TOTP(authenticator).validate_code(code) is True


def test_the_secret_is_stored_the_allauth_way_and_matches_the_documented_one(seeded):
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user__email=demo.COORDINATOR_EMAIL, type=Authenticator.Type.TOTP)
    assert decrypt(authenticator.data["secret"]) == demo.DEMO_TOTP_SECRET


def test_the_coordinator_logs_in_with_password_and_the_printed_code(seeded, client):
    response = client.post(reverse("account_login"), {"login": demo.COORDINATOR_EMAIL, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not response.wsgi_request.user.is_authenticated

    code, _ = totp_code_from_command()
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated
    assert response.wsgi_request.user.email == demo.COORDINATOR_EMAIL
    # The 2FA gate is passed: the home page answers instead of sending to the TOTP set-up.
    assert client.get(reverse("home")).status_code == 200
