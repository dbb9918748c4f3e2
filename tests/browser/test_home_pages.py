"""The home page per role and "My meetings" on the demo network: axe at 1024 px and at 320 px.

Every demo login sees its own sections with something to do (samenspel/demo/sections/home.py
makes sure of that); each page is checked with axe and for sideways scrolling on a 320 px phone.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from samenspel.demo import base as demo

from .helpers import assert_accessible, assert_no_sideways_scroll, login, login_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Demo login -> the sections the home page shows, each with at least one item.
ROLES = [
    ("kartrekker.armoede@example.org", ["Als kartrekker", "Voor jou"]),
    ("orgrep@example.org", ["Voor je organisatie", "Voor jou"]),
    ("gemeente@example.org", ["Voor de gemeente", "Voor jou"]),
    (demo.MEMBER_EMAIL, ["Voor jou"]),
]


@pytest.fixture
def network(db):
    call_command("seed_demo", stdout=StringIO())


def check_both_widths(page, name: str) -> None:
    assert page.locator("h1").count() == 1
    assert_accessible(page, name)
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        assert_no_sideways_scroll(page, name)
        assert_accessible(page, name + "-320")
    finally:
        page.set_viewport_size({"width": 1024, "height": 800})


def _sections(page) -> list[str]:
    return page.locator("section.samenspel-home-role h2").all_inner_texts()


@pytest.mark.parametrize(("email", "headings"), ROLES)
def test_each_demo_login_has_its_sections_with_things_to_do(new_page, network, email, headings):
    page = new_page()
    login(page, email, demo.DEMO_PASSWORD)
    page.goto(reverse("home"))
    assert _sections(page) == headings
    for section in page.locator("section.samenspel-home-role").all():
        assert section.locator("li.samenspel-todo__item").count() >= 1
    check_both_widths(page, f"home-{email.split('@')[0]}")


def test_the_coordinator_home_and_following_an_item(new_page, network):
    page = new_page()
    login_with_totp(page, demo.COORDINATOR_EMAIL, demo.DEMO_PASSWORD, secret=demo.DEMO_TOTP_SECRET)
    page.goto(reverse("home"))
    assert _sections(page) == ["Als coördinator", "Voor jou"]
    coordinator = page.locator("section.samenspel-home-role").first
    assert coordinator.get_by_text("Aanmeldingen die wachten").count() == 1
    check_both_widths(page, "home-coordinator")
    with page.expect_navigation():
        coordinator.get_by_role("link", name="Aanmeldingen die wachten").click()
    assert page.url.endswith(reverse("members:pending"))


def test_my_meetings_for_the_demo_member_on_a_phone(new_page, network):
    page = new_page()
    login(page, demo.MEMBER_EMAIL, demo.DEMO_PASSWORD)
    page.goto(reverse("home"))
    with page.expect_navigation():
        page.locator("nav").get_by_role("link", name="Mijn bijeenkomsten").click()
    assert page.url.endswith(reverse("meetings:mine"))
    main = page.locator("main")
    assert main.get_by_text("Op de wachtlijst, plaats 2").count() == 1
    assert main.get_by_role("link", name="Lees het verslag").count() >= 1  # 8 February, published to members
    check_both_widths(page, "my-meetings")
