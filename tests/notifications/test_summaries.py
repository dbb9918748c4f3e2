"""Daily and weekly summaries: one email per person, everything waiting, each notification once."""

import email
import email.policy
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from samenspel.notifications.models import EmailState, Frequency, Kind, Notification, NotificationSetting
from samenspel.notifications.services import send_summaries
from tests.factories.members import MemberFactory
from tests.factories.notifications import NotificationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def meeting_row(recipient, title="Netwerkbijeenkomst"):
    return NotificationFactory(
        recipient=recipient,
        kind=Kind.MEETING,
        message="meeting.planned",
        params={"meeting": title, "starts_at": "2027-12-14T18:00:00+00:00"},
        link="/meetings/1/",
    )


def run(period, capture):
    with capture(execute=True):
        return send_summaries(period=period)


def test_the_daily_summary_gathers_each_persons_waiting_messages_in_one_email(
    mailoutbox, django_capture_on_commit_callbacks
):
    fatima = MemberFactory(preferred_language="en")
    jan = MemberFactory(preferred_language="nl")
    meeting_row(fatima, "Netwerkbijeenkomst")
    meeting_row(fatima, "Kringbijeenkomst")
    meeting_row(jan)
    NotificationFactory(recipient=fatima)  # a circle update: weekly by default, not in the daily one

    assert run("daily", django_capture_on_commit_callbacks) == (2, 3)

    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {fatima.email, jan.email}
    to_fatima = by_address[fatima.email]
    assert to_fatima.subject == "Your messages of today: 2 new"
    assert "New meeting: Netwerkbijeenkomst on 14 December 2027, 19:00" in to_fatima.body
    assert "New meeting: Kringbijeenkomst" in to_fatima.body
    assert "Stand van zaken" not in to_fatima.body
    assert by_address[jan.email].subject == "Je berichten van vandaag: 1 nieuw"
    assert Notification.objects.filter(email_state=EmailState.PENDING).count() == 1  # the weekly one


def test_running_it_twice_emails_nothing_twice(mailoutbox, django_capture_on_commit_callbacks):
    meeting_row(MemberFactory())
    run("daily", django_capture_on_commit_callbacks)
    assert run("daily", django_capture_on_commit_callbacks) == (0, 0)
    assert len(mailoutbox) == 1


def test_a_message_made_after_the_summary_goes_in_the_next_one(mailoutbox, django_capture_on_commit_callbacks):
    person = MemberFactory()
    meeting_row(person, "Eerste")
    run("daily", django_capture_on_commit_callbacks)
    meeting_row(person, "Tweede")
    run("daily", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert "Eerste" in mailoutbox[0].body and "Tweede" not in mailoutbox[0].body
    assert "Tweede" in mailoutbox[1].body and "Eerste" not in mailoutbox[1].body


def test_the_weekly_summary_takes_the_weekly_kinds(mailoutbox, django_capture_on_commit_callbacks):
    person = MemberFactory(preferred_language="en")
    update = NotificationFactory(recipient=person)
    meeting = meeting_row(person)
    assert run("weekly", django_capture_on_commit_callbacks) == (1, 1)
    update.refresh_from_db(), meeting.refresh_from_db()
    assert update.email_state == EmailState.SENT and meeting.email_state == EmailState.PENDING
    assert mailoutbox[0].subject == "Your messages of this week: 1 new"


def test_the_summary_follows_the_choice_at_the_time_it_is_sent(mailoutbox, django_capture_on_commit_callbacks):
    person = MemberFactory()
    NotificationFactory(recipient=person)  # waiting for the weekly summary
    NotificationSetting.objects.create(member=person, kind=Kind.CIRCLE_UPDATE, frequency=Frequency.DAILY)
    assert run("daily", django_capture_on_commit_callbacks) == (1, 1)


def test_a_message_left_waiting_when_the_person_chose_at_once_goes_in_the_daily_one(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = MemberFactory()
    NotificationFactory(recipient=person)
    NotificationSetting.objects.create(member=person, kind=Kind.CIRCLE_UPDATE, frequency=Frequency.IMMEDIATE)
    assert run("daily", django_capture_on_commit_callbacks) == (1, 1)


def test_an_inactive_account_gets_no_summary(mailoutbox, django_capture_on_commit_callbacks):
    row = meeting_row(MemberFactory(is_active=False))
    assert run("daily", django_capture_on_commit_callbacks) == (0, 0)
    row.refresh_from_db()
    assert row.email_state == EmailState.NONE and mailoutbox == []


def test_each_kind_in_a_summary_has_its_own_unsubscribe_link_and_the_header_stops_them_all(
    mailoutbox, django_capture_on_commit_callbacks, client
):
    person = MemberFactory(preferred_language="en")
    meeting_row(person)
    NotificationFactory(
        recipient=person, kind=Kind.REPORT, message="report.published", params={"meeting": "Samenspel"}, link="/m/"
    )
    run("daily", django_capture_on_commit_callbacks)
    (message,) = mailoutbox

    per_kind = re.findall(r"No more emails about this: (\S+)", message.body)
    assert len(per_kind) == 2
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    header = parsed["List-Unsubscribe"].strip().removeprefix("<").removesuffix(">")
    assert header not in per_kind
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    client.post(urlsplit(per_kind[0]).path)
    assert dict(NotificationSetting.objects.filter(member=person).values_list("kind", "frequency")) == {
        "meeting": "never"
    }
    client.post(urlsplit(header).path)
    assert dict(NotificationSetting.objects.filter(member=person).values_list("kind", "frequency")) == {
        "meeting": "never",
        "report": "never",
    }


def test_the_command_takes_the_period(mailoutbox, django_capture_on_commit_callbacks, capsys):
    meeting_row(MemberFactory())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notification_summaries", "daily")
    assert "1 summary email(s) with 1 notification(s) queued." in capsys.readouterr().out
    with pytest.raises(CommandError):  # argparse refuses another period
        call_command("send_notification_summaries", "hourly")


def test_a_summary_of_many_people_sends_one_email_each(mailoutbox, django_capture_on_commit_callbacks):
    people = MemberFactory.create_batch(30)
    for person in people:
        meeting_row(person)
        meeting_row(person)
    assert run("daily", django_capture_on_commit_callbacks) == (30, 60)
    assert sorted(message.to[0] for message in mailoutbox) == sorted(person.email for person in people)


def test_links_in_the_email_point_at_this_site(mailoutbox, django_capture_on_commit_callbacks, settings):
    meeting_row(MemberFactory())
    run("daily", django_capture_on_commit_callbacks)
    body = mailoutbox[0].body
    assert f"{settings.SITE_URL}/meetings/1/" in body
    assert f"{settings.SITE_URL}{reverse('notifications:settings')}" in body
