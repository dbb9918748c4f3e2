"""Helpers for the browser tests: axe checks (keeping the HTML for the Nu HTML Checker), logins (with TOTP),
emailed links, focus and layout checks."""

import json
import re
import time
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from tests.factories.members import MemberFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^\s/]+/)")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# name -> (url, html): the HTML the server sent for each page that assert_accessible checked.
CHECKED_HTML: dict[str, tuple[str, str]] = {}
# The node ids of the browser tests this process ran (with pytest-xdist: this worker).
RAN_HERE: set[str] = set()
_last_document = {}  # page -> the response that brought its current document
_kept_document = {}  # page -> the response whose HTML is already in CHECKED_HTML


def track_documents(page):
    """Remember the response of each document the page loads, for keep_html."""

    def on_response(response):
        if response.request.resource_type == "document" and response.frame == page.main_frame:
            _last_document[page] = response

    page.on("response", on_response)
    return page


def keep_html(page, name: str) -> None:
    """Keep the HTML the server sent for the page's current document (not the DOM after scripts)."""
    response = _last_document.get(page)
    if response is None or _kept_document.get(page) is response:
        return
    _kept_document[page] = response
    if "text/html" not in (response.headers.get("content-type") or ""):
        return
    key, n = name or "page", 1
    while key in CHECKED_HTML:
        n += 1
        key = f"{name or 'page'}-{n}"
    CHECKED_HTML[key] = (response.url, response.text())


def run_axe(page) -> dict:
    """What axe-playwright-python's Axe().run(page) answers, but its 560 kB script goes into a document
    only once: a page checked at 1024 px and again at 320 px sent it twice (75 ms each time)."""
    from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS, Axe

    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(Axe().axe_script)
    return page.evaluate(f"axe.run({json.dumps(DEFAULT_OPTIONS)})")


def assert_accessible(page, name: str = "") -> None:
    """Run axe-core with all its rules (WCAG and best practices; not the 7 experimental ones it
    leaves off itself) on the current page; zero violations.

    It also keeps the page's HTML for the Nu HTML Checker (test_html_valid.py).
    """
    keep_html(page, name)
    violations = run_axe(page)["violations"]
    if violations:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"axe-{name or 'page'}.png"), full_page=True)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in violations
    ]
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(summary)


def login(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


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


# A member with a confirmed address (every flow); opening and checking a page, sending a form and
# checking its errors (the meetings' and the opportunities' page tests).


def person(name: str, email: str, **fields):
    member = MemberFactory(name=name, email=email, **fields)
    EmailAddress.objects.create(user=member, email=email, verified=True, primary=True)
    return member


def check(page, url: str, name: str, status: int = 200) -> None:
    """Open the page (or look at the current one, url=""), axe it, and try it at 320 px."""
    if url:
        response = page.goto(url)
        assert response.status == status, f"{name}: {url} answered {response.status}"
    page.wait_for_load_state("load")  # after a click the new page may still be loading
    assert page.locator("h1").count() == 1, f"{name}: not one h1 on {page.url}"
    assert_accessible(page, name)
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        assert_no_sideways_scroll(page, name)
    finally:
        page.set_viewport_size({"width": 1024, "height": 800})


def submit(page, form: str = "main form[novalidate]") -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").last.click()


def check_errors(page, name: str, minimum: int = 1) -> None:
    shown = page.locator(".utrecht-form-field--invalid, .utrecht-alert--error, .utrecht-form-field-error-message")
    assert shown.count() >= minimum, f"{name}: no errors shown on {page.url}"
    check(page, "", name)
