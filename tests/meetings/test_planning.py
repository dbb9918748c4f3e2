"""Planning meetings: who may plan and change them, bad input, status changes, emails to registrants."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.core.models import AuditLogEntry
from samenspel.meetings.models import Meeting, Registration, Visibility
from samenspel.meetings.services import planning
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def future(days=10, hour=19):
    local = timezone.localtime(timezone.now() + datetime.timedelta(days=days))
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def form_data(**overrides):
    start = future()
    data = {
        "title": "Samenspel in de stad",
        "description": "We praten over ervaringskennis.",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "online_url": "https://meet.example.org/samenspel",
        "location": "",
        "capacity": "35",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "visibility": "members",
    }
    data.update(overrides)
    return data


# --- who may plan ---------------------------------------------------------------------------


def test_visitor_is_sent_to_login_for_the_create_page(client):
    response = client.get(reverse("meetings:create"))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("persona", ["pending", "member", "outsider", "orgrep", "municipality"])
def test_non_organisers_may_not_plan(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(reverse("meetings:create")).status_code == 403
    assert client.post(reverse("meetings:create"), form_data()).status_code == 403
    assert client.get(reverse("meetings:series_create")).status_code == 403
    assert not Meeting.objects.exists()


def test_coordinator_plans_a_network_meeting_as_draft(personas, client_for):
    response = client_for(personas.coordinator).post(reverse("meetings:create"), form_data(circle=""))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.circle is None
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.capacity == 35
    assert timezone.localtime(meeting.starts_at).hour == 19  # entered as Amsterdam time
    assert AuditLogEntry.objects.filter(action="meeting.created", target_id=str(meeting.pk)).exists()


def test_kartrekker_plans_a_meeting_of_their_circle(personas, client_for):
    data = form_data(circle=personas.circle.pk, visibility="circle")
    response = client_for(personas.kartrekker).post(reverse("meetings:create"), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.circle == personas.circle
    assert meeting.visibility == Visibility.CIRCLE


def test_kartrekker_may_not_plan_a_network_meeting(personas, client_for):
    response = client_for(personas.kartrekker).post(reverse("meetings:create"), form_data(circle=""))
    assert response.status_code == 200
    assert "Choose a circle." in response.content.decode()
    assert not Meeting.objects.exists()


def test_kartrekker_may_not_plan_for_a_foreign_circle(personas, client_for):
    other = CircleFactory()
    for circle_id in (other.pk, 999999, "abc"):
        response = client_for(personas.kartrekker).post(reverse("meetings:create"), form_data(circle=circle_id))
        assert response.status_code == 200
        assert "Choose one of the circles in the list." in response.content.decode()
    assert not Meeting.objects.exists()


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Fill in a title."),
        ({"title": "x" * 151}, "This is too long."),
        ({"starts_at": "yesterday"}, "Fill in a date and time, like 2025-02-08 19:00."),
        ({"ends_at": future(hour=18).strftime("%Y-%m-%dT%H:%M")}, "The end must be after the start."),
        ({"ends_at": future(hour=19).strftime("%Y-%m-%dT%H:%M")}, "The end must be after the start."),
        ({"capacity": "0"}, "The number of places must be 1 or more."),
        ({"capacity": "-5"}, "The number of places must be 1 or more."),
        ({"capacity": "twenty"}, "Fill in a whole number, like 20."),
        ({"capacity": ""}, "Fill in the number of places."),
        ({"online_url": "javascript:alert(1)"}, "Fill in a web link that starts with https:// or http://."),
        ({"online_url": "ftp://files.example.org/x"}, "Fill in a web link that starts with https:// or http://."),
        ({"online_url": "", "location": "  "}, "Fill in an online link or a location (or both)."),
        ({"visibility": "everyone"}, "Choose one of the options."),
        ({"visibility": "circle"}, "Only a circle meeting can be for the members of a circle."),
        (
            {"registration_closes_at": future(hour=22).strftime("%Y-%m-%dT%H:%M")},
            "Registration must close before the meeting ends.",
        ),
        (
            {
                "registration_opens_at": future(days=5).strftime("%Y-%m-%dT%H:%M"),
                "registration_closes_at": future(days=4).strftime("%Y-%m-%dT%H:%M"),
            },
            "Registration must open before it closes.",
        ),
    ],
)
def test_bad_input_gives_a_clear_message_and_saves_nothing(personas, client_for, overrides, message):
    response = client_for(personas.coordinator).post(reverse("meetings:create"), form_data(circle="", **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_empty_form_shows_errors(personas, client_for):
    response = client_for(personas.coordinator).post(reverse("meetings:create"), {})
    assert response.status_code == 200
    assert "Fill in a title." in response.content.decode()
    assert not Meeting.objects.exists()


def test_link_without_scheme_becomes_https(personas, client_for):
    client_for(personas.coordinator).post(reverse("meetings:create"), form_data(online_url="meet.example.org/x"))
    assert Meeting.objects.get().online_url == "https://meet.example.org/x"


def test_html_in_title_and_description_is_shown_escaped(personas, client_for):
    client = client_for(personas.coordinator)
    client.post(
        reverse("meetings:create"),
        form_data(title="<b>Bold</b>", description="<script>alert(1)</script>\nline two"),
    )
    meeting = Meeting.objects.get()
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>line two" in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page


def test_service_refuses_what_the_form_refuses(personas):
    start = future()
    base = {
        "actor": personas.coordinator,
        "title": "X",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=1),
        "location": "Hier",
        "capacity": 10,
    }
    for bad in (
        {"ends_at": start},
        {"capacity": 0},
        {"online_url": "javascript:alert(1)"},
        {"location": ""},
        {"visibility": Visibility.CIRCLE},
    ):
        with pytest.raises(planning.PlanningError):
            planning.create_meeting(**{**base, **bad})
    assert not Meeting.objects.exists()


# --- seeing and changing --------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["visitor", "pending", "member", "outsider", "orgrep", "municipality"])
def test_drafts_are_hidden_from_everyone_but_organisers(personas, client_for, persona):
    meeting = MeetingFactory(circle=personas.circle, status=Meeting.Status.DRAFT, visibility=Visibility.PUBLIC)
    client = client_for(getattr(personas, persona))
    # a visitor is sent to log in first (an organiser may follow the link); everyone else: 404
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == (
        302 if persona == "visitor" else 404
    )


@pytest.mark.parametrize("persona", ["kartrekker", "coordinator"])
def test_organisers_see_drafts_with_their_actions(personas, client_for, persona):
    meeting = MeetingFactory(circle=personas.circle, status=Meeting.Status.DRAFT)
    response = client_for(getattr(personas, persona)).get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("meetings:edit", args=[meeting.pk]) in page
    assert reverse("meetings:publish", args=[meeting.pk]) in page


def test_detail_page_shows_when_where_and_places(personas, client_for):
    meeting = MeetingFactory(
        circle=personas.circle,
        starts_at=datetime.datetime(2031, 2, 11, 18, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 2, 11, 20, 0, tzinfo=datetime.UTC),
        capacity=3,
        location="Buurthuis Noord",
        online_url="https://meet.example.org/secret",
    )
    RegistrationFactory(meeting=meeting)
    response = client_for(personas.member).get(reverse("meetings:detail", args=[meeting.pk]))
    page = response.content.decode()
    assert "Tuesday 11 February 2031, 19:00" in page  # shown in Amsterdam time
    assert "Buurthuis Noord" in page
    assert "2 left" in page
    assert "meet.example.org/secret" not in page  # the link is for confirmed participants only
    assert response.context["registration"] is None
    assert response.context["can_organise"] is False
    assert reverse("meetings:edit", args=[meeting.pk]) not in page


def test_detail_page_gives_the_viewers_own_registration(personas, client_for):
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting, member=personas.member)
    RegistrationFactory(meeting=meeting, member=personas.member, status=Registration.Status.CANCELLED)
    response = client_for(personas.member).get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.context["registration"] == registration


def test_cancelled_meeting_is_clearly_shown(personas, client_for):
    meeting = MeetingFactory(status=Meeting.Status.CANCELLED)
    page = client_for(personas.member).get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "This meeting is cancelled." in page


def test_unknown_meeting_is_404(personas, client_for):
    assert client_for(personas.coordinator).get(reverse("meetings:detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("persona", ["member", "outsider", "orgrep", "municipality"])
def test_non_organisers_may_not_change_a_meeting_they_see(personas, client_for, persona):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.MEMBERS)
    client = client_for(getattr(personas, persona))
    for name in ("edit", "cancel"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 403
    for name in ("edit", "publish", "cancel", "mark_held"):
        assert client.post(reverse(f"meetings:{name}", args=[meeting.pk]), {"reason": "x"}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED and meeting.sequence == 0


def test_visitor_is_sent_to_login_for_changes(personas, client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    for name in ("edit", "publish", "cancel", "mark_held"):
        response = client.post(reverse(f"meetings:{name}", args=[meeting.pk]))
        assert response.status_code == 302 and "login" in response["Location"]


def test_kartrekker_of_another_circle_gets_404_or_403(personas, client_for):
    other = CircleFactory()
    hidden = MeetingFactory(circle=other, visibility=Visibility.CIRCLE)
    seen = MeetingFactory(circle=other, visibility=Visibility.MEMBERS)
    client = client_for(personas.kartrekker)
    assert client.get(reverse("meetings:edit", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("meetings:edit", args=[seen.pk])).status_code == 403


def test_kartrekker_edits_their_circle_meeting_and_sequence_rises(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle)
    client = client_for(personas.kartrekker)
    page = client.get(reverse("meetings:edit", args=[meeting.pk]))
    assert page.status_code == 200
    start = timezone.localtime(meeting.starts_at)
    data = form_data(
        title="Nieuwe titel",
        starts_at=start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        location=meeting.location,
        online_url="",
        capacity="20",
    )
    response = client.post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Nieuwe titel"
    assert meeting.sequence == 1


def test_circle_visibility_is_refused_when_editing_a_network_meeting(personas, client_for):
    meeting = MeetingFactory()
    response = client_for(personas.coordinator).post(
        reverse("meetings:edit", args=[meeting.pk]), form_data(visibility="circle")
    )
    assert response.status_code == 200
    assert "Choose one of the options." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.visibility == Visibility.MEMBERS and meeting.sequence == 0


def test_every_change_raises_the_sequence(personas):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    meeting = planning.update_meeting(actor=personas.coordinator, meeting=meeting, title="A")
    assert meeting.sequence == 1
    meeting = planning.publish_meeting(actor=personas.coordinator, meeting=meeting)
    assert meeting.sequence == 2
    meeting = planning.update_meeting(actor=personas.coordinator, meeting=meeting, capacity=50)
    assert meeting.sequence == 3
    meeting = planning.update_meeting(actor=personas.coordinator, meeting=meeting, capacity=50)  # no change
    assert meeting.sequence == 3
    meeting = planning.cancel_meeting(actor=personas.coordinator, meeting=meeting, reason="Ziek")
    meeting.refresh_from_db()
    assert meeting.sequence == 4
    assert meeting.status == Meeting.Status.CANCELLED


# --- status actions -------------------------------------------------------------------------


def test_publish_and_publish_again(personas, client_for):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT, circle=personas.circle)
    client = client_for(personas.kartrekker)
    client.post(reverse("meetings:publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    response = client.post(reverse("meetings:publish", args=[meeting.pk]), follow=True)
    assert "Only a draft can be published." in response.content.decode()


def test_status_actions_need_post(personas, client_for):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    client = client_for(personas.coordinator)
    assert client.get(reverse("meetings:publish", args=[meeting.pk])).status_code == 405
    assert client.get(reverse("meetings:mark_held", args=[meeting.pk])).status_code == 405


def test_mark_held_only_after_the_start(personas, client_for):
    meeting = MeetingFactory()
    client = client_for(personas.coordinator)
    response = client.post(reverse("meetings:mark_held", args=[meeting.pk]), follow=True)
    assert "once it has started" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    meeting.starts_at = timezone.now() - datetime.timedelta(hours=1)
    meeting.save()
    client.post(reverse("meetings:mark_held", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert client.get(reverse("meetings:edit", args=[meeting.pk])).status_code == 302  # held: no more changes


def test_cancel_needs_a_short_reason(personas, client_for):
    meeting = MeetingFactory()
    client = client_for(personas.coordinator)
    assert client.get(reverse("meetings:cancel", args=[meeting.pk])).status_code == 200
    for reason, message in (("", "Write a short reason."), ("x" * 501, "This is too long.")):
        response = client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": reason})
        assert response.status_code == 200 and message in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


# --- emails to registrants ------------------------------------------------------------------


@pytest.fixture
def registrants(personas):
    meeting = MeetingFactory(online_url="https://meet.example.org/room", location="")
    confirmed = RegistrationFactory(meeting=meeting, member=personas.member)
    waitlisted = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITLISTED)
    visitor = RegistrationFactory(
        meeting=meeting, member=None, name="Vera Visitor", email="vera@example.org", language="en"
    )
    RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED)
    RegistrationFactory(meeting=meeting, member=None, name="U", email="u@example.org", status="unconfirmed")
    return meeting, {confirmed.contact_email, waitlisted.contact_email, visitor.contact_email}


def test_changing_the_time_emails_confirmed_and_waitlisted_with_the_ics(
    personas, client_for, registrants, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, expected = registrants
    new_start = timezone.localtime(meeting.starts_at) + datetime.timedelta(days=1)
    data = form_data(
        title=meeting.title,
        description=meeting.description,
        starts_at=new_start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(new_start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        online_url=meeting.online_url,
        capacity=str(meeting.capacity),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.coordinator).post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    assert {m.to[0] for m in mailoutbox} == expected
    by_address = {m.to[0]: m for m in mailoutbox}
    mail = by_address["vera@example.org"]
    assert "Changed" in mail.subject
    filename, content, mimetype = mail.attachments[0]
    assert filename == "meeting.ics" and mimetype.startswith("text/calendar")
    assert "SEQUENCE:1" in content
    assert "https://meet.example.org/room" in by_address[personas.member.email].body  # confirmed: link
    waitlisted = next(m for a, m in by_address.items() if a not in ("vera@example.org", personas.member.email))
    assert "https://meet.example.org/room" not in waitlisted.body  # waitlisted: no link


def test_changing_only_the_title_sends_no_email(personas, registrants, mailoutbox, django_capture_on_commit_callbacks):
    meeting, _ = registrants
    with django_capture_on_commit_callbacks(execute=True):
        planning.update_meeting(actor=personas.coordinator, meeting=meeting, title="Another title")
    assert mailoutbox == []


def test_cancelling_emails_registrants_with_the_reason(
    personas, client_for, registrants, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, expected = registrants
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.coordinator).post(
            reverse("meetings:cancel", args=[meeting.pk]), {"reason": "The room is <b>closed</b>."}
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert {m.to[0] for m in mailoutbox} == expected
    mail = next(m for m in mailoutbox if m.to[0] == "vera@example.org")
    assert mail.subject.startswith("Cancelled")
    assert "The room is <b>closed</b>." in mail.body
    html = mail.alternatives[0][0]
    assert "&lt;b&gt;closed&lt;/b&gt;" in html
    assert "STATUS:CANCELLED" in mail.attachments[0][1]
    assert AuditLogEntry.objects.filter(action="meeting.cancelled").count() == 1


def test_cancelling_twice_is_refused(personas, client_for, registrants, mailoutbox, django_capture_on_commit_callbacks):
    meeting, _ = registrants
    planning.cancel_meeting(actor=personas.coordinator, meeting=meeting, reason="x")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.coordinator).post(
            reverse("meetings:cancel", args=[meeting.pk]), {"reason": "again"}, follow=True
        )
    assert "already cancelled" in response.content.decode()
    assert mailoutbox == []


# --- capacity through the edit form ---------------------------------------------------------


def test_more_places_promote_the_waitlist(personas, mailoutbox, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = planning.update_meeting(actor=personas.coordinator, meeting=meeting, capacity=2)
    waiting.refresh_from_db()
    meeting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert meeting.capacity == 2 and meeting.sequence == 1
    assert waiting.member.email in [m.to[0] for m in mailoutbox]


def test_fewer_places_than_confirmed_people_is_refused(personas, client_for):
    meeting = MeetingFactory(capacity=3, location="Buurthuis")
    RegistrationFactory.create_batch(2, meeting=meeting)
    start = timezone.localtime(meeting.starts_at)
    data = form_data(
        title="Changed too",
        starts_at=start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        location="Buurthuis",
        online_url="",
        capacity="1",
    )
    response = client_for(personas.coordinator).post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "cannot be lower than that" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.capacity == 3 and meeting.title != "Changed too" and meeting.sequence == 0  # nothing half-saved


def test_the_detail_page_has_a_constant_query_count(personas, client_for, django_assert_max_num_queries):
    meeting = MeetingFactory(circle=personas.circle, capacity=300, visibility=Visibility.PUBLIC)
    RegistrationFactory.create_batch(120, meeting=meeting)
    for persona in ("visitor", "member", "kartrekker", "coordinator"):
        client = client_for(getattr(personas, persona))
        with django_assert_max_num_queries(15):
            response = client.get(reverse("meetings:detail", args=[meeting.pk]))
        assert response.status_code == 200
