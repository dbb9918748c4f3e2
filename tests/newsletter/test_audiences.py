"""Who gets the newsletter: members' recorded choice, visitors' double opt-in, one-click unsubscribe."""

import datetime
import logging

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samenspel.core.models import AuditLogEntry
from samenspel.newsletter import selectors, texts, tokens
from samenspel.newsletter.models import Delivery, Edition, MemberOptIn, Subscriber, Suppression
from samenspel.newsletter.services import audiences
from tests.factories.newsletter import MemberOptInFactory, SubscriberFactory
from tests.round_trip import assert_page_offers

from .helpers import links_in, path_of

pytestmark = pytest.mark.django_db

ADDRESS = "nieuwsgierig@example.net"


# --- members ------------------------------------------------------------------------------------


def test_a_member_chooses_the_newsletter_and_the_choice_is_recorded_like_consent(client_for, personas):
    client = client_for(personas.member)
    page = client.get(reverse("newsletter:preferences"))
    assert_page_offers(page, {"newsletter": "on"})
    assert texts.opt_in_text() in page.content.decode().replace("&quot;", '"')

    response = client.post(reverse("newsletter:preferences"), {"newsletter": "on"})

    assert response.status_code == 302
    choice = MemberOptIn.objects.get(member=personas.member)
    assert choice.text == texts.opt_in_text()
    assert choice.text_version == texts.OPT_IN_TEXT_VERSION
    assert choice.language == "en"
    assert choice.opted_in_at is not None and choice.withdrawn_at is None
    assert AuditLogEntry.objects.filter(action="newsletter.opt_in.given").count() == 1


def test_the_dutch_text_is_recorded_when_it_was_shown_in_dutch(client_for, personas):
    client = client_for(personas.member)
    client.post(reverse("newsletter:preferences"), {"newsletter": "on"}, HTTP_ACCEPT_LANGUAGE="nl")
    choice = MemberOptIn.objects.get()
    assert choice.language == "nl"
    assert choice.text.startswith("Ja, stuur mij de nieuwsbrief")


def test_choosing_twice_records_once_and_stopping_keeps_the_history(client_for, personas):
    client = client_for(personas.member)
    client.post(reverse("newsletter:preferences"), {"newsletter": "on"})
    client.post(reverse("newsletter:preferences"), {"newsletter": "on"})
    assert MemberOptIn.objects.count() == 1
    client.post(reverse("newsletter:preferences"), {})
    client.post(reverse("newsletter:preferences"), {"newsletter": "on"})
    rows = list(MemberOptIn.objects.order_by("id"))
    assert len(rows) == 2
    assert rows[0].withdrawn_at is not None and rows[0].withdrawn_how == "page"
    assert rows[1].withdrawn_at is None


def test_the_preferences_page_is_for_approved_members(client_for, personas):
    assert client_for(personas.pending).get(reverse("newsletter:preferences")).status_code == 403
    response = client_for(None).get(reverse("newsletter:preferences"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# --- visitors: double opt-in ---------------------------------------------------------------------


def subscribe(client, mailoutbox, capture, address=ADDRESS, **extra):
    with capture(execute=True):
        return client.post(reverse("newsletter:subscribe"), {"email": address, "agree": "on"}, **extra)


def test_a_visitor_subscribes_and_confirms_by_email(client, mailoutbox, django_capture_on_commit_callbacks):
    assert_page_offers(client.get(reverse("newsletter:subscribe")), {"email": ADDRESS, "agree": "on"})
    response = subscribe(client, mailoutbox, django_capture_on_commit_callbacks, address="  Nieuwsgierig@Example.NET ")

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == ADDRESS and subscriber.confirmed_at is None
    assert subscriber.text == texts.subscribe_text() and subscriber.text_version == 1
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [ADDRESS]
    link = next(url for url in links_in(mailoutbox[0]) if "/newsletter/subscribe/" in url)
    assert ADDRESS not in link and "nieuwsgierig" not in link  # a signed id, never the address

    page = client.get(path_of(link))
    assert page.status_code == 200 and "Confirm your subscription" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None  # a GET (a mail scanner) changes nothing

    done = client.post(path_of(link))
    assert done.status_code == 200 and "you are subscribed" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None

    again = client.post(path_of(link))  # a reused link
    assert again.status_code == 200 and "You are already subscribed" in again.content.decode()


def test_unconfirmed_addresses_never_get_an_edition(mailoutbox, client, django_capture_on_commit_callbacks, personas):
    from tests.factories.newsletter import EditionFactory

    subscribe(client, mailoutbox, django_capture_on_commit_callbacks)
    edition = EditionFactory(audience="subscribers")
    assert not selectors.has_recipients(edition)
    assert list(selectors.subscriber_recipients(edition)) == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "", "agree": "on"}, "email"),
        ({"email": "geen-adres", "agree": "on"}, "email"),
        ({"email": "<script>@example.net", "agree": "on"}, "email"),
        ({"email": "a" * 250 + "@example.net", "agree": "on"}, "email"),
        ({"email": ADDRESS}, "agree"),
    ],
)
def test_bad_input_subscribes_nobody(client, mailoutbox, data, field):
    response = client.post(reverse("newsletter:subscribe"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Subscriber.objects.exists() and not mailoutbox


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_the_answer_does_not_tell_whether_an_address_is_subscribed(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    SubscriberFactory(email=ADDRESS)  # confirmed already
    response = subscribe(client, mailoutbox, django_capture_on_commit_callbacks)
    fresh = subscribe(client, mailoutbox, django_capture_on_commit_callbacks, address="ander@example.net")
    assert response.status_code == fresh.status_code == 200
    assert main_of(response) == main_of(fresh)
    assert [message.to for message in mailoutbox] == [["ander@example.net"]]  # nothing to the confirmed one


def test_subscribing_is_rate_limited_per_address(client, mailoutbox, django_capture_on_commit_callbacks, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "newsletter_subscribe": "10/h/ip,2/d/key"}
    for _ in range(2):
        assert subscribe(client, mailoutbox, django_capture_on_commit_callbacks).status_code == 200
    response = subscribe(client, mailoutbox, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert len(mailoutbox) == 2


@pytest.mark.parametrize("token", ["", "x", "eyJzIjoxfQ:1abc:tampered", "a" * 300])
def test_a_tampered_confirmation_link_does_nothing(client, token):
    SubscriberFactory(confirmed_at=None)
    url = reverse("newsletter:confirm", args=[token or "-"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Subscriber.objects.filter(confirmed_at__isnull=False).exists()


def test_a_confirmation_link_signed_for_another_row_or_with_another_salt_fails(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    forged = signing.dumps({"s": subscriber.pk, "t": 0}, salt=tokens.CONFIRM_SALT)  # wrong moment
    other_salt = signing.dumps({"s": subscriber.pk, "t": int(subscriber.created_at.timestamp())}, salt="other")
    unsubscribe_token = tokens.make_unsubscribe_token(subscriber_id=subscriber.pk)
    for token in (forged, other_salt, unsubscribe_token):
        assert client.post(reverse("newsletter:confirm", args=[token])).status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_an_expired_confirmation_link_answers_410(client, monkeypatch):
    subscriber = SubscriberFactory(confirmed_at=None)
    now = signing.time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 8 * 24 * 3600)  # the link was made 8 days ago
    token = tokens.make_confirm_token(subscriber)
    monkeypatch.undo()
    response = client.post(reverse("newsletter:confirm", args=[token]))
    assert response.status_code == 410
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_confirming_removes_the_address_from_the_blocked_list(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    Suppression.objects.create(email=subscriber.email)
    client.post(reverse("newsletter:confirm", args=[tokens.make_confirm_token(subscriber)]))
    assert not Suppression.objects.exists()


def test_unconfirmed_subscribers_are_deleted_after_a_week(capsys):
    from django.core.management import call_command

    old = SubscriberFactory(confirmed_at=None)
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    fresh = SubscriberFactory(confirmed_at=None)
    confirmed = SubscriberFactory()
    Subscriber.objects.filter(pk=confirmed.pk).update(created_at=timezone.now() - datetime.timedelta(days=80))
    call_command("clear_unconfirmed_subscribers")
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}


def test_a_subscribers_address_is_never_in_a_log_line(client, mailoutbox, django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.DEBUG)
    subscribe(client, mailoutbox, django_capture_on_commit_callbacks)
    link = next(url for url in links_in(mailoutbox[0]) if "/newsletter/subscribe/" in url)
    client.post(path_of(link))
    assert ADDRESS not in caplog.text
    assert not any(ADDRESS in str(entry.data) for entry in AuditLogEntry.objects.all())


# --- one-click unsubscribe ---------------------------------------------------------------------------


@pytest.fixture
def csrf_client():
    """A client that checks CSRF tokens, as a browser's request would be checked: a mail program has none."""
    return Client(enforce_csrf_checks=True)


def test_one_click_unsubscribe_of_a_member_without_login_or_csrf(csrf_client, personas):
    choice = MemberOptInFactory(member=personas.member)
    url = reverse("newsletter:unsubscribe", args=[tokens.make_unsubscribe_token(opt_in_id=choice.pk)])

    page = csrf_client.get(url)
    assert page.status_code == 200 and "Yes, unsubscribe" in page.content.decode()
    choice.refresh_from_db()
    assert choice.withdrawn_at is None  # GET changes nothing

    response = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200 and "You are unsubscribed" in response.content.decode()
    choice.refresh_from_db()
    assert choice.withdrawn_at is not None and choice.withdrawn_how == "link"
    again = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200 and "You were already unsubscribed" in again.content.decode()
    assert csrf_client.get(url).content.decode().count("You were already unsubscribed") >= 1


def test_one_click_unsubscribe_of_a_public_subscriber_deletes_the_address(csrf_client):
    subscriber = SubscriberFactory()
    url = reverse("newsletter:unsubscribe", args=[tokens.make_unsubscribe_token(subscriber_id=subscriber.pk)])
    assert csrf_client.post(url).status_code == 200
    assert not Subscriber.objects.exists()
    assert "You were already unsubscribed" in csrf_client.post(url).content.decode()


def test_unsubscribing_stops_deliveries_still_waiting(personas, edition):
    choice = MemberOptInFactory(member=personas.member)
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING)
    Delivery.objects.create(edition=edition, email=personas.member.email, opt_in=choice)
    assert audiences.unsubscribe({"o": choice.pk}) is True
    assert not Delivery.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        "x",
        "eyJvIjoxfQ:tampered",
        signing.dumps({"o": 1}, salt="samenspel.unsubscribe.notifications"),  # another app's link
    ],
    # Not the tokens: a signed one carries the time it was made, and pytest-xdist needs the same ids in each worker.
    ids=["nonsense", "bad-signature", "other-apps-link"],
)
def test_a_tampered_unsubscribe_link_answers_400_and_changes_nothing(csrf_client, personas, token):
    choice = MemberOptInFactory(member=personas.member)
    assert csrf_client.post(reverse("newsletter:unsubscribe", args=[token])).status_code == 400
    assert csrf_client.get(reverse("newsletter:unsubscribe", args=[token])).status_code == 400
    choice.refresh_from_db()
    assert choice.withdrawn_at is None


def test_a_signed_value_that_names_nothing_changes_nothing(csrf_client, personas):
    choice = MemberOptInFactory(member=personas.member)
    for value in ({"x": choice.pk}, {"o": str(choice.pk)}, {"o": True}, [choice.pk]):
        token = signing.dumps(value, salt="samenspel.unsubscribe.newsletter", compress=True)
        response = csrf_client.post(reverse("newsletter:unsubscribe", args=[token]))
        assert response.status_code == 200 and "You were already unsubscribed" in response.content.decode()
    choice.refresh_from_db()
    assert choice.withdrawn_at is None


def test_a_link_for_one_member_does_not_unsubscribe_another(csrf_client, personas):
    mine = MemberOptInFactory(member=personas.member)
    other = MemberOptInFactory(member=personas.outsider)
    csrf_client.post(reverse("newsletter:unsubscribe", args=[tokens.make_unsubscribe_token(opt_in_id=mine.pk)]))
    other.refresh_from_db()
    assert other.withdrawn_at is None


# --- blocked addresses --------------------------------------------------------------------------------


def test_a_coordinator_blocks_and_unblocks_an_address(client_for, personas):
    client = client_for(personas.coordinator)
    data = {"email": "Stuitert@Example.net", "reason": "complaint"}
    assert_page_offers(client.get(reverse("newsletter:suppressions")), data)
    assert client.post(reverse("newsletter:suppressions"), data).status_code == 302
    row = Suppression.objects.get()
    assert (row.email, row.reason) == ("stuitert@example.net", "complaint")
    assert client.post(reverse("newsletter:suppression_remove", args=[row.pk])).status_code == 302
    assert not Suppression.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"email": "", "reason": "bounce"}, {"email": "nee", "reason": "bounce"}, {"email": "a@b.nl", "reason": "x"}],
)
def test_bad_input_blocks_nothing(client_for, personas, data):
    assert client_for(personas.coordinator).post(reverse("newsletter:suppressions"), data).status_code == 400
    assert not Suppression.objects.exists()
