"""axe on every page of the site, as the persona that may see it, on the demo network.

Each page is checked at 1024 px with axe (WCAG 2.1 A and AA: zero violations), and at 320 px
for sideways scrolling. Downloads (the member export, "my data") are files, not pages.
"""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.demo import base as demo
from samenspel.members.models import ConsentText, Member, Theme
from samenspel.organisations.models import Organisation
from tests.factories.members import ConsentTextFactory, MemberFactory

from .helpers import assert_accessible, assert_no_sideways_scroll, login, login_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KARTREKKER_EMAIL = "kartrekker.armoede@example.org"
INVITATION_LINK = re.compile(r"https?://[^/\s]+(/circles/invitation/[^\s/]+/)")


@pytest.fixture
def network(db):
    call_command("seed_demo", stdout=StringIO())


def check(page, url: str, name: str, status: int = 200, lands_on: str | None = None) -> None:
    """Open the page (or look at the current one, url=""), then axe it and try it at 320 px."""
    if url:
        response = page.goto(url)
        assert response.status == status, f"{name}: {url} answered {response.status}"
        expected = lands_on if lands_on is not None else url.split("?")[0]
        assert page.url.split("?")[0].endswith(expected), f"{name}: {url} ended on {page.url}"
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1, f"{name}: not one h1 on {page.url}"
    assert_accessible(page, name)
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        assert_no_sideways_scroll(page, name)
        assert_accessible(page, name + "-320")
    finally:
        page.set_viewport_size({"width": 1024, "height": 800})


def submit(page, form: str = "main form[novalidate]") -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").last.click()


def test_visitor_pages(new_page, network):
    page = new_page()
    circle = Circle.objects.get(slug="armoede-bestaanszekerheid")
    organisation = Organisation.objects.get(slug=demo.REPRESENTED_ORGANISATION)
    for name, url in [
        ("home", reverse("home")),
        ("circles", reverse("circles:list")),
        ("circle", reverse("circles:detail", args=[circle.slug])),
        ("circle-updates", reverse("circles:updates", args=[circle.slug])),
        ("organisations", reverse("organisations:list")),
        ("organisation", reverse("organisations:detail", args=[organisation.slug])),
        ("privacy", reverse("members:privacy")),
        ("login", reverse("account_login")),
        ("signup", reverse("account_signup")),
        ("password-reset", reverse("account_reset_password")),
        ("password-reset-done", reverse("account_reset_password_done")),
        ("password-reset-bad-key", reverse("account_reset_password_from_key", args=["x", "bad-key"])),
        ("password-reset-key-done", reverse("account_reset_password_from_key_done")),
        ("login-code", reverse("account_request_login_code")),
        ("verification-sent", reverse("account_email_verification_sent")),
        ("confirm-email-bad-key", reverse("account_confirm_email", args=["bad-key"])),
        ("account-inactive", reverse("account_inactive")),
    ]:
        check(page, url, f"visitor-{name}")
    check(
        page,
        reverse("circles:sign_up", args=[circle.slug]),
        "visitor-signup-from-circle",
        lands_on=reverse("account_signup"),
    )
    assert circle.name in page.content()
    check(page, "/no-such-page/", "visitor-404", status=404)
    check(page, reverse("circles:invitation_accept", args=["no-such-token"]), "visitor-invitation-unknown", 404)

    # Forms with their errors shown.
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", demo.MEMBER_EMAIL)
    page.fill("input[name=password]", "wrong password")
    submit(page, "main form")
    check(page, "", "visitor-login-wrong-password")
    page.goto(reverse("account_reset_password"))
    submit(page, "main form")
    check(page, "", "visitor-password-reset-errors")
    page.goto(reverse("account_reset_password"))
    page.fill("input[name=email]", demo.MEMBER_EMAIL)
    submit(page, "main form")
    check(page, "", "visitor-password-reset-sent")

    # Log in with a code: the page that asks for the emailed code, also with a wrong code.
    page.goto(reverse("account_request_login_code"))
    page.fill("input[name=email]", demo.MEMBER_EMAIL)
    submit(page, "main form")
    assert reverse("account_confirm_login_code") in page.url
    check(page, "", "visitor-login-code-confirm")
    page.fill("input[name=code]", "WRONG")
    submit(page, "main form")
    check(page, "", "visitor-login-code-wrong")


def test_pending_member_pages(new_page, network):
    pending = Member.objects.filter(status=Member.Status.PENDING).first()
    pending.set_password("a-long-test-password")
    pending.save()
    page = new_page()
    login(page, pending.email, "a-long-test-password")
    check(page, reverse("home"), "pending-home")
    check(page, reverse("circles:detail", args=["onderzoek"]), "pending-circle")
    check(page, reverse("members:directory"), "pending-403", status=403)


def test_member_pages(new_page, network):
    page = new_page()
    login(page, demo.MEMBER_EMAIL, demo.DEMO_PASSWORD)
    member = Member.objects.get(email=demo.MEMBER_EMAIL)
    other = Member.objects.filter(status=Member.Status.APPROVED).exclude(pk=member.pk).order_by("pk").first()
    circle = CircleMembership.objects.filter(member=member).select_related("circle").first().circle
    for name, url in [
        ("home", reverse("home")),
        ("profile", reverse("members:profile")),
        ("directory", reverse("members:directory")),
        ("member", reverse("members:detail", args=[other.pk])),
        ("circle", reverse("circles:detail", args=[circle.slug])),
        ("circle-on-request", reverse("circles:detail", args=["armoede-bestaanszekerheid"])),
        ("invite", reverse("circles:invite", args=[circle.slug])),
        ("delete-account", reverse("members:delete_account")),
        ("email", reverse("account_email")),
        ("change-password", reverse("account_change_password")),
        ("reauthenticate", reverse("account_reauthenticate")),
        ("two-factor", reverse("mfa_index")),
        ("403", reverse("coordination:index")),
    ]:
        check(page, url, f"member-{name}", status=403 if name == "403" else 200)
    check(page, reverse("members:directory") + "?page=2", "member-directory-page-2")

    # Forms with their errors shown.
    page.goto(reverse("members:profile"))
    page.fill("input[name=name]", "")
    submit(page)
    check(page, "", "member-profile-errors")
    page.goto(reverse("circles:invite", args=[circle.slug]))
    submit(page)
    check(page, "", "member-invite-errors")
    page.goto(reverse("members:delete_account"))
    submit(page)
    check(page, "", "member-delete-account-errors")

    # An invitation by email; the invitee opens the link: a page about the invitation, then sign-up.
    page.goto(reverse("circles:invite", args=[circle.slug]))
    page.fill("input[name=email]", "new.friend@example.org")
    submit(page)
    check(page, "", "member-invite-sent")
    match = INVITATION_LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    invitee = new_page()
    check(invitee, match.group(1), "invitee-invitation")
    with invitee.expect_navigation():  # the check below must see the sign-up page, not the page still loading
        invitee.click("main a[href='/accounts/signup/']")  # no email address in the URL: it waits in the session
    check(invitee, "", "invitee-signup")
    assert invitee.input_value("input[name=email]") == "new.friend@example.org"


def test_kartrekker_pages(new_page, network):
    page = new_page()
    login(page, KARTREKKER_EMAIL, demo.DEMO_PASSWORD)
    circle = Circle.objects.get(slug="armoede-bestaanszekerheid")
    update = CircleUpdate.objects.filter(circle=circle).first()
    assert CircleMembership.objects.filter(circle=circle, status=CircleMembership.Status.REQUESTED).exists()
    for name, url in [
        ("circle", reverse("circles:detail", args=[circle.slug])),
        ("update-form", reverse("circles:update_create", args=[circle.slug])),
        ("update-edit", reverse("circles:update_edit", args=[circle.slug, update.pk])),
        ("update-delete", reverse("circles:update_delete", args=[circle.slug, update.pk])),
        ("requests", reverse("circles:requests", args=[circle.slug])),
        ("invite", reverse("circles:invite", args=[circle.slug])),
        ("members", reverse("circles:members", args=[circle.slug])),
        ("overview", reverse("circles:overview")),
    ]:
        check(page, url, f"kartrekker-{name}")
    page.goto(reverse("circles:update_create", args=[circle.slug]))
    page.fill("input[name=title]", "x" * 300)
    submit(page)
    check(page, "", "kartrekker-update-form-errors")


def test_coordinator_pages(new_page, network):
    draft = ConsentTextFactory(version=ConsentText.objects.count() + 1, published_at=None)
    published = ConsentText.objects.filter(published_at__isnull=False).first()
    circle = Circle.objects.get(slug="onderzoek")
    organisation = Organisation.objects.get(slug=demo.REPRESENTED_ORGANISATION)
    team = organisation.teams.first()
    member = Member.objects.get(email=demo.MEMBER_EMAIL)
    theme = Theme.objects.first()
    assert Member.objects.filter(status=Member.Status.PENDING).exists()

    page = new_page()
    login_with_totp(page, demo.COORDINATOR_EMAIL, demo.DEMO_PASSWORD, secret=demo.DEMO_TOTP_SECRET, check=True)
    for name, url in [
        ("coordination", reverse("coordination:index")),
        ("pending", reverse("members:pending")),
        ("manage-list", reverse("members:manage_list")),
        ("manage-list-filtered", reverse("members:manage_list") + "?status=approved&q=a"),
        ("manage-detail", reverse("members:manage_detail", args=[member.pk])),
        ("import", reverse("members:import")),
        ("themes", reverse("members:themes")),
        ("theme-edit", reverse("members:theme_edit", args=[theme.pk])),
        ("consent-texts", reverse("members:consent_texts")),
        ("consent-text-draft", reverse("members:consent_text_edit", args=[draft.pk])),
        ("consent-text-published", reverse("members:consent_text_edit", args=[published.pk])),
        ("audit", reverse("coordination:audit")),
        ("circles-overview", reverse("circles:overview")),
        ("circle", reverse("circles:detail", args=[circle.slug])),
        ("circle-create", reverse("circles:create")),
        ("circle-edit", reverse("circles:edit", args=[circle.slug])),
        ("circle-leads", reverse("circles:leads", args=[circle.slug])),
        ("circle-requests", reverse("circles:requests", args=["armoede-bestaanszekerheid"])),
        ("organisation", reverse("organisations:detail", args=[organisation.slug])),
        ("organisation-create", reverse("organisations:create")),
        ("organisation-edit", reverse("organisations:edit", args=[organisation.slug])),
        ("team-create", reverse("organisations:team_create", args=[organisation.slug])),
        ("team-edit", reverse("organisations:team_edit", args=[organisation.slug, team.pk])),
        ("two-factor", reverse("mfa_index")),
        ("mfa-reauthenticate", reverse("mfa_reauthenticate")),
    ]:
        check(page, url, f"coordinator-{name}")
    # Pages that first ask to log in again, or move on: check the page they land on.
    for name, url in [
        ("totp-deactivate", reverse("mfa_deactivate_totp")),
        ("recovery-codes-generate", reverse("mfa_generate_recovery_codes")),
    ]:
        page.goto(url)
        check(page, "", f"coordinator-{name}")

    # The import with a bad file shows a row-by-row report.
    page.goto(reverse("members:import"))
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "members.csv",
                "mimeType": "text/csv",
                "buffer": b"email,name,kind\nnot-an-email,,ervaringsdeskundige\nok@example.org,Ok,wizard\n=cmd,x,bondgenoot\n",
            }
        ],
    )
    submit(page, "main form")
    assert page.locator(".utrecht-form-field--invalid, .utrecht-alert--error, table").count() > 0
    check(page, "", "coordinator-import-report")

    # Forms with their errors shown.
    for name, url in [
        ("circle-create-errors", reverse("circles:create")),
        ("organisation-create-errors", reverse("organisations:create")),
        ("team-create-errors", reverse("organisations:team_create", args=[organisation.slug])),
        ("consent-texts-errors", reverse("members:consent_texts")),
    ]:
        page.goto(url)
        submit(page)
        assert page.locator(".utrecht-form-field--invalid, .utrecht-alert--error").count() > 0, name
        check(page, "", f"coordinator-{name}")


def test_a_new_coordinator_is_sent_to_set_up_two_factor(new_page, network):
    from allauth.account.models import EmailAddress

    coordinator = MemberFactory(is_coordinator=True, email="new.coordinator@example.org")
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    page = new_page()
    login(page, coordinator.email, "a-long-test-password")
    page.goto(reverse("coordination:index"))
    if reverse("account_reauthenticate") in page.url:
        check(page, "", "new-coordinator-reauthenticate")
        page.fill("input[name=password]", "a-long-test-password")
        submit(page, "main form")
    assert reverse("mfa_activate_totp") in page.url
    check(page, "", "new-coordinator-activate-totp")
    page.fill("input[name=code]", "000000")
    submit(page, "main form")
    check(page, "", "new-coordinator-activate-totp-errors")
