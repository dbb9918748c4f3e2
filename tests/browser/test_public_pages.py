"""Public pages in a real browser: axe, keyboard use, a 320 px phone, and the CSP."""

import pytest

from tests.factories.circles import CircleFactory, CircleUpdateFactory
from tests.factories.organisations import OrganisationFactory, TeamFactory

from .helpers import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(db):
    circle = CircleFactory(name="Kring Nieuw Werk", slug="nieuw-werk")
    CircleUpdateFactory(circle=circle, title="Een leesgroep", body="We lazen **samen** een boek.")
    organisation = OrganisationFactory(name="Buurtwerk Oost", slug="buurtwerk-oost")
    TeamFactory(organisation=organisation, name="Buurtteam Oost", area="Oost")
    return circle


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/circles/",
        "/circles/nieuw-werk/",
        "/organisations/",
        "/organisations/buurtwerk-oost/",
        "/members/privacy/",
        "/no-such-page/",
    ],
)
def test_public_pages_pass_axe(page, network, path):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(path)
    assert page.locator("h1").count() == 1
    assert_accessible(page, path.strip("/").replace("/", "-") or "home")
    csp_errors = [e for e in errors if "Content Security Policy" in e]
    assert not csp_errors, csp_errors


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, network):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused in {"Direct naar de inhoud", "Skip to main content"}
    assert page.locator(".utrecht-skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_language_switch_works_without_javascript(browser, live_server, network):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto("/circles/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Circles"
    context.close()


def test_pages_fit_a_320_px_phone(phone_page, network):
    for path in ["/", "/circles/nieuw-werk/", "/organisations/"]:
        phone_page.goto(path)
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a 320 px screen"
        assert_accessible(phone_page, "phone-" + path.strip("/").replace("/", "-"))
