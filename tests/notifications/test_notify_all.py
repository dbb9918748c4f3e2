"""`notify_all`: many people told in one INSERT ... SELECT, with the same rules as `notify`."""

import pytest
from django.contrib.auth import get_user_model

from samenspel.notifications import services
from samenspel.notifications.models import EmailState, Frequency, Kind, Notification, NotificationSetting
from tests.factories.members import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ARGUMENTS = {"message": "circle_update.published", "link": "/circles/onderzoek/updates/"}


def tell_all(members, kind=Kind.CIRCLE_UPDATE, **kwargs) -> int:
    arguments = {**ARGUMENTS, "params": {"circle": "Kring Onderzoek", "title": "Stand"}, **kwargs}
    people = get_user_model().objects.filter(pk__in=[member.pk for member in members])
    return services.notify_all(recipients=people, kind=kind, **arguments)


def choose(member, frequency, kind=Kind.CIRCLE_UPDATE):
    NotificationSetting.objects.create(member=member, kind=kind, frequency=frequency)


def test_each_persons_choice_decides_the_email(mailoutbox, django_capture_on_commit_callbacks):
    at_once, daily, never, default = MemberFactory.create_batch(4, preferred_language="en")
    choose(at_once, Frequency.IMMEDIATE)
    choose(daily, Frequency.DAILY)
    choose(never, Frequency.NEVER)
    choose(default, Frequency.IMMEDIATE, kind=Kind.MEETING)  # another kind's choice does not count
    with django_capture_on_commit_callbacks(execute=True):
        told = tell_all([at_once, daily, never, default])

    assert told == 4
    states = {row.recipient_id: (row.email_state, row.emailed_at is not None) for row in Notification.objects.all()}
    assert states == {
        at_once.pk: (EmailState.SENT, True),
        daily.pk: (EmailState.PENDING, False),
        never.pk: (EmailState.NONE, False),
        default.pk: (EmailState.PENDING, False),  # circle updates: a weekly summary by default
    }
    (message,) = mailoutbox
    assert message.to == [at_once.email]
    assert "Stand" in message.subject or "Stand" in message.body


def test_a_kind_at_once_by_default_emails_everyone_in_their_language(mailoutbox, django_capture_on_commit_callbacks):
    english, dutch = MemberFactory(preferred_language="en"), MemberFactory(preferred_language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        tell_all(
            [english, dutch],
            kind=Kind.JOIN_REQUEST,
            message="join_request.created",
            params={"circle": "Kring Onderzoek"},
            link="/circles/onderzoek/requests/",
        )
    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects == {
        english.email: "Someone asks to join Kring Onderzoek",
        dutch.email: "Iemand wil lid worden van Kring Onderzoek",
    }


def test_the_same_rows_as_notify():
    members = MemberFactory.create_batch(3)
    choose(members[0], Frequency.IMMEDIATE)
    services.notify(recipients=members, kind=Kind.CIRCLE_UPDATE, params={"circle": "A", "title": "B"}, **ARGUMENTS)
    tell_all(members, params={"circle": "A", "title": "B"})

    def rows(pks):
        return sorted(
            (row.recipient_id, row.kind, row.message, row.params, row.link, row.email_state, row.read_at)
            for row in Notification.objects.filter(pk__in=pks)
        )

    first, second = (
        list(Notification.objects.order_by("pk").values_list("pk", flat=True))[:3],
        list(Notification.objects.order_by("pk").values_list("pk", flat=True))[3:],
    )
    assert rows(first) == rows(second)
    assert len(first) == len(second) == 3


def test_inactive_accounts_are_left_out_and_each_person_is_told_once():
    active, inactive = MemberFactory(), MemberFactory(is_active=False)
    assert tell_all([active, active, inactive]) == 1
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [active.pk]


def test_no_one_to_tell_stores_nothing():
    assert tell_all([]) == 0
    assert not Notification.objects.exists()


def test_html_in_a_parameter_is_stored_as_text_and_shown_escaped(client):
    member = MemberFactory()
    tell_all([member], params={"circle": "<script>alert(1)</script>", "title": "<b>x</b>"})
    (row,) = Notification.objects.all()
    assert row.params == {"circle": "<script>alert(1)</script>", "title": "<b>x</b>"}
    client.force_login(member)
    page = client.get("/notifications/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "nonsense"},
        {"message": "no.such.key"},
        {"params": {}},
        {"params": {"circle": ["a", "list"], "title": "x"}},
        {"link": "https://elsewhere.example/"},
        {"link": "/circles/?token=secret"},
        {"link": "/" + "a" * 300},
    ],
)
def test_bad_input_is_refused_before_anything_is_stored(bad):
    with pytest.raises(services.NotificationError):
        tell_all([MemberFactory()], **bad)
    assert not Notification.objects.exists()
