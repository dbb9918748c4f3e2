"""Writing to the whole circle in the browser: the link on the circle page, the form with and
without errors, and the messages page; axe on each and no sideways scroll at 320 px."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from samenspel.circles.models import CircleMembership, CircleMessage
from samenspel.notifications.models import Kind, Notification
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import MemberFactory

from .helpers import check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def test_a_kartrekker_writes_to_the_circle(page):
    circle = CircleFactory(name="Kring Armoede & Bestaanszekerheid", slug="armoede")
    lead = MemberFactory(name="Karim Kartrekker", email="karim@example.org")
    EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
    CircleMembershipFactory(circle=circle, member=lead, role=CircleMembership.Role.LEAD)
    members = [MemberFactory() for _ in range(3)]
    for member in members:
        CircleMembershipFactory(circle=circle, member=member)

    login(page, lead.email, PASSWORD)
    page.goto(reverse("circles:detail", args=[circle.slug]))
    with page.expect_navigation():
        page.get_by_role("link", name="Schrijf de kring").click()
    check(page, "", "circle-message-form")

    with page.expect_navigation():
        page.get_by_role("button", name="Verstuur naar de kring").click()
    assert page.get_by_text("Vul een onderwerp in.").count() >= 1
    check(page, "", "circle-message-form-errors")

    page.get_by_label("Onderwerp").fill("Neem je verhaal mee naar de volgende kring")
    page.get_by_label("Bericht").fill("Hoi allemaal,\n\nVolgende keer praten we over **een eerste gesprek**.")
    with page.expect_navigation():
        page.get_by_role("button", name="Verstuur naar de kring").click()
    assert page.url.endswith(reverse("circles:messages", args=[circle.slug]))
    assert page.locator("main strong", has_text="een eerste gesprek").count() == 1
    check(page, "", "circle-messages")

    assert CircleMessage.objects.get(circle=circle).recipient_count == 3
    assert Notification.objects.filter(kind=Kind.CIRCLE_MESSAGE).count() == 3
