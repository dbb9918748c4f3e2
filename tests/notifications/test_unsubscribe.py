"""The one-click unsubscribe of notification emails: signed, no login, per kind."""

import pytest
from django.test import Client
from django.urls import reverse

from samenspel.notifications.emails import unsubscribe_token
from samenspel.notifications.models import EmailState, Frequency, Kind, NotificationSetting
from tests.factories.members import MemberFactory
from tests.factories.notifications import NotificationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def link(member, kinds=(Kind.CIRCLE_UPDATE,)) -> str:
    return reverse("notifications:unsubscribe", args=[unsubscribe_token(member_id=member.pk, kinds=list(kinds))])


def frequency(member, kind):
    return NotificationSetting.objects.filter(member=member, kind=kind).values_list("frequency", flat=True).first()


def test_opening_the_link_shows_a_button_and_changes_nothing(client):
    person = MemberFactory()
    response = client.get(link(person))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Yes, unsubscribe" in html and "emails about “New update in my circle”" in html
    assert frequency(person, Kind.CIRCLE_UPDATE) is None


def test_the_one_click_post_unsubscribes_without_login_and_stops_waiting_emails():
    person = MemberFactory()
    waiting = NotificationFactory(recipient=person)
    response = Client(enforce_csrf_checks=True).post(link(person), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert b"You are unsubscribed" in response.content
    assert frequency(person, Kind.CIRCLE_UPDATE) == Frequency.NEVER
    waiting.refresh_from_db()
    assert waiting.email_state == EmailState.NONE


def test_it_stops_only_the_kinds_of_the_link(client):
    person = MemberFactory()
    client.post(link(person, [Kind.MEETING]))
    assert dict(NotificationSetting.objects.filter(member=person).values_list("kind", "frequency")) == {
        "meeting": "never"
    }


def test_a_reused_link_is_harmless(client):
    person = MemberFactory()
    client.post(link(person))
    again = client.post(link(person))
    assert again.status_code == 200 and b"You were already unsubscribed" in again.content
    assert b"You were already unsubscribed" in client.get(link(person)).content
    assert NotificationSetting.objects.filter(member=person).count() == 1


def test_a_tampered_link_changes_nothing_and_says_so(client):
    person = MemberFactory()
    other = MemberFactory()
    token = unsubscribe_token(member_id=person.pk, kinds=["circle_update"])
    _value, timestamp, signature = token.split(":")
    forged = unsubscribe_token(member_id=other.pk, kinds=["circle_update"]).split(":")[0]
    for bad in (f"{forged}:{timestamp}:{signature}", token[:-3], "x", token + "x"):
        response = client.post(reverse("notifications:unsubscribe", args=[bad]))
        assert response.status_code == 400, bad
        assert b"This unsubscribe link does not work" in response.content
    assert not NotificationSetting.objects.exists()


def test_a_link_of_another_scope_does_not_work(client):
    from samenspel.core.unsubscribe import make_token

    person = MemberFactory()
    token = make_token(scope="newsletter", value={"m": person.pk, "k": ["circle_update"]})
    assert client.post(reverse("notifications:unsubscribe", args=[token])).status_code == 400


def test_the_link_of_a_deleted_account_is_harmless(client):
    person = MemberFactory()
    url = link(person)
    person.delete()
    response = client.post(url)
    assert response.status_code == 200 and b"You were already unsubscribed" in response.content


def test_a_logged_in_other_member_unsubscribes_the_links_owner_not_themselves(client):
    person, other = MemberFactory(), MemberFactory()
    client.force_login(other)
    client.post(link(person))
    assert frequency(person, Kind.CIRCLE_UPDATE) == Frequency.NEVER
    assert frequency(other, Kind.CIRCLE_UPDATE) is None


def test_the_link_holds_no_email_address():
    person = MemberFactory(email="fatima.el.amrani@example.org")
    import base64
    import zlib

    token = unsubscribe_token(member_id=person.pk, kinds=["circle_update"])
    payload = token.split(":")[0]
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "==")
    if payload.startswith("."):
        raw = zlib.decompress(raw)
    assert b"fatima" not in raw and b"@" not in raw
