"""Helpers for the browser flows: fresh browser contexts, TOTP logins, emailed links, focus checks."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from .conftest import assert_accessible, login, track_documents

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^\s/]+/)")


@pytest.fixture(name="new_page")
def new_page_fixture(browser, live_server, settings):
    """new_page(width=1024) opens a page in a context of its own (its own cookies: one person)."""
    settings.DEBUG = False
    contexts = []

    def _new(width: int = 1024, height: int = 800, **options):
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": height}, **options
        )
        contexts.append(context)
        page = track_documents(context.new_page())
        page.set_default_timeout(10_000)
        return page

    yield _new
    for context in contexts:
        context.close()


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now; waits for a fresh period if this one nearly ended."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 2:
        time.sleep(2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def login_with_totp(page, email: str, password: str, secret: str = TOTP_SECRET, check: bool = False) -> None:
    """Log in a coordinator through the UI: password, then the 6-digit code of their app."""
    login(page, email, password)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    if check:
        assert_accessible(page, "mfa-authenticate")
    page.fill("input[name=code]", totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/2fa/authenticate/" not in page.url, page.content()[:3000]


def emailed_confirmation_path(email: str) -> str:
    """The path of the confirmation link in the last email sent to this address."""
    messages = [message for message in mail.outbox if email in message.to]
    assert messages, f"no email to {email}; outbox: {[m.to for m in mail.outbox]}"
    match = CONFIRM_LINK.search(messages[-1].body)
    assert match, messages[-1].body
    return match.group(1)


def focus_ring(page) -> dict:
    """What shows the focus of the focused element: its outline and box shadow, as computed."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                name: el.getAttribute('name') || '',
                type: el.getAttribute('type') || '',
                id: el.id,
                text: (el.textContent || '').trim().slice(0, 60),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0,
                boxShadow: style.boxShadow,
            };
        }"""
    )


def assert_focus_visible(page) -> dict:
    ring = focus_ring(page)
    has_outline = ring["outlineStyle"] != "none" and ring["outlineWidth"] > 0
    has_shadow = ring["boxShadow"] not in ("", "none")
    assert has_outline or has_shadow, f"focus is not visible on {ring}"
    return ring


def assert_no_sideways_scroll(page, name: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        wide = page.evaluate(
            """() => {
                const width = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > width + 1)
                    .slice(0, 8)
                    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
                        + ' right=' + Math.round(el.getBoundingClientRect().right));
            }"""
        )
        raise AssertionError(f"{name} ({page.url}) scrolls sideways by {overflow}px at 320 px: {wide}")
