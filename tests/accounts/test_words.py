"""The words of logging in: "inloggen" for logging in, "aanmelden" only for joining the network;
the code pages say where the code comes from; no placeholder repeats its label; "je", never "u".
"""

import re
from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.urls import reverse

from samenspel.members.allauth_texts import ALLAUTH_TEXTS

from ..conftest import make_coordinator
from .conftest import activate_totp, log_in, verify_email

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
ALLAUTH_NL = Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"
# Formal Dutch: "u", "uw", "alstublieft", "a.u.b." (words, not parts of words).
FORMAL = re.compile(r"(?<![\w-])(u|uw|alstublieft|a\.u\.b\.)(?![\w-])", re.IGNORECASE)


def dutch(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    return response.content.decode()


def test_every_overridden_allauth_text_still_exists_in_allauth():
    known = {entry.msgid for entry in polib.pofile(str(ALLAUTH_NL))}
    assert set(ALLAUTH_TEXTS) <= known, set(ALLAUTH_TEXTS) - known


def test_our_dutch_catalogue_and_templates_never_say_u_uw_or_alstublieft():
    found = []
    for entry in polib.pofile(str(BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po")):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if FORMAL.search(text):
                found.append(f"{entry.msgid!r}: {text!r}")
    for template in (BASE_DIR / "templates").rglob("*"):
        if template.suffix in (".html", ".txt"):
            text = re.sub(r"\{[%{#].*?[%}#]\}", " ", template.read_text(encoding="utf-8"), flags=re.DOTALL)
            found += [f"{template}: {match.group(0)!r}" for match in FORMAL.finditer(text)]
    assert not found, "\n".join(found)


def test_the_scan_finds_formal_words():
    for text in ("Wilt u dit doen?", "Uw naam", "Klik alstublieft hier.", "Neem a.u.b. contact op", "U kunt"):
        assert FORMAL.search(text), text
    for text in ("Je kunt uitloggen", "uur", "Kijk uw-achtig", "menu", "u-bocht"):
        assert not FORMAL.search(text.replace("uw-achtig", "")), text


def test_login_page_says_inloggen_and_keeps_aanmelden_for_joining(client):
    page = dutch(client, reverse("account_login"))
    assert "Inloggen" in page
    assert "Aanmeldcode" not in page and "aanmeldcode" not in page
    assert "placeholder=" not in page
    assert f'href="{reverse("account_signup")}"' in page  # the link to join: "Meld je aan"
    assert "Meld je aan" in page


def test_login_and_code_pages_in_english_have_no_placeholder(client):
    for url in (reverse("account_login"), reverse("account_request_login_code"), reverse("account_reset_password")):
        page = client.get(url).content.decode()
        assert "placeholder=" not in page, url


def test_signup_page_links_to_inloggen(client, consent_text):
    page = dutch(client, reverse("account_signup"))
    assert "Inloggen" in page or "Log dan in" in page or "log in" in page.lower()
    assert "Meld je dan aan" not in page


def test_confirm_login_code_page_says_the_code_is_in_an_email(client, verified_member):
    response = client.post(
        reverse("account_request_login_code"), {"email": verified_member.email}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response["Location"] == reverse("account_confirm_login_code")
    page = dutch(client, reverse("account_confirm_login_code"))
    assert "Vul je inlogcode in" in page
    assert verified_member.email in page
    assert "Je inlogcode" in page  # the subject of the email to look for
    assert "spam" in page
    assert "Aanmeld" not in page and "placeholder=" not in page
    english = client.get(reverse("account_confirm_login_code"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Fill in your login code" in english
    assert "Your login code" in english


def test_two_step_page_says_the_code_comes_from_the_authenticator_app(client, consent_text):
    coordinator = verify_email(make_coordinator(email="coco@example.org"))
    coordinator.authenticator_set.all().delete()
    activate_totp(coordinator)
    response = log_in(client, coordinator.email)
    assert response["Location"] == reverse("mfa_authenticate")
    page = dutch(client, reverse("mfa_authenticate"))
    assert "Inloggen: stap 2" in page
    assert "authenticator-app op je telefoon" in page
    assert "herstelcodes" in page
    assert not FORMAL.search(re.sub(r"<[^>]+>", " ", page))
    english = client.get(reverse("mfa_authenticate"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "authenticator app on your phone" in english


def test_logout_page_says_uitloggen(client, verified_member):
    log_in(client, verified_member.email)
    page = dutch(client, reverse("account_logout"))
    assert "Uitloggen" in page or "uitloggen" in page
    assert "afmelden" not in page.lower()
