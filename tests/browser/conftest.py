"""Browser tests: Playwright for Python driving Debian's Chromium, with axe for accessibility.

They skip, with a message, only where Chromium is absent; in CI (CI=true) a missing
Chromium fails the run instead, so a green CI always means the browser tests ran.

assert_accessible (helpers.py) also keeps the HTML the server sent for each page it checks; at the end of
the session test_html_valid.py gives all of it to the Nu HTML Checker in one run. With pytest-xdist
(`make test`) all tests of this folder run on one worker, so that it has all that HTML
(tests/scheduling.py).
"""

import os
import shutil

import pytest

from .helpers import RAN_HERE, track_documents

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The HTML check of test_html_valid.py runs last, on what the browser tests collected."""
    last = [item for item in items if item.nodeid.startswith("tests/browser/test_html_valid.py")]
    items[:] = [item for item in items if item not in last] + last


@pytest.fixture(autouse=True)
def _ran_here(request):
    """test_html_valid.py checks that every browser test ran in its process (else it misses their pages)."""
    RAN_HERE.add(request.node.nodeid)


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the tests of this folder (package scope: it and its event loop end with them)."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed, and browser tests must run in CI (apt-get install chromium).")
        pytest.skip("Chromium is not installed here (apt-get install chromium); browser tests skipped.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the Django ORM calls the tests
    # make themselves (set-up, assertions) are still plain synchronous calls. Allowed only while
    # the browser runs, never for the rest of the suite.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started after the test database exists, so that it stops before the
    database is dropped. With pytest-xdist the browser tests come first on their worker, and the server
    started first; at the end its threads' connections kept PostgreSQL from dropping the database."""
    return live_server


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


@pytest.fixture
def new_page(browser, live_server, settings):
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
