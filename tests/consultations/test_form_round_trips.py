"""Every consultations form, posted through the client as the person who uses it, every field read back.

Forms whose full round trip is already elsewhere: CommentEditForm (test_comments.py::
test_authors_change_their_own_comment_until_the_round_closes), AnswersForm (test_comments_answers.py::
test_a_member_answers_changes_and_withdraws_answers), InviteForm (test_rounds_invitees.py::
test_a_coordinator_invites_accounts_and_they_get_an_email_in_their_language), OutcomeForm (test_outcomes.py::
test_the_coordinator_sets_an_outcome_with_reason_and_changed_paragraphs), NextVersionForm (test_outcomes.py::
test_the_next_version_must_be_a_later_version_of_the_same_document). CompareForm is a GET form and writes nothing.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Comment, Document, Paragraph, Round, Version
from tests.factories.consultations import DocumentFactory
from tests.factories.meetings import MeetingFactory
from tests.round_trip import assert_page_offers

from .helpers_rounds import DAY, NOW

pytestmark = pytest.mark.django_db

DOCUMENT = {
    "title": "Functieprofiel ervaringsdeskundige",
    "slug": "functieprofiel",
    "kind": Document.Kind.JOB_PROFILE,
    "summary": "Wat een ervaringsdeskundige in het buurtteam doet.",
    "is_public": "",
}


def test_document_form_create(personas, client_for):
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(reverse("consultations:document_create")), {**DOCUMENT, "is_public": "on"})
    response = client.post(reverse("consultations:document_create"), DOCUMENT)
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.title, document.slug, document.kind, document.summary, document.is_public) == (
        DOCUMENT["title"],
        "functieprofiel",
        Document.Kind.JOB_PROFILE,
        DOCUMENT["summary"],
        False,
    )


def test_document_form_edit_changes_every_field_but_the_short_name(personas, client_for):
    document = DocumentFactory(slug="advies", kind=Document.Kind.ADVICE, summary="Oud", is_public=False)
    data = {**DOCUMENT, "is_public": "on"}
    url = reverse("consultations:document_edit", args=["advies"])
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(url), {name: value for name, value in data.items() if name != "slug"})
    assert client.post(url, data).status_code == 302
    document.refresh_from_db()
    assert (document.title, document.slug, document.kind, document.summary, document.is_public) == (
        DOCUMENT["title"],
        "advies",
        Document.Kind.JOB_PROFILE,
        DOCUMENT["summary"],
        True,
    )


def test_version_form_and_the_text_forms(personas, client_for):
    document = DocumentFactory(slug="werkkader")
    client = client_for(personas.coordinator)
    data = {"label": "1.1", "note": "Eerste versie."}
    assert_page_offers(client.get(reverse("consultations:version_create", args=["werkkader"])), data)
    response = client.post(reverse("consultations:version_create", args=["werkkader"]), data)
    assert response.status_code == 302
    version = Version.objects.get(document=document)
    assert (version.label, version.note, version.status) == ("1.1", "Eerste versie.", Version.Status.DRAFT)
    # TextForm: the text is split for review; ConfirmForm: the reviewed text is saved.
    text = "# Inleiding\n\nEerste alinea.\n\n## Afspraken\n\nTweede alinea\nover twee regels."
    text_url = reverse("consultations:version_text", args=["werkkader", version.number])
    assert_page_offers(client.get(text_url), {"text", "upload"})
    review = client.post(text_url, {"text": text})
    assert_page_offers(review, {"reviewed"})
    assert review.status_code == 200
    assert not version.paragraphs.exists()  # the review saves nothing
    token = review.context["confirm_form"]["reviewed"].value()
    save_url = reverse("consultations:version_text_save", args=["werkkader", version.number])
    assert client.post(save_url, {"reviewed": token}).status_code == 302
    stored = list(version.paragraphs.order_by("position").values_list("kind", "level", "text"))
    assert stored == [
        (Paragraph.Kind.HEADING, 1, "Inleiding"),
        (Paragraph.Kind.PARAGRAPH, 0, "Eerste alinea."),
        (Paragraph.Kind.HEADING, 2, "Afspraken"),
        (Paragraph.Kind.PARAGRAPH, 0, "Tweede alinea\nover twee regels."),
    ]


def local(text):
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


ROUND = {
    "title": "Reacties op het functieprofiel",
    "introduction": "Wat vind **jij**?",
    "audience": Round.Audience.INVITED,
    "opens_at": "2030-03-02T09:00",
    "closes_at": "2030-03-20T17:30",
    "questions": "Mist er iets?\nIs de taal duidelijk?",
}


def assert_round_has(round_, data):
    assert (round_.title, round_.introduction, round_.audience) == (
        data["title"],
        data["introduction"],
        data["audience"],
    )
    assert round_.opens_at == local(data["opens_at"])
    assert round_.closes_at == local(data["closes_at"])
    assert [q.text for q in round_.questions.order_by("position")] == data["questions"].splitlines()


def test_round_form_create(setup, personas, client_for):
    data = {**ROUND, "version": setup.version.pk}
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(reverse("consultations:round_create")), data)
    response = client.post(reverse("consultations:round_create"), data)
    assert response.status_code == 302
    round_ = Round.objects.exclude(pk=setup.round.pk).get()
    assert round_.version == setup.version
    assert_round_has(round_, data)


def test_round_form_edit_changes_every_field(setup, personas, client_for):
    assert setup.round.audience != ROUND["audience"]
    url = reverse("consultations:round_edit", args=[setup.round.pk])
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(url), ROUND)
    response = client.post(url, ROUND)
    assert response.status_code == 302
    setup.round.refresh_from_db()
    assert_round_has(setup.round, ROUND)


def test_comment_form(setup, personas, client_for):
    paragraph = setup.paragraphs[1]
    data = {"paragraph": paragraph.pk, "body": "Dit mag <b>duidelijker</b>.", "display": Comment.Display.ROLE}
    client = client_for(personas.member)
    url = reverse("consultations:comment_create", args=[setup.round.pk])
    assert_page_offers(client.get(url, {"paragraph": paragraph.pk}), data)
    response = client.post(url, data)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.round, comment.paragraph, comment.body, comment.display, comment.author) == (
        setup.round,
        paragraph,
        "Dit mag <b>duidelijker</b>.",
        Comment.Display.ROLE,
        personas.member,
    )


def test_remark_form(setup, personas, client_for):
    meeting = MeetingFactory(starts_at=NOW - 2 * DAY, ends_at=NOW - 2 * DAY + datetime.timedelta(hours=2))
    paragraph = setup.paragraphs[2]
    data = {
        "paragraph": paragraph.pk,
        "body": "Graag meer aandacht voor schulden.",
        "submitter_name": "Sanne Schrijver",
        "submitter_role": "ervaringsdeskundige",
        "source": Comment.Source.MEETING,
        "source_meeting": meeting.pk,
        "display": Comment.Display.ANONYMOUS,
    }
    url = reverse("consultations:remark_create", args=[setup.round.pk])
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(url), data)
    assert client.post(url, data).status_code == 302
    comment = Comment.objects.get()
    assert (comment.paragraph, comment.body, comment.submitter_name, comment.submitter_role) == (
        paragraph,
        data["body"],
        "Sanne Schrijver",
        "ervaringsdeskundige",
    )
    assert (comment.source, comment.source_meeting, comment.display) == (
        Comment.Source.MEETING,
        meeting,
        Comment.Display.ANONYMOUS,
    )
    assert (comment.author, comment.entered_by) == (None, personas.coordinator)


def test_round_form_edit_can_empty_the_introduction(setup, personas, client_for):
    Round.objects.filter(pk=setup.round.pk).update(introduction="Oud")
    url = reverse("consultations:round_edit", args=[setup.round.pk])
    assert client_for(personas.coordinator).post(url, {**ROUND, "introduction": ""}).status_code == 302
    setup.round.refresh_from_db()
    assert setup.round.introduction == ""
