"""The newsletter in the browser: start an edition, a kartrekker writes, edit and preview, send,
follow the progress (htmx, and on reload), the archive and subscribing; axe on every page, 320 px."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from samenspel.newsletter.models import Delivery, Edition
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import ConsentTextFactory
from tests.factories.newsletter import EditionFactory, MemberOptInFactory, SubscriberFactory

from .helpers import (
    TOTP_SECRET,
    assert_accessible,
    check,
    login,
    login_with_totp,
    person,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
COORDINATOR_EMAIL = "coco@example.org"
KARTREKKER_EMAIL = "karim@example.org"


@pytest.fixture
def network(db, settings):
    settings.SITE_URL = "http://testserver.example"
    ConsentTextFactory(version=1)
    coordinator = person("Coco Coordinator", COORDINATOR_EMAIL, is_coordinator=True)
    TOTP.activate(coordinator, TOTP_SECRET)
    circle = CircleFactory(name="Kring Onderzoek", slug="onderzoek")
    kartrekker = person("Karim Kartrekker", KARTREKKER_EMAIL)
    CircleMembershipFactory(circle=circle, member=kartrekker, role=CircleMembership.Role.LEAD)
    MemberOptInFactory(member=person("Mila Member", "mila@example.org"))
    SubscriberFactory(email="lezer@example.net")
    EditionFactory(
        title="Stand van zaken vanuit de kringen",
        issue_date=datetime.date(2023, 12, 4),
        status=Edition.Status.SENT,
        sending_started_at=timezone.now(),
    )
    return circle


def test_an_edition_from_start_to_archive(new_page, network):
    coordinator = new_page()
    login_with_totp(coordinator, COORDINATOR_EMAIL, PASSWORD)
    coordinator.goto(reverse("newsletter:manage_list"))
    check(coordinator, "", "newsletter-manage-list")

    # Start an edition: first with errors, then right.
    coordinator.goto(reverse("newsletter:create"))
    check(coordinator, "", "newsletter-create")
    coordinator.fill("input[name=title]", "")
    submit(coordinator)
    assert coordinator.locator(".utrecht-form-field--invalid, .utrecht-form-field-error-message").count() >= 1
    check(coordinator, "", "newsletter-create-errors")
    today = timezone.localdate()
    coordinator.fill("input[name=title]", "Stand van zaken: de winter")
    coordinator.fill("input[name=issue_date]", (today + datetime.timedelta(days=14)).isoformat())
    coordinator.fill("input[name=deadline]", (today + datetime.timedelta(days=7)).isoformat())
    coordinator.fill("textarea[name=introduction]", "De kringen zijn **volop** in beweging.")
    submit(coordinator)
    edition = Edition.objects.get(title="Stand van zaken: de winter")
    assert coordinator.url.endswith(reverse("newsletter:manage", args=[edition.pk]))
    check(coordinator, "", "newsletter-manage-draft")
    request = edition.requests.get()

    # The kartrekker got the request by email and writes the circle's update.
    assert any(KARTREKKER_EMAIL in message.to for message in mail.outbox)
    kartrekker = new_page()
    login(kartrekker, KARTREKKER_EMAIL, PASSWORD)
    kartrekker.goto(reverse("newsletter:requests"))
    check(kartrekker, "", "newsletter-requests")
    kartrekker.goto(reverse("newsletter:request", args=[request.pk]))
    check(kartrekker, "", "newsletter-request")
    kartrekker.fill("input[name=title]", "Stand van zaken: participatief onderzoek")
    kartrekker.fill("textarea[name=body]", "We kwamen op **25 september** voor het eerst bijeen.")
    submit(kartrekker, f"main form[action='{reverse('newsletter:request', args=[request.pk])}']")
    check(kartrekker, "", "newsletter-request-written")

    # The coordinator puts the meetings first and previews the edition as a page and as the email.
    coordinator.goto(reverse("newsletter:edit", args=[edition.pk]))
    check(coordinator, "", "newsletter-editor")
    coordinator.fill("input[name=order-position_meetings]", "1")
    coordinator.fill("input[name=order-position_updates]", "2")
    submit(coordinator)
    edition.refresh_from_db()
    assert [entry["key"] for entry in edition.sections][:2] == ["meetings", "updates"]
    coordinator.goto(reverse("newsletter:preview", args=[edition.pk]))
    assert "Stand van zaken: participatief onderzoek" in coordinator.locator("main").inner_text()
    check(coordinator, "", "newsletter-preview")
    coordinator.goto(reverse("newsletter:preview_email", args=[edition.pk]))
    check(coordinator, "", "newsletter-preview-email")
    coordinator.goto(reverse("newsletter:preview_email_html", args=[edition.pk]))
    assert_accessible(coordinator, "newsletter-preview-email-html")

    # Send now: the page shows it went to both readers.
    coordinator.goto(reverse("newsletter:manage", args=[edition.pk]))
    coordinator.check("input[name=when][value=now]")
    submit(coordinator, f"main form[action='{reverse('newsletter:send', args=[edition.pk])}']")
    assert "2 van de 2 verstuurd." in coordinator.locator("main").inner_text()
    check(coordinator, "", "newsletter-manage-sent")

    # A visitor reads it in the archive and subscribes.
    visitor = new_page()
    visitor.goto(reverse("newsletter:archive"))
    check(visitor, "", "newsletter-archive")
    with visitor.expect_navigation():
        visitor.get_by_role("link", name="Stand van zaken: de winter").click()
    assert "Stand van zaken: participatief onderzoek" in visitor.locator("main").inner_text()
    check(visitor, "", "newsletter-edition")
    visitor.goto(reverse("newsletter:subscribe"))
    check(visitor, "", "newsletter-subscribe")
    visitor.fill("input[name=email]", "nieuw@example.net")
    visitor.check("input[name=agree]")
    submit(visitor)
    check(visitor, "", "newsletter-subscribe-sent")


def test_the_progress_updates_itself_and_on_reload(new_page, network):
    edition = EditionFactory(status=Edition.Status.SENDING, queued_at=timezone.now())
    for n in range(4):
        Delivery.objects.create(edition=edition, email=f"lezer{n}@example.net", status="sent" if n < 1 else "queued")
    coordinator = new_page()
    login_with_totp(coordinator, COORDINATOR_EMAIL, PASSWORD)
    coordinator.goto(reverse("newsletter:manage", args=[edition.pk]))
    assert "1 van de 4 verstuurd." in coordinator.locator("#progress").inner_text()
    check(coordinator, "", "newsletter-manage-sending")

    Delivery.objects.filter(edition=edition).update(status="sent")
    coordinator.wait_for_function(
        "() => document.querySelector('#progress').innerText.includes('4 van de 4 verstuurd.')", timeout=10_000
    )
    assert coordinator.url.endswith(reverse("newsletter:manage", args=[edition.pk]))  # no reload: htmx

    # Without JavaScript the page shows the numbers of the moment it was loaded: reload for new ones.
    no_script = new_page(java_script_enabled=False)
    no_script.context.add_cookies(coordinator.context.cookies())  # the same session (a TOTP code works once)
    no_script.goto(reverse("newsletter:manage", args=[edition.pk]))
    assert "4 van de 4 verstuurd." in no_script.locator("#progress").inner_text()
