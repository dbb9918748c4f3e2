"""A report for "everyone" is public even for a members' meeting; past meetings by year and month."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting, Report, Visibility
from samenspel.meetings.services import afterwards
from tests.factories.meetings import MeetingFactory

from .helpers_afterwards import add_group, pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("afterwards_settings")]


def past_meeting(days=30, **fields):
    start = (timezone.now() - datetime.timedelta(days=days)).replace(microsecond=0)
    fields.setdefault("status", Meeting.Status.HELD)
    return MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), **fields)


def with_report(meeting, visibility, actor, *, attachment=False):
    afterwards.save_report(meeting=meeting, actor=actor, introduction="Wat we deden", decisions="", follow_up="")
    add_group(meeting, "Groep 1", question="Wat helpt?", outcomes_html="<p>Samen beslissen</p>")
    afterwards.publish_report(meeting=meeting, visibility=visibility, actor=actor)
    if attachment:
        uploaded = SimpleUploadedFile("slides.pdf", pdf_bytes(), content_type="application/pdf")
        return afterwards.add_attachment(meeting=meeting, uploaded=uploaded, title="Presentatie", actor=actor)
    return None


def test_a_report_for_everyone_of_a_members_meeting_is_public_with_its_attachment(personas, client_for):
    meeting = past_meeting(visibility=Visibility.MEMBERS, title="Ledenavond")
    attachment = with_report(meeting, Visibility.PUBLIC, personas.coordinator, attachment=True)
    visitor = client_for(None)
    assert (
        visitor.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 302
    )  # the meeting stays for members
    page = visitor.get(reverse("meetings:report", args=[meeting.pk]))
    assert page.status_code == 200
    assert "Samen beslissen" in page.text and "Wat helpt?" in page.text  # what the groups talked about
    assert reverse("meetings:attachment", args=[attachment.pk]) in page.text
    assert f'href="{reverse("meetings:detail", args=[meeting.pk])}"' not in page.text  # no link a visitor cannot open
    assert visitor.get(reverse("meetings:attachment", args=[attachment.pk])).status_code == 200


def test_a_report_for_everyone_of_a_circle_only_meeting_stays_hidden_from_outsiders(personas, client_for):
    meeting = past_meeting(circle=personas.circle, visibility=Visibility.CIRCLE, title="Kringavond")
    with_report(meeting, Visibility.PUBLIC, personas.coordinator)
    assert client_for(personas.outsider).get(reverse("meetings:report", args=[meeting.pk])).status_code == 404
    assert client_for(personas.member).get(reverse("meetings:report", args=[meeting.pk])).status_code == 200
    year = timezone.localtime(meeting.starts_at).year
    assert "Kringavond" not in client_for(None).get(reverse("meetings:archive_year", args=[year])).text


@pytest.mark.parametrize("visibility", ["members", "participants"])
def test_other_reports_stay_closed(personas, client_for, visibility):
    meeting = past_meeting(circle=personas.circle, visibility=Visibility.CIRCLE)
    attachment = with_report(meeting, visibility, personas.coordinator, attachment=True)
    assert client_for(None).get(reverse("meetings:report", args=[meeting.pk])).status_code == 302
    assert client_for(None).get(reverse("meetings:attachment", args=[attachment.pk])).status_code == 302
    assert client_for(personas.outsider).get(reverse("meetings:report", args=[meeting.pk])).status_code == 404
    assert client_for(personas.outsider).get(reverse("meetings:attachment", args=[attachment.pk])).status_code == 404


def test_an_unpublished_or_draft_public_report_is_not_public(personas, client_for):
    meeting = past_meeting(visibility=Visibility.MEMBERS)
    with_report(meeting, Visibility.PUBLIC, personas.coordinator)
    afterwards.unpublish_report(meeting=meeting, actor=personas.coordinator)
    assert client_for(None).get(reverse("meetings:report", args=[meeting.pk])).status_code == 302
    draft = past_meeting(status=Meeting.Status.DRAFT, circle=personas.circle)
    Report.objects.create(meeting=draft, visibility="public", published_at=timezone.now())
    assert client_for(personas.outsider).get(reverse("meetings:report", args=[draft.pk])).status_code == 404


def test_the_archive_shows_past_meetings_by_month_with_the_reports_each_viewer_may_read(personas, client_for):
    members_only = past_meeting(days=40, visibility=Visibility.MEMBERS, title="Ledenavond met openbaar verslag")
    with_report(members_only, Visibility.PUBLIC, personas.coordinator)
    closed = past_meeting(days=45, visibility=Visibility.MEMBERS, title="Ledenavond met verslag voor leden")
    with_report(closed, Visibility.MEMBERS, personas.coordinator)
    hidden = past_meeting(days=50, circle=personas.circle, visibility=Visibility.CIRCLE, title="Geheime kring")
    past_meeting(days=55, visibility=Visibility.PUBLIC, title="Open middag zonder verslag")
    past_meeting(days=60, status=Meeting.Status.CANCELLED, visibility=Visibility.PUBLIC, title="Afgelast")
    MeetingFactory(title="Nog te komen", visibility=Visibility.PUBLIC)
    year = timezone.localtime(members_only.starts_at).year
    url = reverse("meetings:archive_year", args=[year])

    visitor = client_for(None).get(url).text
    assert (
        "Ledenavond met openbaar verslag" in visitor and reverse("meetings:report", args=[members_only.pk]) in visitor
    )
    assert f'href="{reverse("meetings:detail", args=[members_only.pk])}"' not in visitor
    assert "Open middag zonder verslag" in visitor
    for absent in ("Ledenavond met verslag voor leden", "Geheime kring", "Afgelast", "Nog te komen"):
        assert absent not in visitor, absent

    member = client_for(personas.member).get(url).text
    assert reverse("meetings:report", args=[closed.pk]) in member
    assert "Geheime kring" in member  # in the circle
    outsider = client_for(personas.outsider).get(url).text
    assert "Geheime kring" not in outsider and reverse("meetings:report", args=[hidden.pk]) not in outsider


def test_the_archive_starts_at_the_newest_year_and_refuses_odd_years(personas, client_for):
    meeting = past_meeting(days=400, visibility=Visibility.PUBLIC)
    client = client_for(None)
    response = client.get(reverse("meetings:archive"))
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:archive_year", args=[timezone.localtime(meeting.starts_at).year])
    next_year = timezone.localdate().year + 1
    assert client.get(reverse("meetings:archive_year", args=[next_year])).status_code == 404
    assert client.get(reverse("meetings:archive_year", args=[1999])).status_code == 404
    assert client.get("/meetings/archive/abc/").status_code == 404
    assert client.get("/meetings/archive/99999999999999999999/").status_code == 404


def test_an_empty_archive_says_so(client_for, english):
    response = client_for(None).get(reverse("meetings:archive"))
    assert response.status_code == 200
    assert "There are no past meetings to show." in response.text


def test_the_meeting_list_links_to_the_archive_in_dutch(client_for):
    client = client_for(None)
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("meetings:list")).text
    assert reverse("meetings:archive") in page and "Eerdere bijeenkomsten en hun verslagen" in page


def test_the_archive_query_count_does_not_grow_with_meetings(personas, client_for, django_assert_max_num_queries):
    for n in range(60):
        meeting = past_meeting(days=5 + n * 3, visibility=Visibility.MEMBERS if n % 2 else Visibility.PUBLIC)
        Report.objects.create(
            meeting=meeting, visibility=["public", "members", "participants"][n % 3], published_at=timezone.now()
        )
    year = timezone.localdate().year
    client = client_for(personas.member)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("meetings:archive_year", args=[year])).status_code == 200
    visitor = client_for(None)
    with django_assert_max_num_queries(10):
        assert visitor.get(reverse("meetings:archive_year", args=[year])).status_code == 200
