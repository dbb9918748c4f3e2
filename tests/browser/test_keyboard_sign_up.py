"""The sign-up done with the keyboard alone: Tab, Shift+Tab, Space, arrow keys and Enter.

No mouse clicks and no page.fill: every field is reached with Tab and typed into. At every
stop the focus must be visible (an outline or a box shadow), and the skip link comes first.
"""

import pytest
from django.urls import reverse

from samenspel.members.models import Consent, Member
from tests.factories.members import ConsentTextFactory, ThemeFactory
from tests.factories.organisations import OrganisationFactory

from .helpers import assert_accessible, assert_focus_visible, emailed_confirmation_path, focus_ring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-goed-wachtwoord-77"


@pytest.fixture
def sign_up_open(db):
    ConsentTextFactory()
    ThemeFactory(name_nl="Armoede", name_en="Poverty", position=1)
    ThemeFactory(name_nl="Schulden", name_en="Debt", position=2)
    OrganisationFactory(name="Buurtteam Oost", slug="buurtteam-oost")
    OrganisationFactory(name="Buurtteam Zuid", slug="buurtteam-zuid")


def tab_to(page, selector: str, limit: int = 60, back: bool = False) -> list[dict]:
    """Press Tab (or Shift+Tab) until the focused element matches; check the focus ring at each stop."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        stops.append(assert_focus_visible(page))
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return stops
    raise AssertionError(f"{selector} was not reached with the keyboard; stops: {stops}")


def focused(page, selector: str) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def test_sign_up_with_the_keyboard_alone(page, sign_up_open):
    page.goto(reverse("account_signup"))
    assert_accessible(page, "keyboard-signup")

    # The skip link is the first stop; Enter moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('utrecht-skip-link')")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # From the main content, Tab reaches the form's first field.
    tab_to(page, "input[name=name]")
    page.keyboard.type("Kees Toetsenbord")
    tab_to(page, "input[name=email]", limit=1)
    page.keyboard.type("kees@example.org")
    tab_to(page, "input[name=password1]", limit=3)
    page.keyboard.type(PASSWORD)
    tab_to(page, "input[name=password2]", limit=3)
    page.keyboard.type("a typo")
    # Shift+Tab goes back; fix the repeated password.
    tab_to(page, "input[name=password1]", limit=3, back=True)
    tab_to(page, "input[name=password2]", limit=3)
    page.keyboard.press("Control+A")
    page.keyboard.type(PASSWORD)

    # Radio group "I join as": Tab enters it, Space picks, the arrow keys move the choice.
    tab_to(page, "input[name=kind]", limit=3)
    page.keyboard.press("Space")
    assert page.evaluate("document.querySelector('input[name=kind]:checked').value") == Member.Kind.EXPERT
    page.keyboard.press("ArrowDown")
    assert_focus_visible(page)
    assert page.evaluate("document.querySelector('input[name=kind]:checked').value") == Member.Kind.ALLY

    # The organisation list: arrow keys choose without opening it.
    tab_to(page, "select[name=organisation]", limit=2)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.querySelector('select[name=organisation]').selectedOptions[0].text") == (
        "Buurtteam Zuid"
    )

    # Themes: each checkbox is its own stop; Space ticks it.
    tab_to(page, "input[name=themes]", limit=2)
    page.keyboard.press("Space")
    tab_to(page, "input[name=themes]", limit=1)
    page.keyboard.press("Space")
    assert page.locator("input[name=themes]:checked").count() == 2

    # Who may see the themes: the checked radio (coordinators only) is the stop; move to "members".
    tab_to(page, "input[name=theme_visibility]", limit=2)
    assert focused(page, "input[name=theme_visibility]:checked")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.querySelector('input[name=theme_visibility]:checked').value") == (
        Member.ThemeVisibility.MEMBERS
    )

    tab_to(page, "input[name=consent]", limit=3)
    page.keyboard.press("Space")
    assert page.locator("input[name=consent]").is_checked()

    stops = tab_to(page, "main form button[type=submit]", limit=2)
    assert stops[-1]["tag"] == "button"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('account_email_verification_sent')}")
    assert_accessible(page, "keyboard-check-your-email")

    kees = Member.objects.get(email="kees@example.org")
    assert kees.name == "Kees Toetsenbord"
    assert kees.kind == Member.Kind.ALLY
    assert kees.organisation.name == "Buurtteam Zuid"
    assert kees.themes.count() == 2
    assert kees.theme_visibility == Member.ThemeVisibility.MEMBERS
    assert kees.status == Member.Status.PENDING
    assert Consent.objects.filter(member=kees).count() == 1

    # The emailed link: the confirm button is reached with Tab and pressed with Enter.
    page.goto(emailed_confirmation_path("kees@example.org"))
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.pathname.startsWith('/accounts/confirm-email/')")
    assert kees.emailaddress_set.get().verified
    assert_accessible(page, "keyboard-after-confirm")


def test_a_wrong_sign_up_with_the_keyboard_shows_errors_that_can_be_reached(page, sign_up_open):
    page.goto(reverse("account_signup"))
    tab_to(page, "input[name=name]")
    page.keyboard.type("Kees")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".utrecht-form-field--invalid").count() >= 4
    assert_accessible(page, "keyboard-signup-errors")
    # The name typed is kept; the fields with errors are still reachable and visibly focused.
    tab_to(page, "input[name=email]")
    assert focus_ring(page)["name"] == "email"
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
