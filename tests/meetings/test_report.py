"""The report (verslag): editing, publishing to participants/members/everyone, notifications, the box."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from samenspel.core.models import AuditLogEntry
from samenspel.meetings.models import Meeting, Registration, Report, Visibility
from samenspel.meetings.selectors import page_state
from samenspel.meetings.services import afterwards
from samenspel.meetings.views.planning import afterwards_box
from tests.factories.meetings import MeetingFactory, RegistrationFactory

from .helpers_afterwards import add_group, new_member, pdf_bytes, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("afterwards_settings")]


def publish(meeting, visibility, actor):
    return afterwards.publish_report(meeting=meeting, visibility=visibility, actor=actor)


def test_report_edit_is_for_organisers_only(personas, client_for, circle_meeting):
    url = reverse("meetings:report_edit", args=[circle_meeting.pk])
    expected = {
        "pending": 404,
        "member": 403,
        "outsider": 403,
        "kartrekker": 200,
        "coordinator": 200,
        "orgrep": 403,
        "municipality": 403,
    }
    assert client_for(None).get(url).status_code == 302
    for name, status in expected.items():
        assert client_for(getattr(personas, name)).get(url).status_code == status, name
    for name in ["report_edit", "report_publish", "report_unpublish"]:
        url = reverse(f"meetings:{name}", args=[circle_meeting.pk])
        assert client_for(personas.member).post(url, {"visibility": "public"}).status_code == 403
    assert not Report.objects.exists()


def test_organiser_writes_the_report_in_sanitised_markdown(personas, client_for, circle_meeting):
    data = {
        "introduction": "Welkom bij **Samenspel in de stad**.",
        "decisions": "- Wij gaan door\n\n<script>alert(1)</script>",
        "follow_up": '<img src=x onerror="alert(1)"> [klik](javascript:alert(1))',
    }
    client = client_for(personas.kartrekker)
    assert client.post(reverse("meetings:report_edit", args=[circle_meeting.pk]), data).status_code == 302
    report = Report.objects.get(meeting=circle_meeting)
    assert "<strong>Samenspel in de stad</strong>" in report.introduction_html
    assert "<li>Wij gaan door</li>" in report.decisions_html
    for html in [report.decisions_html, report.follow_up_html]:
        assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert report.published_at is None
    assert AuditLogEntry.objects.filter(action="meeting.report.changed").exists()
    page = client.get(reverse("meetings:report_edit", args=[circle_meeting.pk])).content.decode()
    assert "Welkom bij **Samenspel in de stad**." in page


@pytest.mark.parametrize(
    "field, value", [("introduction", "x" * 20001), ("decisions", "x" * 10001), ("follow_up", "x" * 10001)]
)
def test_too_long_report_text_is_refused(personas, client_for, circle_meeting, field, value):
    response = client_for(personas.kartrekker).post(
        reverse("meetings:report_edit", args=[circle_meeting.pk]), {field: value}
    )
    assert response.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.parametrize("visibility", ["", "secret", "circle"])
def test_publishing_with_a_bad_visibility_is_refused(personas, client_for, circle_meeting, visibility):
    response = client_for(personas.kartrekker).post(
        reverse("meetings:report_publish", args=[circle_meeting.pk]), {"visibility": visibility}, follow=True
    )
    assert "Choose who may read the report." in response.content.decode()
    assert not Report.objects.filter(published_at__isnull=False).exists()


# --- who may read it ---------------------------------------------------------------------------


def test_unpublished_report_is_404_for_everyone_but_organisers(personas, client_for, circle_meeting):
    afterwards.save_report(
        meeting=circle_meeting, actor=personas.coordinator, introduction="Hoi", decisions="", follow_up=""
    )
    register(circle_meeting, personas.member)
    url = reverse("meetings:report", args=[circle_meeting.pk])
    assert client_for(None).get(url).status_code == 302  # a visitor logs in first
    for person in [personas.pending, personas.member, personas.outsider, personas.orgrep]:
        assert client_for(person).get(url).status_code == 404
    response = client_for(personas.kartrekker).get(url)
    assert response.status_code == 200
    assert "not published yet" in response.content.decode()


def test_no_report_at_all_is_404(personas, client_for, circle_meeting):
    assert client_for(personas.coordinator).get(reverse("meetings:report", args=[circle_meeting.pk])).status_code == 404


@pytest.mark.parametrize(
    "visibility, expected",
    [
        (
            "participants",
            {"visitor": 302, "pending": 404, "member": 200, "outsider": 404, "kartrekker": 200, "coordinator": 200,
             "orgrep": 404, "municipality": 404, "present": 200, "waitlisted": 404},
        ),
        (
            Visibility.MEMBERS,
            {"visitor": 302, "pending": 404, "member": 200, "outsider": 200, "kartrekker": 200, "coordinator": 200,
             "orgrep": 200, "municipality": 200, "present": 200, "waitlisted": 200},
        ),
        (
            Visibility.PUBLIC,  # for everyone: public although the meeting is for members (issue 16)
            {"visitor": 200, "pending": 200, "member": 200, "outsider": 200, "kartrekker": 200, "coordinator": 200,
             "orgrep": 200, "municipality": 200, "present": 200, "waitlisted": 200},
        ),
    ],
)  # fmt: skip
def test_report_visibility_per_persona(personas, client_for, circle_meeting, visibility, expected):
    """The meeting itself is for members: visitors (sent to log in) and pending members read its report
    only when the report is for everyone."""
    register(circle_meeting, personas.member)
    present = new_member()
    register(circle_meeting, present, status=Registration.Status.CANCELLED, attended=True)
    waitlisted = new_member()
    register(circle_meeting, waitlisted, status=Registration.Status.WAITLISTED)
    publish(circle_meeting, visibility, personas.coordinator)
    url = reverse("meetings:report", args=[circle_meeting.pk])
    people = {**personas.as_dict(), "present": present, "waitlisted": waitlisted}
    for name, status in expected.items():
        assert client_for(people[name]).get(url).status_code == status, (visibility, name)


def test_a_public_report_of_a_public_meeting_is_open_to_visitors(personas, client_for):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    publish(meeting, Visibility.PUBLIC, personas.coordinator)
    assert client_for(None).get(reverse("meetings:report", args=[meeting.pk])).status_code == 200
    publish(meeting, Visibility.MEMBERS, personas.coordinator)
    assert client_for(None).get(reverse("meetings:report", args=[meeting.pk])).status_code == 302  # log in


def test_a_report_of_a_hidden_circle_meeting_is_404_for_an_outsider(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    publish(meeting, Visibility.PUBLIC, personas.coordinator)
    url = reverse("meetings:report", args=[meeting.pk])
    assert client_for(personas.outsider).get(url).status_code == 404
    assert client_for(personas.member).get(url).status_code == 200


def test_unpublishing_hides_the_report_again(personas, client_for, circle_meeting):
    publish(circle_meeting, Visibility.MEMBERS, personas.coordinator)
    url = reverse("meetings:report", args=[circle_meeting.pk])
    assert client_for(personas.outsider).get(url).status_code == 200
    assert (
        client_for(personas.kartrekker).post(reverse("meetings:report_unpublish", args=[circle_meeting.pk])).status_code
        == 302
    )
    assert client_for(personas.outsider).get(url).status_code == 404


def test_report_page_shows_intro_groups_decisions_follow_up_and_attachments(personas, client_for, circle_meeting):
    afterwards.save_report(
        meeting=circle_meeting,
        actor=personas.coordinator,
        introduction="Inleiding van de avond",
        decisions="Besluit: doorgaan",
        follow_up="Actie: verslag delen",
    )
    add_group(circle_meeting, "Groep Noord", question="Wat werkt?", outcomes_html="<p>Luisteren werkt.</p>")
    attachment = afterwards.add_attachment(
        meeting=circle_meeting,
        uploaded=SimpleUploadedFile("p.pdf", pdf_bytes()),
        title="De presentatie",
        actor=personas.coordinator,
    )
    publish(circle_meeting, Visibility.MEMBERS, personas.coordinator)
    html = client_for(personas.member).get(reverse("meetings:report", args=[circle_meeting.pk])).content.decode()
    for text in ["Inleiding van de avond", "Groep Noord", "Wat werkt?", "Luisteren werkt.", "Besluit: doorgaan",
                 "Actie: verslag delen", "De presentatie", reverse("meetings:attachment", args=[attachment.pk])]:  # fmt: skip
        assert text in html, text
    assert reverse("meetings:report_edit", args=[circle_meeting.pk]) not in html


def test_report_page_query_count_with_10_groups_and_10_attachments(
    personas, client_for, circle_meeting, django_assert_max_num_queries
):
    for n in range(10):
        add_group(circle_meeting, f"Groep {n}", note_taker=personas.member, outcomes_html=f"<p>Uitkomst {n}</p>")
        afterwards.add_attachment(
            meeting=circle_meeting,
            uploaded=SimpleUploadedFile(f"p{n}.pdf", pdf_bytes()),
            title=f"Bijlage {n}",
            actor=personas.coordinator,
        )
    register(circle_meeting, personas.member)
    publish(circle_meeting, "participants", personas.coordinator)
    client = client_for(personas.member)
    # A warm request: what a session's first page reads into the process caches depends on the
    # tests this worker ran before (PostgreSQL: 14 cold, 12 warm).
    client.get(reverse("meetings:report", args=[circle_meeting.pk]))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:report", args=[circle_meeting.pk]))
    html = response.content.decode()
    assert "Uitkomst 9" in html and "Bijlage 9" in html


# --- publishing and notifying --------------------------------------------------------------------


def test_publishing_notifies_participants_once_in_their_language(
    personas, client_for, circle_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    personas.member.preferred_language = "en"
    personas.member.save(update_fields=["preferred_language"])
    register(circle_meeting, personas.member)
    present = new_member(email="present@example.org", preferred_language="en")
    register(circle_meeting, present, status=Registration.Status.CANCELLED, attended=True)
    register(circle_meeting, new_member(email="waiting@example.org"), status=Registration.Status.WAITLISTED)
    register(circle_meeting, new_member(email="gone@example.org"), status=Registration.Status.CANCELLED)
    RegistrationFactory(meeting=circle_meeting, member=None, name="Vera", email="vera@example.org")
    url = reverse("meetings:report_publish", args=[circle_meeting.pk])
    client = client_for(personas.kartrekker)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"visibility": "participants"}).status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted([personas.member.email, "present@example.org"])
    message = next(m for m in mailoutbox if m.to == [personas.member.email])
    assert message.subject == f"The report of {circle_meeting.title} is ready"
    link = f"https://samenspel.example{reverse('meetings:report', args=[circle_meeting.pk])}"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html
    assert AuditLogEntry.objects.filter(action="meeting.report.published").count() == 1
    report = Report.objects.get()
    assert report.published_at is not None and report.visibility == "participants"

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"visibility": Visibility.MEMBERS}).status_code == 302
    assert len(mailoutbox) == 2  # changing who may read it sends nothing new
    assert Report.objects.get().visibility == Visibility.MEMBERS


def test_notification_uses_dutch_for_dutch_members(
    personas, circle_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    member = new_member(preferred_language="nl")
    register(circle_meeting, member)
    with django_capture_on_commit_callbacks(execute=True):
        publish(circle_meeting, Visibility.MEMBERS, personas.coordinator)
    (message,) = mailoutbox
    assert message.to == [member.email]
    with translation.override("nl"):
        greeting = gettext("Hello %(name)s,") % {"name": member.name}
    assert greeting.startswith("Hallo") and greeting in message.body


def test_visitors_are_notified_only_when_the_report_is_public(personas, mailoutbox, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    RegistrationFactory(meeting=meeting, member=None, name="Vera", email="vera@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        publish(meeting, Visibility.PUBLIC, personas.coordinator)
    assert [m.to for m in mailoutbox] == [["vera@example.org"]]
    assert "Hello Vera," in mailoutbox[0].body


# --- the afterwards box on the meeting page ------------------------------------------------------


def render_box(user, meeting, can_organise):
    request = RequestFactory().get("/")
    request.user = user
    meeting = Meeting.objects.get(pk=meeting.pk)  # with its current revision, as the page reads it
    afterwards = afterwards_box(user, meeting, can_organise, page_state(meeting))
    context = {"meeting": meeting, "can_organise": can_organise, "afterwards": afterwards}
    return render_to_string("meetings/includes/afterwards_box.html", context, request=request)


def test_box_links_organisers_to_groups_checkin_and_report(personas, circle_meeting):
    html = render_box(personas.kartrekker, circle_meeting, True)
    for name in ["groups", "checkin", "report_edit"]:
        assert reverse(f"meetings:{name}", args=[circle_meeting.pk]) in html
    assert reverse("meetings:circle_attendance", args=[personas.circle.slug]) in html


def test_box_shows_the_published_report_to_readers_only(personas, circle_meeting):
    from django.contrib.auth.models import AnonymousUser

    report_url = reverse("meetings:report", args=[circle_meeting.pk])
    assert render_box(personas.member, circle_meeting, False).strip() == ""
    publish(circle_meeting, "participants", personas.coordinator)
    assert report_url not in render_box(personas.member, circle_meeting, False)
    register(circle_meeting, personas.member)
    html = render_box(personas.member, circle_meeting, False)
    assert report_url in html and reverse("meetings:groups", args=[circle_meeting.pk]) not in html
    assert render_box(AnonymousUser(), circle_meeting, False).strip() == ""


def test_box_links_the_note_taker_to_their_group(personas, circle_meeting):
    register(circle_meeting, personas.member)
    group = add_group(circle_meeting, note_taker=personas.member)
    html = render_box(personas.member, circle_meeting, False)
    assert reverse("meetings:group_outcomes", args=[circle_meeting.pk, group.pk]) in html


def test_meeting_page_carries_the_afterwards_box(personas, client_for, circle_meeting):
    url = reverse("meetings:detail", args=[circle_meeting.pk])
    organiser_page = client_for(personas.kartrekker).get(url).content.decode()
    assert reverse("meetings:groups", args=[circle_meeting.pk]) in organiser_page
    register(circle_meeting, personas.member)
    publish(circle_meeting, "participants", personas.coordinator)
    member_page = client_for(personas.member).get(url).content.decode()
    assert reverse("meetings:report", args=[circle_meeting.pk]) in member_page
    assert reverse("meetings:groups", args=[circle_meeting.pk]) not in member_page
    outsider_page = client_for(personas.outsider).get(url).content.decode()
    assert reverse("meetings:report", args=[circle_meeting.pk]) not in outsider_page
