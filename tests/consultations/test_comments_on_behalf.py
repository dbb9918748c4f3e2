"""Remarks that came in by email or in a meeting, entered by a coordinator on behalf of the sender."""

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Comment
from tests.factories.consultations import ParagraphFactory, VersionFactory
from tests.factories.meetings import MeetingFactory

from .helpers_rounds import DAY, NOW, make_round


def remark_data(**overrides):
    data = {
        "body": "Graag meer aandacht voor schulden.",
        "submitter_name": "Sanne Schrijver",
        "submitter_role": "ervaringsdeskundige",
        "source": "email",
        "display": "role",
    }
    data.update(overrides)
    return data


def url(round_):
    return reverse("consultations:remark_create", args=[round_.pk])


def test_a_coordinator_enters_an_emailed_remark_on_a_paragraph(setup, personas, client_for):
    client = client_for(personas.coordinator)
    paragraph = setup.paragraphs[2]
    assert client.get(url(setup.round), {"paragraph": paragraph.pk}).status_code == 200
    response = client.post(url(setup.round), remark_data(paragraph=paragraph.pk))
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.source, comment.entered_by, comment.author, comment.paragraph) == (
        "email",
        personas.coordinator,
        None,
        paragraph,
    )
    public = client_for(None).get(reverse("consultations:round_detail", args=[setup.round.pk])).content.decode()
    assert "ervaringsdeskundige" in public and "came in by email" in public
    assert "Sanne Schrijver" not in public  # role only
    coordinator_page = client_for(personas.coordinator).get(
        reverse("consultations:round_detail", args=[setup.round.pk])
    )
    assert "Sanne Schrijver" in coordinator_page.content.decode()


def test_a_remark_from_a_meeting_links_the_meeting(setup, personas, client_for):
    meeting = MeetingFactory(
        title="Netwerkbijeenkomst", starts_at=NOW - 2 * DAY, ends_at=NOW - 2 * DAY + datetime.timedelta(hours=2)
    )
    client = client_for(personas.coordinator)
    response = client.post(url(setup.round), remark_data(source="meeting"))
    assert response.status_code == 400
    assert "Choose the meeting" in response.content.decode()
    response = client.post(url(setup.round), remark_data(source="meeting", source_meeting=meeting.pk, display="name"))
    assert response.status_code == 302
    assert Comment.objects.get().source_meeting == meeting
    page = client_for(personas.member).get(reverse("consultations:round_detail", args=[setup.round.pk])).content
    assert reverse("meetings:detail", args=[meeting.pk]).encode() in page
    assert b"Sanne Schrijver" in page


def test_bad_remarks_are_refused_and_nothing_is_saved(setup, personas, client_for):
    client = client_for(personas.coordinator)
    foreign = ParagraphFactory(version=VersionFactory(document=setup.document, label="2"))
    for bad in (
        {"body": ""},
        {"body": "x" * 5001},
        {"submitter_name": ""},
        {"submitter_name": "x" * 121},
        {"source": "platform"},
        {"source": "pigeon"},
        {"display": "famous"},
        {"paragraph": foreign.pk},
        {"paragraph": "999999"},
        {"source": "meeting", "source_meeting": "abc"},
    ):
        assert client.post(url(setup.round), remark_data(**bad)).status_code == 400, bad
    assert not Comment.objects.exists()


def test_only_coordinators_enter_remarks(setup, personas, client_for):
    for person in (personas.member, personas.kartrekker, personas.outsider):
        assert client_for(person).post(url(setup.round), remark_data()).status_code == 403
        assert client_for(person).get(url(setup.round)).status_code == 403
    assert not Comment.objects.exists()


def test_remarks_are_accepted_after_closing_until_the_reactienota_is_published(db, personas, client_for):
    with time_machine.travel(NOW, tick=False):
        setup = make_round(closes_at=NOW + DAY)
    with time_machine.travel(NOW + 2 * DAY, tick=False):
        client = client_for(personas.coordinator)
        assert client.post(url(setup.round), remark_data()).status_code == 302
        setup.round.reactienota_published_at = timezone.now()
        setup.round.save()
        response = client.post(url(setup.round), remark_data())
        assert response.status_code == 400
        assert "reactienota of this round is published" in response.content.decode()
    assert Comment.objects.count() == 1
