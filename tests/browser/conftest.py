"""Browser tests: Playwright for Python driving Debian's Chromium, with axe for accessibility.

They skip, with a message, only where Chromium is absent; in CI (CI=true) a missing
Chromium fails the run instead, so a green CI always means the browser tests ran.

assert_accessible also keeps the HTML the server sent for each page it checks; at the end of
the session test_html_valid.py gives all of it to the Nu HTML Checker in one run.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# name -> (url, html): the HTML the server sent for each page that assert_accessible checked.
CHECKED_HTML: dict[str, tuple[str, str]] = {}
_last_document = {}  # page -> the response that brought its current document
_kept_document = {}  # page -> the response whose HTML is already in CHECKED_HTML

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls the
# tests make themselves (set-up, assertions) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The HTML check of test_html_valid.py runs last, on what the browser tests collected."""
    last = [item for item in items if item.nodeid.startswith("tests/browser/test_html_valid.py")]
    items[:] = [item for item in items if item not in last] + last


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


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed, and browser tests must run in CI (apt-get install chromium).")
        pytest.skip("Chromium is not installed here (apt-get install chromium); browser tests skipped.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.DEBUG = False
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1024, "height": 800})
    page = track_documents(context.new_page())
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 320, "height": 640}, is_mobile=True
    )
    page = track_documents(context.new_page())
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_accessible(page, name: str = "") -> None:
    """Run axe-core with all its rules (WCAG and best practices; not the 7 experimental ones it
    leaves off itself) on the current page; zero violations.

    It also keeps the page's HTML for the Nu HTML Checker (test_html_valid.py).
    """
    from axe_playwright_python.sync_playwright import Axe

    keep_html(page, name)
    results = Axe().run(page)
    violations = results.response["violations"]
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
