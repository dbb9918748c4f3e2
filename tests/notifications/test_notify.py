"""notify(): one row per recipient, emailed at once or kept for a summary as each person chose."""

import email
import email.policy

import pytest
from django.conf import settings
from django.utils import translation

from samenspel.notifications import services
from samenspel.notifications.messages import text
from samenspel.notifications.models import EmailState, Frequency, Kind, Notification, NotificationSetting
from tests.factories.members import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def tell(recipients, **kwargs):
    arguments = {
        "kind": Kind.JOIN_REQUEST,
        "message": "join_request.created",
        "params": {"circle": "Kring Onderzoek"},
        "link": "/circles/onderzoek/requests/",
        **kwargs,
    }
    return services.notify(recipients=recipients, **arguments)


def test_a_kind_that_is_at_once_by_default_is_emailed_once_with_a_one_click_unsubscribe(
    mailoutbox, django_capture_on_commit_callbacks
):
    lead = MemberFactory(name="Karim", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = tell([lead])

    row.refresh_from_db()
    assert row.email_state == EmailState.SENT and row.emailed_at is not None
    (message,) = mailoutbox
    assert message.to == [lead.email]
    assert message.subject == "Someone asks to join Kring Onderzoek"
    assert f"{settings.SITE_URL}/circles/onderzoek/requests/" in message.body
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    # A long header is folded after its name (RFC 5322); the value is the URL in angle brackets.
    unsubscribe = parsed["List-Unsubscribe"].strip()
    assert (
        unsubscribe.startswith("<http") and unsubscribe.endswith(">") and "/notifications/unsubscribe/" in unsubscribe
    )
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_email_is_in_the_recipients_language(mailoutbox, django_capture_on_commit_callbacks):
    lead = MemberFactory(preferred_language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        tell([lead])
    (message,) = mailoutbox
    assert message.subject == "Iemand wil lid worden van Kring Onderzoek"
    assert "Afmelden" in message.body


def test_a_summary_kind_waits_and_sends_no_email(mailoutbox, django_capture_on_commit_callbacks):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = tell(
            [member],
            kind=Kind.CIRCLE_UPDATE,
            message="circle_update.published",
            params={"circle": "Kring Onderzoek", "title": "Stand van zaken"},
            link="/circles/onderzoek/",
        )
    assert mailoutbox == []
    assert Notification.objects.get(pk=row.pk).email_state == EmailState.PENDING


def test_never_keeps_the_message_in_the_app_without_email(mailoutbox, django_capture_on_commit_callbacks):
    lead = MemberFactory()
    NotificationSetting.objects.create(member=lead, kind=Kind.JOIN_REQUEST, frequency=Frequency.NEVER)
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = tell([lead])
    assert mailoutbox == []
    assert Notification.objects.get(pk=row.pk).email_state == EmailState.NONE


def test_each_recipient_once_and_inactive_accounts_left_out():
    lead = MemberFactory()
    gone = MemberFactory(is_active=False)
    rows = tell([lead, lead, gone, None])
    assert [row.recipient for row in rows] == [lead]


def test_the_text_is_stored_as_a_key_and_shown_in_the_readers_language():
    (row,) = tell([MemberFactory()])
    row.refresh_from_db()
    assert row.message == "join_request.created" and row.params == {"circle": "Kring Onderzoek"}
    with translation.override("nl"):
        assert (
            text(kind=row.kind, message=row.message, params=row.params) == "Iemand wil lid worden van Kring Onderzoek"
        )
    with translation.override("en"):
        assert text(kind=row.kind, message=row.message, params=row.params) == "Someone asks to join Kring Onderzoek"


def test_a_date_parameter_is_shown_as_a_date_in_the_readers_language():
    params = {"round": "Werkkader 2", "closes_at": "2027-03-01T17:00:00+00:00"}
    with translation.override("nl"):
        assert text(kind=Kind.ROUND_CLOSING, message="round.closing", params=params) == (
            "De raadpleging Werkkader 2 sluit op 1 maart 2027, 18:00"
        )
    with translation.override("en"):
        assert "1 March 2027, 18:00" in text(kind=Kind.ROUND_CLOSING, message="round.closing", params=params)


def test_an_old_row_with_an_unknown_key_or_missing_parameter_falls_back_to_the_kind():
    assert text(kind=Kind.REPORT, message="gone.key", params={}) == str(Kind.REPORT.label)
    assert text(kind=Kind.REPORT, message="report.published", params={}) == str(Kind.REPORT.label)


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "nonsense"},
        {"message": "no.such.key"},
        {"params": {}},  # the text needs %(circle)s
        {"params": {"circle": ["a", "list"]}},
        {"link": "https://elsewhere.example/"},
        {"link": "//elsewhere.example/"},
        {"link": "/circles/?token=secret"},
        {"link": "circles/"},
        {"link": "/" + "a" * 300},
    ],
)
def test_bad_input_is_refused_before_anything_is_stored(bad):
    with pytest.raises(services.NotificationError):
        tell([MemberFactory()], **bad)
    assert not Notification.objects.exists()


def test_html_in_a_parameter_is_shown_as_text_on_the_page(client):
    member = MemberFactory()
    tell([member], params={"circle": "<script>alert(1)</script>"})
    client.force_login(member)
    page = client.get("/notifications/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
