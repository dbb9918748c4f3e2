"""Messages and their settings in the browser: axe on each page (with JavaScript, htmx marks a
message read in place; without it, the form posts), 320 px, and the unsubscribe pages."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from samenspel.notifications.emails import unsubscribe_token
from samenspel.notifications.models import Kind, Notification, NotificationSetting
from tests.factories.members import MemberFactory
from tests.factories.notifications import NotificationFactory

from .helpers import check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def fatima():
    member = MemberFactory(name="Fatima El Amrani", email="fatima@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member


def test_the_messages_page_and_marking_read_in_place(page, fatima):
    for n in range(3):
        NotificationFactory(
            recipient=fatima,
            params={"circle": "Kring Armoede & Bestaanszekerheid", "title": f"Stand van zaken {n} met een lange titel"},
        )
    NotificationFactory(
        recipient=fatima,
        kind=Kind.MEETING,
        message="meeting.planned",
        params={"meeting": "Netwerkbijeenkomst", "starts_at": "2027-12-14T18:00:00+00:00"},
        link="/meetings/",
    )
    login(page, fatima.email, PASSWORD)
    page.goto(reverse("notifications:list"))
    # The menu is there twice (folded for small screens, and wide); htmx updates the wide one in place.
    assert page.locator("#unread-notifications .samenspel-nav__count").inner_text() == "4 ongelezen"
    check(page, "", "notifications-list")

    first = page.locator("li.samenspel-notification").first
    first.locator("button").click()  # htmx: the item is swapped, the count updated out of band
    page.wait_for_function(
        "() => document.querySelector('#unread-notifications .samenspel-nav__count').textContent.trim() === '3 ongelezen'"
    )
    assert Notification.objects.filter(recipient=fatima, read_at__isnull=True).count() == 3
    check(page, "", "notifications-list-after-read")

    with page.expect_navigation():
        page.get_by_role("button", name="Markeer alles als gelezen").click()
    assert page.locator(".samenspel-nav__count").count() == 0
    check(page, "", "notifications-list-all-read")


def test_the_settings_page_with_and_without_errors(page, fatima):
    login(page, fatima.email, PASSWORD)
    page.goto(reverse("notifications:settings"))
    check(page, "", "notifications-settings")
    page.locator("input[name=circle_update][value=daily]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert NotificationSetting.objects.get(member=fatima, kind=Kind.CIRCLE_UPDATE).frequency == "daily"
    check(page, "", "notifications-settings-saved")

    # A form with an error (a radio button removed from the page before sending).
    page.evaluate("document.querySelectorAll('input[name=tandem]').forEach(el => el.remove())")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".utrecht-form-field-error-message").count() == 1
    check(page, "", "notifications-settings-error")


def test_the_unsubscribe_pages(page, fatima):
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(member_id=fatima.pk, kinds=["circle_update"])])
    page.goto(url)
    check(page, "", "unsubscribe-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, afmelden").click()
    assert NotificationSetting.objects.get(member=fatima, kind=Kind.CIRCLE_UPDATE).frequency == "never"
    check(page, "", "unsubscribe-done")
    page.goto(url)
    check(page, "", "unsubscribe-already")
    response = page.goto(url[:-5] + "xxxx/")
    assert response.status == 400
    check(page, "", "unsubscribe-invalid")
