"""Sign-up through HTTP: the whole flow, consent, the pending state, and bad input."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from samenspel.members.models import Consent, Member
from tests.factories.members import ConsentTextFactory, MemberFactory, ThemeFactory
from tests.factories.organisations import OrganisationFactory

from .conftest import assert_page_is_clean

pytestmark = pytest.mark.django_db

SIGNUP = "account_signup"


def valid_data(**overrides) -> dict:
    data = {
        "name": "Nina Nieuw",
        "email": "nina@example.org",
        "password1": "een-goed-wachtwoord-77",
        "password2": "een-goed-wachtwoord-77",
        "kind": Member.Kind.EXPERT,
        "organisation": "",
        "theme_visibility": Member.ThemeVisibility.MEMBERS,
        "consent": "on",
    }
    data.update(overrides)
    return data


def confirmation_link(message) -> str:
    match = re.search(r"https?://testserver(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_full_sign_up_flow(client, consent_text, django_capture_on_commit_callbacks, mailoutbox):
    organisation = OrganisationFactory(name="Buurtteam Zuid")
    poverty, debt = ThemeFactory(name_en="Poverty"), ThemeFactory(name_en="Debt")

    page = client.get(reverse(SIGNUP))
    assert page.status_code == 200
    html = assert_page_is_clean(page)
    assert "We keep your data safe." in html
    assert "Poverty" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(SIGNUP),
            valid_data(organisation=organisation.pk, themes=[poverty.pk, debt.pk]),
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")

    member = Member.objects.get(email="nina@example.org")
    assert member.status == Member.Status.PENDING
    assert member.name == "Nina Nieuw"
    assert member.kind == Member.Kind.EXPERT
    assert member.organisation == organisation
    assert set(member.themes.all()) == {poverty, debt}
    assert member.theme_visibility == Member.ThemeVisibility.MEMBERS
    consent = Consent.objects.get(member=member)
    assert consent.consent_text == consent_text
    assert consent.language == "en"
    assert consent.given_at is not None

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nina@example.org"]
    assert message.subject.startswith("[ANE] ")
    assert "Amsterdams Netwerk Ervaringskennis" in message.body
    link = confirmation_link(message)

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert_page_is_clean(confirm_page)
    assert not EmailAddress.objects.get(email="nina@example.org").verified  # GET does not confirm

    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nina@example.org").verified
    home = client.get(response["Location"], follow=True)
    assert home.wsgi_request.user == member
    assert "A coordinator will look at your sign-up soon" in home.content.decode()


def test_consent_text_is_shown_in_the_users_language(client, consent_text, settings):
    html = client.get(reverse(SIGNUP), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Wij bewaren je gegevens veilig." in html
    assert "We keep your data safe." not in html


def test_the_newest_published_text_is_recorded(client, consent_text, django_capture_on_commit_callbacks):
    newer = ConsentTextFactory(version=consent_text.version + 1, body_en="Version two.")
    ConsentTextFactory(version=consent_text.version + 2, body_en="Draft.", published_at=None)
    html = client.get(reverse(SIGNUP)).content.decode()
    assert "Version two." in html and "Draft." not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(SIGNUP), valid_data())
    assert Consent.objects.get(member__email="nina@example.org").consent_text == newer


def test_no_account_without_ticking_the_consent_box(client, consent_text, mailoutbox):
    data = valid_data()
    del data["consent"]
    response = client.post(reverse(SIGNUP), data)
    assert response.status_code == 200
    html = assert_page_is_clean(response)
    assert "You can only join when you agree" in html
    assert 'role="alert"' in html
    assert not Member.objects.filter(email="nina@example.org").exists()
    assert not Consent.objects.exists()
    assert mailoutbox == []


def test_no_sign_up_without_a_published_consent_text(client, db, mailoutbox):
    ConsentTextFactory(published_at=None)
    response = client.post(reverse(SIGNUP), valid_data())
    assert response.status_code == 200
    assert "Signing up is not open yet" in response.content.decode()
    assert not Member.objects.exists()


def test_existing_email_does_not_make_a_second_account(
    client, consent_text, django_capture_on_commit_callbacks, mailoutbox
):
    MemberFactory(email="nina@example.org", name="Nina Bestaand")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(SIGNUP), valid_data(email="NINA@example.org", name="Someone Else"))
    # ACCOUNT_PREVENT_ENUMERATION: the page looks the same as for a new address ...
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    # ... but no second account, and the owner gets an "account already exists" email.
    assert Member.objects.filter(email__iexact="nina@example.org").count() == 1
    assert Member.objects.get(email="nina@example.org").name == "Nina Bestaand"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["nina@example.org"]


XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    "'><iframe src=javascript:alert(1)>",
]


@pytest.mark.parametrize("name", XSS)
def test_html_in_the_name_is_saved_as_text_and_rendered_escaped(
    client, consent_text, name, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(SIGNUP), valid_data(name=name))
    assert response.status_code == 302
    member = Member.objects.get(email="nina@example.org")
    assert member.name == name
    client.force_login(member)
    html = client.get(reverse("members:profile")).content.decode()
    assert name not in html or name == "javascript:alert(1)"
    if "<" in name:
        assert "&lt;" in html
    assert "<script>alert(1)" not in html
    assert "onerror=alert(1)>" not in html
    assert "<svg onload" not in html


def test_html_in_the_name_is_escaped_on_the_form_after_an_error(client, consent_text):
    response = client.post(reverse(SIGNUP), valid_data(name='"><script>alert(1)</script>', password2="other"))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


BAD_INPUT = {
    "empty name": ({"name": ""}, "name"),
    "only spaces as name": ({"name": "   "}, "name"),
    "name too long": ({"name": "x" * 121}, "name"),
    "empty email": ({"email": ""}, "email"),
    "invalid email": ({"email": "not-an-email"}, "email"),
    "email with html": ({"email": "<script>@example.org"}, "email"),
    "email too long": ({"email": "a" * 250 + "@example.org"}, "email"),
    "kind of wrong value": ({"kind": "king"}, "kind"),
    "kind as a number": ({"kind": "1"}, "kind"),
    "kind empty": ({"kind": ""}, "kind"),
    "visibility of wrong value": ({"theme_visibility": "nobody"}, "theme_visibility"),
    "visibility as number": ({"theme_visibility": "3"}, "theme_visibility"),
    "organisation that does not exist": ({"organisation": "999999"}, "organisation"),
    "organisation that is not a number": ({"organisation": "abc"}, "organisation"),
    "theme that does not exist": ({"themes": ["999999"]}, "themes"),
    "theme that is not a number": ({"themes": ["poverty"]}, "themes"),
    "password too short": ({"password1": "kort", "password2": "kort"}, "password1"),
    "password common": ({"password1": "password123", "password2": "password123"}, "password1"),
    "passwords different": ({"password2": "een-ander-wachtwoord-88"}, "password2"),
    "empty password": ({"password1": "", "password2": ""}, "password1"),
    "consent not ticked": ({"consent": ""}, "consent"),
    "consent as 0": ({"consent": "0"}, "consent"),
    "consent as no": ({"consent": "no"}, "consent"),
}


@pytest.mark.parametrize("overrides,field", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    client, consent_text, overrides, field, mailoutbox
):
    response = client.post(reverse(SIGNUP), valid_data(**overrides))
    assert response.status_code == 200
    html = assert_page_is_clean(response)
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert 'role="alert"' in html
    assert not Member.objects.exists()
    assert not Consent.objects.exists()
    assert not EmailAddress.objects.exists()
    assert mailoutbox == []


def test_inactive_theme_cannot_be_chosen(client, consent_text):
    retired = ThemeFactory(is_active=False, name_en="Retired theme")
    assert "Retired theme" not in client.get(reverse(SIGNUP)).content.decode()
    response = client.post(reverse(SIGNUP), valid_data(themes=[retired.pk]))
    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert not Member.objects.exists()


def test_spaces_in_the_name_are_tidied(client, consent_text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(SIGNUP), valid_data(name="  Nina   van  Dijk "))
    assert Member.objects.get().name == "Nina van Dijk"


def test_sign_up_is_rate_limited_per_ip(client, consent_text, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/h/ip"}
    for n in range(3):
        response = client.post(reverse(SIGNUP), valid_data(email=f"bad{n}", consent=""))
        assert response.status_code == 200
    response = client.post(reverse(SIGNUP), valid_data())
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert not Member.objects.exists()
    # Another address (IP) may still sign up.
    response = client.post(reverse(SIGNUP), valid_data(), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302
    assert Member.objects.filter(email="nina@example.org").exists()


def test_the_configured_sign_up_limit_is_ten_per_hour_per_ip(client, consent_text):
    for n in range(10):
        assert client.post(reverse(SIGNUP), valid_data(email=f"bad{n}")).status_code != 429
    assert client.post(reverse(SIGNUP), valid_data(email="eleven@example.org")).status_code == 429
