"""Every allauth page this configuration uses renders in the site's layout, accessibly, without inline script."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories.members import MemberFactory

from ..conftest import make_coordinator
from .conftest import activate_totp, assert_page_is_clean, log_in, reauthenticate, verify_email

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_request_login_code",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
]


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_account_pages_use_the_site_layout(client, consent_text, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = assert_page_is_clean(response)
    assert 'class="utrecht-heading-1"' in html
    assert "utrecht-page-header" in html  # our base.html
    assert 'id="main"' in html


def test_login_page_offers_password_and_login_code(client, consent_text):
    html = assert_page_is_clean(client.get(reverse("account_login")))
    assert 'for="id_login"' in html and 'for="id_password"' in html
    assert reverse("account_request_login_code") in html
    assert reverse("account_reset_password") in html
    assert "utrecht-button utrecht-button--primary-action" in html
    assert "novalidate" in html


def test_a_form_with_errors_shows_a_summary_with_role_alert_and_linked_messages(client, consent_text):
    response = client.post(reverse("account_login"), {"login": "", "password": ""})
    html = assert_page_is_clean(response)
    assert 'role="alert"' in html
    assert 'href="#id_login"' in html
    assert 'aria-describedby="id_login_errors"' in html
    assert 'aria-invalid="true"' in html


def test_confirm_code_page_renders(client, verified_member):
    client.post(reverse("account_request_login_code"), {"email": verified_member.email})
    response = client.get(reverse("account_confirm_login_code"))
    assert response.status_code == 200
    assert_page_is_clean(response)


def test_bad_email_confirmation_link_says_so(client, consent_text):
    response = client.get(reverse("account_confirm_email", args=["not-a-key"]))
    assert response.status_code == 200
    html = assert_page_is_clean(response)
    assert "This link does not work" in html


def test_bad_password_reset_link_says_so(client, consent_text):
    response = client.get(reverse("account_reset_password_from_key", args=["1", "bad-key"]), follow=True)
    assert response.status_code == 200
    assert_page_is_clean(response)


@pytest.mark.parametrize(
    "name",
    ["account_email", "account_change_password", "account_logout", "account_reauthenticate", "mfa_index"],
)
def test_account_management_pages_render_for_a_member(client, verified_member, name):
    client.force_login(verified_member)
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = assert_page_is_clean(response)
    assert "utrecht-page-header" in html


def test_email_page_groups_addresses_in_a_fieldset(client, verified_member):
    client.force_login(verified_member)
    html = assert_page_is_clean(client.get(reverse("account_email")))
    assert "<fieldset" in html and "<legend" in html
    assert verified_member.email in html


def test_totp_activation_shows_qr_image_and_secret_as_text(client, verified_member):
    log_in(client, verified_member.email)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and reverse("account_reauthenticate") in response["Location"]
    reauthenticate(client)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    html = assert_page_is_clean(response)
    secret = client.session["mfa.totp.secret"]
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'alt="QR code for your authenticator app"' in html
    assert f'<code class="utrecht-code" id="authenticator_secret">{secret}</code>' in html
    assert 'for="id_code"' in html


def test_totp_deactivate_and_recovery_code_pages_render(client, verified_member):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    activate_totp(verified_member)
    RecoveryCodes.activate(verified_member)
    # Log in with TOTP asks for a code first (tested in test_login); here force_login is enough.
    client.force_login(verified_member)
    response = client.get(reverse("mfa_view_recovery_codes"))
    assert response.status_code == 302 and reverse("account_reauthenticate") in response["Location"]
    assert_page_is_clean(client.get(response["Location"]))
    reauthenticate(client)
    for name in ["mfa_index", "mfa_view_recovery_codes"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert_page_is_clean(response)
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert_page_is_clean(response)
    response = client.get(reverse("mfa_generate_recovery_codes"))
    assert response.status_code == 200
    assert_page_is_clean(response)


def test_mfa_authenticate_stage_renders(client, consent_text):
    coordinator = verify_email(make_coordinator(email="coco@example.org"))
    coordinator.authenticator_set.all().delete()
    activate_totp(coordinator)
    response = log_in(client, coordinator.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate"))
    assert page.status_code == 200
    html = assert_page_is_clean(page)
    assert 'for="id_code"' in html


def test_signup_page_is_closed_without_consent_text(client, db):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    html = assert_page_is_clean(response)
    assert "Signing up is not open yet" in html
    assert 'name="email"' not in html


def test_unverified_member_login_leads_to_verification_page(client, consent_text):
    member = MemberFactory(email="new@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=False, primary=True)
    response = log_in(client, member.email)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert_page_is_clean(page)
