"""The gates in MemberGateMiddleware: new consent text asks again; coordinators must set up TOTP."""

from urllib.parse import quote

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from samenspel.members.models import Consent, Member
from tests.factories.members import ConsentTextFactory, MemberFactory

from ..conftest import make_coordinator
from .conftest import log_in, reauthenticate, totp_code, verify_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_before_new_text(consent_text):
    """A member who agreed to the current text; then the coordinator publishes version 2."""
    member = verify_email(MemberFactory(email="mila@example.org"))
    assert Consent.objects.filter(member=member, consent_text=consent_text).exists()
    new_text = ConsentTextFactory(version=consent_text.version + 1, body_en="New rules about your data.")
    return member, new_text


# --- consent ---------------------------------------------------------------------------------


def test_a_new_consent_text_asks_again_at_the_next_request(client, member_before_new_text):
    member, new_text = member_before_new_text
    client.force_login(member)
    response = client.get("/circles/?page=2&q=a b")
    assert response.status_code == 302
    assert response["Location"] == reverse("members:consent") + "?next=" + quote("/circles/?page=2&q=a%20b", safe="")

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "New rules about your data." in html
    assert 'name="next" value="/circles/?page=2&amp;q=a%20b"' in html

    response = client.post(reverse("members:consent"), {"consent": "on", "next": "/circles/?page=2&q=a%20b"})
    assert response.status_code == 302
    assert response["Location"] == "/circles/?page=2&q=a%20b"
    consent = Consent.objects.get(member=member, consent_text=new_text)
    assert consent.language == "en"
    assert client.get(reverse("home")).status_code == 200


def test_consent_is_not_given_without_ticking_the_box(client, member_before_new_text):
    member, new_text = member_before_new_text
    client.force_login(member)
    response = client.post(reverse("members:consent"), {"next": "/circles/"})
    assert response.status_code == 200
    assert "Tick the box to agree" in response.content.decode()
    assert not Consent.objects.filter(member=member, consent_text=new_text).exists()
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "http://evil.example", "javascript:alert(1)", "\\\\evil.example"],
)
def test_consent_next_never_leads_to_another_host(client, member_before_new_text, next_url):
    member, _ = member_before_new_text
    client.force_login(member)
    page = client.get(reverse("members:consent"), {"next": next_url})
    assert '<input type="hidden" name="next" value="">' in page.content.decode()
    response = client.post(reverse("members:consent"), {"consent": "on", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_post_while_consent_is_needed_goes_to_the_consent_page(client, member_before_new_text):
    member, _ = member_before_new_text
    client.force_login(member)
    response = client.post(reverse("members:profile"), {"name": "Changed"})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:consent")
    member.refresh_from_db()
    assert member.name != "Changed"


def test_logout_and_language_stay_open_while_consent_is_needed(client, member_before_new_text):
    member, _ = member_before_new_text
    client.force_login(member)
    response = client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_a_draft_text_does_not_ask_again(client, consent_text):
    member = MemberFactory()
    ConsentTextFactory(version=consent_text.version + 1, published_at=None)
    client.force_login(member)
    assert client.get(reverse("home")).status_code == 200


def test_visitors_are_not_asked_for_consent(client, member_before_new_text):
    assert client.get(reverse("home")).status_code == 200


def test_the_consent_page_for_someone_who_already_agreed_goes_on(client, consent_text):
    member = MemberFactory()
    client.force_login(member)
    response = client.get(reverse("members:consent"), {"next": "/circles/"})
    assert response.status_code == 302 and response["Location"] == "/circles/"


# --- two-factor authentication for coordinators ----------------------------------------------


@pytest.fixture
def coordinator_without_totp(consent_text) -> Member:
    coordinator = verify_email(make_coordinator(email="coco@example.org"))
    Authenticator.objects.filter(user=coordinator).delete()
    return coordinator


@pytest.mark.parametrize("url", ["/", "/circles/", "/members/", "/members/me/", "/coordination/"])
def test_coordinator_without_totp_is_sent_to_set_it_up(client, coordinator_without_totp, url):
    client.force_login(coordinator_without_totp)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("name", ["mfa_index", "account_reauthenticate", "account_email", "account_logout"])
def test_pages_to_set_up_totp_stay_open(client, coordinator_without_totp, name):
    client.force_login(coordinator_without_totp)
    assert client.get(reverse(name)).status_code == 200


def test_coordinator_can_log_out_and_switch_language_without_totp(client, coordinator_without_totp):
    client.force_login(coordinator_without_totp)
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    client.post(reverse("account_logout"))
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_members_and_unapproved_coordinators_are_not_asked_for_totp(client, consent_text):
    for person in [MemberFactory(), MemberFactory(is_coordinator=True, status=Member.Status.PENDING)]:
        client.force_login(person)
        assert client.get(reverse("home")).status_code == 200


def test_coordinator_sets_up_totp_and_then_reaches_coordination(client, coordinator_without_totp):
    response = log_in(client, coordinator_without_totp.email)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"] == reverse("mfa_activate_totp")

    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and reverse("account_reauthenticate") in response["Location"]
    reauthenticate(client)
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]

    wrong = client.post(reverse("mfa_activate_totp"), {"code": "12345"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=coordinator_without_totp, type="totp").exists()

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=coordinator_without_totp, type=Authenticator.Type.TOTP).exists()
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("coordination:index")).status_code == 200
    assert client.get(reverse("home")).status_code == 200

    # Next time, login asks for the code from the app.
    client.post(reverse("account_logout"))
    response = log_in(client, coordinator_without_totp.email)
    assert response["Location"] == reverse("mfa_authenticate")


def test_coordinator_who_removes_totp_is_sent_back_to_set_it_up(client, consent_text):
    coordinator = make_coordinator()
    client.force_login(coordinator)
    assert client.get(reverse("coordination:index")).status_code == 200
    Authenticator.objects.filter(user=coordinator).delete()
    assert client.get(reverse("coordination:index"))["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("value", ["", "false", "0", "False", "no", "off", "<script>alert(1)</script>"])
def test_consent_form_refuses_values_that_do_not_say_yes(client, member_before_new_text, value):
    member, new_text = member_before_new_text
    client.force_login(member)
    response = client.post(reverse("members:consent"), {"consent": value})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode() or "Tick the box to agree" in response.content.decode()
    assert not Consent.objects.filter(member=member, consent_text=new_text).exists()


def test_consent_page_shows_the_text_in_dutch_for_dutch_readers(client, member_before_new_text):
    member, new_text = member_before_new_text
    new_text.body_nl = "Nieuwe regels over je gegevens."
    new_text.save()
    client.force_login(member)
    html = client.get(reverse("members:consent"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Nieuwe regels over je gegevens." in html
    client.post(reverse("members:consent"), {"consent": "on"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert Consent.objects.get(member=member, consent_text=new_text).language == "nl"


def test_an_emailed_unsubscribe_link_works_before_the_new_consent_text_is_accepted(client, member_before_new_text):
    """Opening a notification's or the newsletter's unsubscribe link is not held up by the consent gate."""
    from samenspel.notifications.emails import unsubscribe_token

    member, _ = member_before_new_text
    client.force_login(member)
    link = reverse("notifications:unsubscribe", args=[unsubscribe_token(member_id=member.pk, kinds=["meeting"])])
    response = client.get(link)
    assert response.status_code == 200
    assert client.post(link).status_code == 200
    assert member.notification_settings.get(kind="meeting").frequency == "never"

    # Another members-only page still asks for the new text first.
    assert client.get(reverse("notifications:list"))["Location"].startswith(reverse("members:consent"))
