"""Behind the nginx of docs/production.md every request comes from 127.0.0.1. Rate limits must
still count per client: TRUSTED_PROXY_COUNT (environment) says how many proxies add an entry to
X-Forwarded-For, and the client's address is read from there; without it the header is ignored.
"""

import runpy
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.members import MemberFactory

from .conftest import PASSWORD, log_in, verify_email

pytestmark = pytest.mark.django_db
SETTINGS = Path(__file__).resolve().parents[2] / "samenspel" / "settings.py"
PROXY = "127.0.0.1"  # nginx on the same host: REMOTE_ADDR of every request


def settings_with(monkeypatch, **env) -> dict:
    """samenspel/settings.py evaluated again with these environment variables."""
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def behind_proxy(client, forwarded_for: str):
    """What nginx's `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` passes on."""
    client.defaults.update(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    return client


TOO_MANY = "Too many failed login attempts"


def failed_login(client, n: int) -> str:
    """One failed login for a made-up address: "wrong" or "blocked" (allauth's limit)."""
    response = client.post(reverse("account_login"), {"login": f"made-up-{n}@example.org", "password": "wrong"})
    assert response.status_code == 200
    return "blocked" if TOO_MANY in response.content.decode() else "wrong"


@pytest.fixture
def proxy_settings(settings, monkeypatch):
    """The settings an operator gets with TRUSTED_PROXY_COUNT=1 in the environment."""
    loaded = settings_with(monkeypatch, TRUSTED_PROXY_COUNT="1")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = loaded.get("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    return settings


def test_trusted_proxy_count_comes_from_the_environment_and_defaults_to_zero(monkeypatch):
    assert settings_with(monkeypatch)["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert settings_with(monkeypatch, TRUSTED_PROXY_COUNT="")["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert settings_with(monkeypatch, TRUSTED_PROXY_COUNT="1")["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1


def test_one_client_failing_logins_does_not_lock_out_another_behind_the_same_proxy(proxy_settings, client):
    member = verify_email(MemberFactory(email="nina@example.org"))
    attacker = behind_proxy(client, "203.0.113.5")
    answers = [failed_login(attacker, n) for n in range(11)]
    assert answers == ["wrong"] * 10 + ["blocked"]  # the attacker is stopped

    neighbour = behind_proxy(Client(), "198.51.100.7")
    response = log_in(neighbour, member.email, PASSWORD)
    assert response.status_code == 302
    assert int(neighbour.session["_auth_user_id"]) == member.pk


def test_a_forged_first_entry_does_not_escape_the_limit(proxy_settings, client):
    """The client can send its own X-Forwarded-For; nginx appends the real address after it."""
    answers = [failed_login(behind_proxy(client, f"10.0.0.{n}, 203.0.113.5"), n) for n in range(11)]
    assert answers[10] == "blocked"


def test_without_a_trusted_proxy_the_header_is_ignored(settings, client):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    answers = [failed_login(behind_proxy(client, f"198.51.100.{n}"), n) for n in range(11)]
    assert answers[10] == "blocked"  # a forged X-Forwarded-For per request does not give a fresh limit
