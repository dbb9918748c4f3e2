"""The main flow in a real browser: sign up, confirm by the emailed link, consent, join a circle,
and a kartrekker posts an update. axe checks every page on the way."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from samenspel.circles.models import Circle, CircleMembership
from samenspel.members.models import Consent, ConsentText, Member
from tests.conftest import make_coordinator
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import ConsentTextFactory, MemberFactory, ThemeFactory
from tests.factories.organisations import OrganisationFactory

from .helpers import TOTP_SECRET, assert_accessible, emailed_confirmation_path, login, login_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "een-goed-wachtwoord-77"


@pytest.fixture
def network(db):
    ConsentTextFactory(version=1)
    ThemeFactory(name_nl="Armoede", name_en="Poverty")
    ThemeFactory(name_nl="Schulden", name_en="Debt")
    organisation = OrganisationFactory(name="Buurtteam Zuid", slug="buurtteam-zuid")
    circle = CircleFactory(name="Kring Onderzoek", slug="onderzoek", join_policy=Circle.JoinPolicy.OPEN)
    kartrekker = MemberFactory(name="Karim Kartrekker", email="karim@example.org")
    CircleMembershipFactory(circle=circle, member=kartrekker, role=CircleMembership.Role.LEAD)
    coordinator = make_coordinator(name="Coco Coordinator", email="coco@example.org")
    coordinator.authenticator_set.all().delete()
    TOTP.activate(coordinator, TOTP_SECRET)
    for person in (kartrekker, coordinator):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return {"circle": circle, "organisation": organisation, "kartrekker": kartrekker, "coordinator": coordinator}


def test_sign_up_confirm_consent_join_and_post_an_update(new_page, network):
    circle = network["circle"]
    visitor = new_page()

    # A visitor opens the home page and follows "Join the network".
    visitor.goto("/")
    assert_accessible(visitor, "flow-home")
    visitor.locator(f"main a[href='{reverse('account_signup')}']").first.click()
    visitor.wait_for_url(f"**{reverse('account_signup')}")
    assert_accessible(visitor, "flow-signup")

    # Sending the empty form shows the errors, and the page stays accessible.
    with visitor.expect_navigation():
        visitor.locator("main form.samenspel-form button[type=submit]").click()
    assert visitor.locator(".utrecht-form-field--invalid").count() >= 4
    assert_accessible(visitor, "flow-signup-errors")

    # Now fill it in properly.
    visitor.fill("input[name=name]", "Nina Nieuw")
    visitor.fill("input[name=email]", "nina@example.org")
    visitor.fill("input[name=password1]", NEW_PASSWORD)
    visitor.fill("input[name=password2]", NEW_PASSWORD)
    visitor.check("input[name=kind][value=expert]")
    visitor.select_option("select[name=organisation]", label="Buurtteam Zuid")
    visitor.check("input[name=themes] >> nth=0")
    visitor.check("input[name=theme_visibility][value=members]")
    visitor.check("input[name=consent]")
    visitor.locator("main form.samenspel-form button[type=submit]").click()
    visitor.wait_for_url(f"**{reverse('account_email_verification_sent')}")
    assert_accessible(visitor, "flow-check-your-email")

    nina = Member.objects.get(email="nina@example.org")
    assert nina.status == Member.Status.PENDING
    assert nina.organisation == network["organisation"]
    assert nina.themes.count() == 1
    assert Consent.objects.filter(member=nina, consent_text__version=1).exists()

    # The emailed link opens the confirmation page; confirming logs Nina in.
    visitor.goto(emailed_confirmation_path("nina@example.org"))
    assert_accessible(visitor, "flow-confirm-email")
    with visitor.expect_navigation():
        visitor.locator("main form button[type=submit]").click()
    assert nina.emailaddress_set.get().verified
    assert_accessible(visitor, "flow-after-confirm")

    # Pending: the circle page says she cannot join yet.
    visitor.goto(reverse("circles:detail", args=[circle.slug]))
    assert visitor.locator(f"form[action='{reverse('circles:join', args=[circle.slug])}']").count() == 0
    assert_accessible(visitor, "flow-circle-pending")

    # A coordinator logs in with password and TOTP code, approves Nina, and publishes consent text v2.
    coordinator = new_page()
    login_with_totp(coordinator, "coco@example.org", PASSWORD, check=True)
    coordinator.goto(reverse("coordination:index"))
    assert_accessible(coordinator, "flow-coordination")
    coordinator.goto(reverse("members:pending"))
    assert_accessible(coordinator, "flow-pending")
    with coordinator.expect_navigation():
        coordinator.locator(f"form[action='{reverse('members:decide', args=[nina.pk])}'] button[value=approve]").click()
    nina.refresh_from_db()
    assert nina.status == Member.Status.APPROVED
    assert_accessible(coordinator, "flow-pending-after-approval")

    coordinator.goto(reverse("members:consent_texts"))
    assert_accessible(coordinator, "flow-consent-texts")
    coordinator.fill("textarea[name=body_nl]", "Versie 2: wij bewaren je gegevens veilig.")
    coordinator.fill("textarea[name=body_en]", "Version 2: we keep your data safe.")
    with coordinator.expect_navigation():
        coordinator.locator("main form[novalidate] button[type=submit]").last.click()
    draft = ConsentText.objects.get(version=2)
    with coordinator.expect_navigation():
        coordinator.locator(f"form[action='{reverse('members:consent_text_publish', args=[draft.pk])}'] button").click()
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert_accessible(coordinator, "flow-consent-texts-published")

    # Nina's next page asks her to agree to version 2 first; then she is back on the circle page.
    visitor.goto(reverse("circles:detail", args=[circle.slug]))
    visitor.wait_for_url(f"**{reverse('members:consent')}?*")
    assert "Versie 2" in visitor.locator("#consent-text").inner_text()
    with visitor.expect_navigation():  # without the tick: an error
        visitor.locator("main form button[type=submit]").click()
    assert visitor.locator(".utrecht-form-field--invalid").count() == 1
    assert_accessible(visitor, "flow-consent-error")
    visitor.check("input[name=consent]")
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_url(f"**{reverse('circles:detail', args=[circle.slug])}")
    assert Consent.objects.filter(member=nina, consent_text=draft).exists()

    # She joins the open circle from its page.
    assert_accessible(visitor, "flow-circle-approved")
    visitor.locator(f"form[action='{reverse('circles:join', args=[circle.slug])}'] button").click()
    visitor.wait_for_url(f"**{reverse('circles:detail', args=[circle.slug])}")
    assert CircleMembership.objects.filter(circle=circle, member=nina).exists()
    assert visitor.locator(f"form[action='{reverse('circles:leave', args=[circle.slug])}']").count() == 1
    assert_accessible(visitor, "flow-circle-joined")

    # The kartrekker logs in, agrees to the new text, and posts an update in Markdown.
    kartrekker = new_page()
    login(kartrekker, "karim@example.org", PASSWORD)
    kartrekker.wait_for_url(f"**{reverse('members:consent')}*")
    assert_accessible(kartrekker, "flow-consent-kartrekker")
    kartrekker.check("input[name=consent]")
    with kartrekker.expect_navigation():
        kartrekker.locator("main form button[type=submit]").click()
    kartrekker.goto(reverse("circles:detail", args=[circle.slug]))
    assert_accessible(kartrekker, "flow-circle-kartrekker")
    kartrekker.locator(f"main a[href='{reverse('circles:update_create', args=[circle.slug])}']").click()
    kartrekker.wait_for_url(f"**{reverse('circles:update_create', args=[circle.slug])}")
    assert_accessible(kartrekker, "flow-update-form")
    with kartrekker.expect_navigation():  # empty: errors
        kartrekker.locator("main form button[type=submit]").click()
    assert kartrekker.locator(".utrecht-form-field--invalid").count() == 2
    assert_accessible(kartrekker, "flow-update-form-errors")
    kartrekker.fill("input[name=title]", "Nina doet mee")
    kartrekker.fill(
        "textarea[name=body]",
        "Welkom **Nina**!\n\n- een nieuw lid\n- [onze site](https://example.org)\n\n<script>alert('x')</script>"
        '<img src=x onerror="alert(1)">',
    )
    with kartrekker.expect_navigation():
        kartrekker.locator("main form button[type=submit]").click()
    kartrekker.goto(reverse("circles:detail", args=[circle.slug]))
    update = kartrekker.locator("main article", has_text="Nina doet mee")
    assert update.locator("strong", has_text="Nina").count() == 1
    assert update.locator("li").count() == 2
    assert update.locator("a[href='https://example.org']").count() == 1
    assert kartrekker.locator("main script").count() == 0
    assert kartrekker.locator("main [onerror]").count() == 0
    assert_accessible(kartrekker, "flow-circle-with-update")

    # Nina sees the update on the circle page too.
    visitor.reload()
    assert visitor.locator("main", has_text="Nina doet mee").count() == 1
