"""A participant sees their own breakout group and its question: on the meeting page and in the reminder."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from samenspel.meetings.models import Visibility
from tests.factories.meetings import MeetingFactory

from .helpers_afterwards import add_group, new_member, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("afterwards_settings")]


def detail(client, meeting) -> str:
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_participant_sees_their_group_and_its_question(personas, client_for, circle_meeting):
    group = add_group(circle_meeting, "Groep Oost", question="Wat helpt <jou> echt?")
    other = add_group(circle_meeting, "Groep West", question="Een andere vraag")
    register(circle_meeting, personas.member, group=group)
    html = detail(client_for(personas.member), circle_meeting)
    assert "Your group: Groep Oost" in html
    assert "Wat helpt &lt;jou&gt; echt?" in html
    assert other.question not in html
    assert "You take the notes for this group." not in html


def test_the_note_taker_reads_that_they_take_notes(personas, client_for, circle_meeting):
    register(circle_meeting, personas.member)
    group = add_group(circle_meeting, "Groep Oost", note_taker=personas.member)
    personas.member.registrations.update(group=group)
    assert "You take the notes for this group." in detail(client_for(personas.member), circle_meeting)


def test_others_do_not_see_someone_elses_group(personas, client_for, circle_meeting):
    group = add_group(circle_meeting, "Groep Oost", question="Geheime vraag")
    register(circle_meeting, new_member(), group=group)
    register(circle_meeting, personas.kartrekker)  # registered, no group yet
    for persona in [personas.member, personas.kartrekker, personas.coordinator]:
        assert "Geheime vraag" not in detail(client_for(persona), circle_meeting)
    assert (
        "Geheime vraag"
        not in client_for(None).get(reverse("meetings:detail", args=[circle_meeting.pk])).content.decode()
    )
    hidden = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    register(hidden, new_member(), group=add_group(hidden, "Groep Zuid"))
    assert client_for(personas.outsider).get(reverse("meetings:detail", args=[hidden.pk])).status_code == 404


def test_the_group_shows_in_dutch(personas, client_for, circle_meeting):
    personas.member.preferred_language = "nl"
    personas.member.save(update_fields=["preferred_language"])
    group = add_group(circle_meeting, "Groep Oost")
    register(circle_meeting, personas.member, group=group)
    client = client_for(personas.member)
    response = client.get(reverse("meetings:detail", args=[circle_meeting.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert "Jouw groep: Groep Oost" in html or "Your group: Groep Oost" in html  # the site's language negotiation
    client.cookies["django_language"] = "nl"
    assert "Jouw groep: Groep Oost" in client.get(reverse("meetings:detail", args=[circle_meeting.pk])).content.decode()


def test_the_reminder_names_the_group_and_its_question(
    personas, circle_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    now = circle_meeting.starts_at - datetime.timedelta(days=1)
    group = add_group(circle_meeting, "Groep Oost", question="Hoe blijft ervaringskennis zichtbaar?")
    register(circle_meeting, personas.member, group=group)
    group.note_taker = personas.member
    group.save()
    without_group = new_member(preferred_language="nl")
    register(circle_meeting, without_group)
    with time_machine.travel(now, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders")
    by_person = {m.to[0]: m for m in mailoutbox}
    email = by_person[personas.member.email]
    assert "Groep Oost" in email.body and "Hoe blijft ervaringskennis zichtbaar?" in email.body
    assert "Jij maakt de aantekeningen voor deze groep." in email.body  # Mila reads Dutch
    assert "Hoe blijft ervaringskennis zichtbaar?" in email.alternatives[0][0]
    assert "Jouw groep" not in by_person[without_group.email].body
    assert "Groep Oost" not in by_person[without_group.email].body


def test_the_reminder_in_dutch(personas, mailoutbox, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(circle=personas.circle)
    member = new_member(preferred_language="nl")
    register(meeting, member, group=add_group(meeting, "Groep Oost"))
    with (
        time_machine.travel(meeting.starts_at - datetime.timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_meeting_reminders")
    assert "Jouw groep: Groep Oost" in mailoutbox[0].body
