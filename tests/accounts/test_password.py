"""Password reset by emailed link and password change, through the site's pages."""

import re

import pytest
from django.urls import reverse

from .conftest import PASSWORD, assert_page_is_clean, log_in

pytestmark = pytest.mark.django_db


def test_password_reset_by_emailed_link(client, verified_member, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": verified_member.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mailoutbox) == 1 and mailoutbox[0].subject.startswith("[ANE] ")
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+/)", mailoutbox[0].body).group(1)

    response = client.get(link)
    assert response.status_code == 302  # allauth moves the key out of the address bar
    form_url = response["Location"]
    page = client.get(form_url)
    assert page.status_code == 200
    assert_page_is_clean(page)

    short = client.post(form_url, {"password1": "kort", "password2": "kort"})
    assert short.status_code == 200
    assert 'role="alert"' in short.content.decode()

    response = client.post(form_url, {"password1": "nieuw-wachtwoord-2024", "password2": "nieuw-wachtwoord-2024"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    assert_page_is_clean(client.get(response["Location"]))
    verified_member.refresh_from_db()
    assert verified_member.check_password("nieuw-wachtwoord-2024")


def test_password_reset_for_an_unknown_address_looks_the_same(
    client, consent_text, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def test_password_change(client, verified_member):
    log_in(client, verified_member.email)
    different = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "nieuw-wachtwoord-2024", "password2": "anders-wachtwoord-2024"},
    )
    assert different.status_code == 200
    assert_page_is_clean(different)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "nieuw-wachtwoord-2024", "password2": "nieuw-wachtwoord-2024"},
    )
    assert response.status_code == 302
    verified_member.refresh_from_db()
    assert verified_member.check_password("nieuw-wachtwoord-2024")


def test_logout_needs_a_post(client, verified_member):
    client.force_login(verified_member)
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert_page_is_clean(page)
    assert client.get(reverse("home")).wsgi_request.user.is_authenticated
    client.post(reverse("account_logout"))
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated
