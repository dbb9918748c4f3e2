"""Security headers on every kind of page, and a clean `check --deploy` under production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("url_name", ["home", "circles:list", "organisations:list", "account_login", "account_signup"])
def test_pages_send_a_strict_content_security_policy_and_security_headers(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_templates_contain_no_inline_scripts_or_styles():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "emails" in path.parts:
            continue  # emails are not served under the CSP; mail clients need inline styles
        if " style=" in text or "<style" in text:
            offenders.append(f"{path.relative_to(ROOT)}: inline style")
        for line in text.splitlines():
            if "<script" in line and "src=" not in line:
                offenders.append(f"{path.relative_to(ROOT)}: inline script")
            if " onclick=" in line or " onload=" in line or " onsubmit=" in line:
                offenders.append(f"{path.relative_to(ROOT)}: inline event handler")
    assert not offenders, "\n".join(offenders)


def test_check_deploy_reports_nothing_under_production_settings():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-test-secret-key-that-is-long-enough-and-random-ZX81-plus-more-characters",
        "ALLOWED_HOSTS": "samenspel.example.org",
    }
    env.pop("DATABASE_URL", None)
    # Only the browser tests set it, while Chromium runs (tests/browser/conftest.py); a shell may too.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "samenspel.example.org"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_the_orm_guards_async_code_outside_the_browser_tests():
    """DJANGO_ALLOW_ASYNC_UNSAFE is set only while Chromium runs (tests/browser/conftest.py)."""
    assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ
