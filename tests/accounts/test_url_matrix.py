"""Every allauth URL in this configuration, and what a visitor, a member and a coordinator get (GET).

The list comes from the resolver, so an allauth upgrade or setting that adds a URL fails here
until someone decides what each person should get. `LOGIN` means a redirect to the login page,
`REAUTH` to "confirm your password", `HOME` to the home page.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from tests.factories.members import MemberFactory

from ..conftest import make_coordinator
from .conftest import verify_email

pytestmark = pytest.mark.django_db

LOGIN, REAUTH, HOME = "login", "reauth", "home"

# name: (visitor, approved member, coordinator with TOTP)
EXPECTED = {
    "account_login": (200, HOME, HOME),
    "account_logout": (HOME, 200, 200),
    "account_inactive": (200, 200, 200),
    "account_signup": (200, HOME, HOME),
    "account_reauthenticate": (LOGIN, 200, 200),
    "account_email": (LOGIN, 200, 200),
    "account_email_verification_sent": (200, 200, 200),
    "account_change_password": (LOGIN, 200, 200),
    "account_set_password": (LOGIN, "/accounts/password/change/", "/accounts/password/change/"),
    "account_reset_password": (200, 200, 200),
    "account_confirm_login_code": ("/accounts/login/code/", HOME, HOME),
    "account_confirm_email": (200, 200, 200),
    "account_reset_password_from_key_done": (200, 200, 200),
    "account_reset_password_from_key": (200, 200, 200),
    "account_reset_password_done": (200, 200, 200),
    "account_request_login_code": (200, HOME, HOME),
    "mfa_index": (LOGIN, 200, 200),
    "mfa_authenticate": (LOGIN, HOME, HOME),
    "mfa_reauthenticate": (LOGIN, REAUTH, 200),
    "mfa_activate_totp": (LOGIN, REAUTH, REAUTH),
    "mfa_deactivate_totp": (LOGIN, 404, REAUTH),
    "mfa_view_recovery_codes": (LOGIN, 404, 404),
    "mfa_generate_recovery_codes": (LOGIN, REAUTH, REAUTH),
    "mfa_download_recovery_codes": (LOGIN, 404, 404),
}

ARGS = {"account_confirm_email": ["no-such-key"], "account_reset_password_from_key": ["1", "no-such-key"]}


def allauth_url_names() -> list[str]:
    names = []

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif pattern.name and pattern.name.startswith(("account_", "mfa_")):
                names.append(pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_allauth_url_has_an_expected_answer():
    assert sorted(allauth_url_names()) == sorted(EXPECTED)


def check(response, expected, name):
    if isinstance(expected, int):
        assert response.status_code == expected, (name, response.status_code, response.get("Location"))
        return
    assert response.status_code == 302, (name, response.status_code)
    location = response["Location"]
    if expected == LOGIN:
        assert location.startswith(reverse("account_login")), (name, location)
    elif expected == REAUTH:
        assert location.startswith(reverse("account_reauthenticate")), (name, location)
    elif expected == HOME:
        assert location == reverse("home"), (name, location)
    else:
        assert location == expected, (name, location)


@pytest.mark.parametrize("column,persona", list(enumerate(["visitor", "member", "coordinator"])))
def test_each_person_gets_the_expected_answer(client, consent_text, column, persona):
    person = {
        "visitor": None,
        "member": verify_email(MemberFactory(email="member@example.org")),
        "coordinator": verify_email(make_coordinator(email="coordinator@example.org")),
    }[persona]
    for name, answers in EXPECTED.items():
        client.logout()
        if person is not None:
            client.force_login(person)
        response = client.get(reverse(name, args=ARGS.get(name, [])))
        check(response, answers[column], name)
