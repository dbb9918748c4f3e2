"""Layout at 320 px and the details of the words: the folding menu, the sign-up list's buttons,
cards that start at the same height, and "Weghalen" that looks like the other actions.

Each test keeps a screenshot in test-artifacts/ (small-*.png) to look at.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from samenspel.demo import base as demo

from .helpers import assert_accessible, assert_no_sideways_scroll, login, login_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def network(db):
    call_command("seed_demo", stdout=StringIO())


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"small-{name}.png"), full_page=True)


def test_the_menu_folds_into_a_button_that_works_with_the_keyboard_and_without_javascript(new_page, network):
    page = new_page(width=320, height=640, java_script_enabled=False)
    page.goto(reverse("home"))
    button = page.locator("summary.samenspel-nav__button")
    assert button.is_visible()
    assert not page.locator(".samenspel-nav__wide").is_visible()
    login_link = page.locator(".samenspel-nav__fold a", has_text="Inloggen")
    assert not login_link.is_visible()
    shot(page, "menu-closed")
    button.click()  # a <details> opens without JavaScript
    assert login_link.is_visible()
    shot(page, "menu-open")
    assert_no_sideways_scroll(page, "menu-open-320")


def test_the_folded_menu_opens_with_the_keyboard_and_passes_axe(new_page, network):
    page = new_page(width=320, height=640)
    page.goto(reverse("home"))
    for _ in range(6):  # skip link, logo, ... until the menu button has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert page.locator(".samenspel-nav__fold").get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.samenspel-nav__fold') !== null")
    assert_accessible(page, "small-menu-open")
    page.set_viewport_size({"width": 1024, "height": 800})
    assert not page.locator("summary.samenspel-nav__button").is_visible()
    assert page.locator(".samenspel-nav__wide a", has_text="Inloggen").is_visible()


def test_a_member_logs_out_from_the_folded_menu(new_page, network):
    page = new_page(width=320, height=640)
    login(page, demo.MEMBER_EMAIL, demo.DEMO_PASSWORD)
    page.locator("summary.samenspel-nav__button").click()
    shot(page, "menu-member")
    with page.expect_navigation():
        page.locator(".samenspel-nav__fold button", has_text="Uitloggen").click()
    assert page.locator(".samenspel-nav__fold a", has_text="Inloggen").count() == 1


def test_the_approve_buttons_of_the_sign_up_list_fit_at_320(new_page, network):
    page = new_page()
    login_with_totp(page, demo.COORDINATOR_EMAIL, demo.DEMO_PASSWORD, secret=demo.DEMO_TOTP_SECRET)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reverse("members:pending"))
    buttons = page.locator("main form button[name=decision]")
    assert buttons.count() >= 2
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    assert_no_sideways_scroll(page, "pending-320")
    assert_accessible(page, "small-pending-320")
    shot(page, "sign-ups")


def card_tops(page, selector: str) -> list[float]:
    return page.eval_on_selector_all(selector, "cards => cards.map(c => c.getBoundingClientRect().top)")


@pytest.mark.parametrize("url_name", ["home", "meetings:list", "circles:list"])
def test_cards_in_one_row_start_at_the_same_height(new_page, network, url_name):
    page = new_page(width=1280)
    page.goto(reverse(url_name))
    for grid in page.locator(".samenspel-cards").all():
        tops = grid.evaluate("g => [...g.children].map(c => Math.round(c.getBoundingClientRect().top))")
        lefts = grid.evaluate("g => [...g.children].map(c => Math.round(c.getBoundingClientRect().left))")
        first_row = [top for top, left in zip(tops, lefts, strict=True) if top < tops[0] + 40]
        assert len(set(first_row)) == 1, (url_name, tops)
        assert len(first_row) >= min(2, len(tops)), (url_name, tops, lefts)
    shot(page, f"cards-{url_name.replace(':', '-')}")


def test_weghalen_looks_like_bewerken(new_page, network):
    page = new_page()
    login(page, demo.ORGREP_EMAIL, demo.DEMO_PASSWORD)
    page.goto(reverse("tandems:org_detail", args=[demo.REPRESENTED_ORGANISATION]))
    remove = page.locator("button.samenspel-link-button").first
    edit = page.locator(".samenspel-row-actions a").first
    style = "e => { const s = getComputedStyle(e); return [s.color, s.fontSize, s.fontWeight, s.textDecorationLine]; }"
    assert remove.evaluate(style) == edit.evaluate(style)
    assert remove.inner_text().strip().startswith("Weghalen")
    shot(page, "weghalen")


def test_a_member_switches_language_from_the_kept_header_and_stays_on_the_page(new_page, network):
    """The header is kept whole per member (core/templatetags/page_header.py); the language switch
    still brings them back to the page they were on, not to the page that filled the kept header."""
    page = new_page()
    login(page, demo.MEMBER_EMAIL, demo.DEMO_PASSWORD)
    page.goto(reverse("home"))  # fills the kept header
    for path, button, language in [
        (reverse("circles:list"), "English", "en"),
        (reverse("meetings:list"), "Nederlands", "nl"),
    ]:
        page.goto(path)
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()
        assert page.url.endswith(path)
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page, f"language-{language}")
