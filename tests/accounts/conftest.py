"""Helpers for the account tests: a published consent text, verified addresses, real logins."""

import itertools
import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.urls import reverse

from samenspel.members.models import Member
from tests.factories.members import ConsentTextFactory, MemberFactory

PASSWORD = "a-long-test-password"


@pytest.fixture
def consent_text(db):
    return ConsentTextFactory(body_nl="Wij bewaren je gegevens veilig.", body_en="We keep your data safe.")


def verify_email(member: Member) -> Member:
    """Give the member a verified primary address, as after confirming the emailed link."""
    EmailAddress.objects.update_or_create(user=member, email=member.email, defaults={"verified": True, "primary": True})
    return member


@pytest.fixture
def verified_member(consent_text) -> Member:
    return verify_email(MemberFactory(name="Vera Verified", email="vera@example.org"))


def totp_code(secret: str) -> str:
    """The current 6-digit code an authenticator app would show, made with allauth's own helpers."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def activate_totp(member: Member, secret: str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") -> str:
    TOTP.activate(member, secret)
    return secret


def log_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def reauthenticate(client, password: str = PASSWORD):
    """allauth asks for the password again before 2FA changes; give it."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def assert_page_is_clean(response) -> str:
    """One h1, no inline scripts or styles (the CSP forbids them), headings in order."""
    html = response.content.decode()
    assert html.count("<h1") == 1, html
    assert " style=" not in html
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script, script
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1, f"heading h{current} follows h{previous}"
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if re.search(r'type="(hidden|submit|button)"', tag):
            continue
        field_id = re.search(r'\sid="([^"]+)"', tag)
        assert field_id, f"field without id: {tag}"
        assert f'for="{field_id.group(1)}"' in html, f"field without label: {tag}"
    return html
