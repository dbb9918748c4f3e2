"""One-click unsubscribe (RFC 8058) for every app's non-transactional emails: samenspel.core.emails
adds the headers and the footer when a builder returns LIST_UNSUBSCRIBE; samenspel.core.unsubscribe
signs the link and serves the page (GET: a button; POST: unsubscribed at once)."""

import email
import email.policy

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from samenspel.core.emails import (
    LIST_UNSUBSCRIBE,
    email_builder,
    list_unsubscribe_headers,
    render_email,
    send_templated_email,
)
from samenspel.core.unsubscribe import make_token, read_token
from tests.emails import unsubscribe_urls

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "https://samenspel.example/test-unsubscribe/abc/"


@email_builder
def with_unsubscribe(*, context, secret):
    return {LIST_UNSUBSCRIBE: URL}, []


@pytest.fixture(autouse=True)
def _fresh():
    unsubscribe_urls.unsubscribed.clear()
    yield
    unsubscribe_urls.unsubscribed.clear()


def parsed(message) -> email.message.EmailMessage:
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def test_a_builders_unsubscribe_url_becomes_the_two_headers_and_a_footer(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(
            to="fatima@example.org",
            template="members/signup_approved",
            context={"name": "Fatima"},
            language="en",
            build="tests.emails.test_list_unsubscribe.with_unsubscribe",
        )

    (message,) = mailoutbox
    sent = parsed(message)
    assert sent["List-Unsubscribe"] == f"<{URL}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"Unsubscribe: {URL}" in message.body
    html, _ = message.alternatives[0]
    assert f'<a href="{URL}">Unsubscribe</a>' in html


def test_an_email_without_it_has_no_unsubscribe_headers(mailoutbox, django_capture_on_commit_callbacks):
    message = render_email(
        to="fatima@example.org", template="members/signup_approved", context={"name": "F"}, language="nl"
    )
    sent = parsed(message)
    assert sent["List-Unsubscribe"] is None and sent["List-Unsubscribe-Post"] is None
    assert "Uitschrijven" not in message.body and "Unsubscribe" not in message.body


def test_the_footer_is_in_dutch_for_a_dutch_email():
    message = render_email(
        to="fatima@example.org",
        template="members/signup_approved",
        context={"name": "F"},
        language="nl",
        list_unsubscribe=URL,
    )
    assert f"Afmelden: {URL}" in message.body


@pytest.mark.parametrize("url", ["/relative/", "https://x.example/a b/", "https://x.example/<a>/", "mailto:x@y"])
def test_a_url_that_would_break_the_header_is_refused(url):
    with pytest.raises(ValueError):
        list_unsubscribe_headers(url)


def test_a_token_reads_back_only_in_its_own_scope():
    token = make_token(scope="test", value={"name": "a"})
    assert read_token(scope="test", token=token) == {"name": "a"}
    with pytest.raises(signing.BadSignature):
        read_token(scope="other", token=token)


# --- the page ------------------------------------------------------------------------------------

pytestmark_urls = pytest.mark.urls("tests.emails.unsubscribe_urls")


def link(name="fatima") -> str:
    return reverse("test_unsubscribe", args=[make_token(scope="test", value={"name": name})])


@pytestmark_urls
def test_a_get_shows_a_button_and_changes_nothing(client):
    response = client.get(link())
    assert response.status_code == 200
    assert b"Yes, unsubscribe" in response.content
    assert b"test emails for fatima" in response.content
    assert unsubscribe_urls.unsubscribed == set()


@pytestmark_urls
def test_the_mail_programs_one_click_post_unsubscribes_without_login_or_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(link(), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert b"You are unsubscribed" in response.content
    assert unsubscribe_urls.unsubscribed == {"fatima"}


@pytestmark_urls
def test_a_reused_link_says_already_unsubscribed(client):
    client.post(link())
    again = client.post(link())
    assert again.status_code == 200
    assert b"You were already unsubscribed" in again.content
    shown = client.get(link())
    assert b"You were already unsubscribed" in shown.content and b"Yes, unsubscribe" not in shown.content


@pytestmark_urls
@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        make_token(scope="test", value={"name": "fatima"})[:-2] + "xx",
        make_token(scope="other", value={"name": "fatima"}),
    ],
    # Not the tokens: they carry the time they were made, and pytest-xdist needs the same test ids in each worker.
    ids=["nonsense", "bad-signature", "other-scope"],
)
def test_a_tampered_link_gets_a_clear_error_page(client, token):
    response = client.post(reverse("test_unsubscribe", args=[token]))
    assert response.status_code == 400
    assert b"This unsubscribe link does not work" in response.content
    assert client.get(reverse("test_unsubscribe", args=[token])).status_code == 400
    assert unsubscribe_urls.unsubscribed == set()


@pytestmark_urls
def test_other_methods_are_refused(client):
    assert client.put(link()).status_code == 405
