"""The consultation pages keep their viewer-independent parts in the cache (samenspel/consultations/
revisions.py, fragments.py): every change shows at the next request, and a cached part never shows a
viewer what they may not see, whoever asked for the page first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.consultations.models import Comment, Paragraph, Version
from samenspel.consultations.services import documents, reactienota, rounds
from samenspel.members import services as members
from tests.factories.consultations import ParagraphFactory, RoundFactory, VersionFactory

from .helpers_reactienota import answer_all, carry_over, comment
from .helpers_rounds import DAY, NOW, make_round


def _get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _document_url(setup) -> str:
    return reverse("consultations:document_detail", args=[setup.document.slug])


def _round_url(setup) -> str:
    return reverse("consultations:round_detail", args=[setup.round.pk])


@pytest.fixture
def _numbers_only(settings):
    """The round page shows each paragraph's number of comments (as with many comments), not the comments."""
    settings.CONSULTATION_INLINE_COMMENTS = 0


def test_a_new_remark_and_a_withdrawn_one_show_on_the_document_page_at_the_next_request(setup, personas, client_for):
    client = client_for(None)
    paragraph = setup.paragraphs[1]
    assert "1 remark" not in _get(client, _document_url(setup))
    made = rounds.add_comment(
        author=personas.member, round_=setup.round, body="Graag een voorbeeld.", display="name", paragraph=paragraph
    )
    page = _get(client, _document_url(setup))
    assert f'href="{_round_url(setup)}#p-{paragraph.key_id}">1 remark' in page
    rounds.withdraw_comment(actor=personas.member, comment=made)
    assert "1 remark" not in _get(client, _document_url(setup))


def test_the_document_page_shows_the_text_of_a_new_version_at_the_next_request(setup, personas, client_for):
    client = client_for(None)
    assert "Een nieuwe alinea in versie twee." not in _get(client, _document_url(setup))
    second = VersionFactory(document=setup.document, label="2")
    carry_over(second, setup.paragraphs)
    ParagraphFactory(version=second, text="Een nieuwe alinea in versie twee.")
    assert "Een nieuwe alinea in versie twee." in _get(client, _document_url(setup))


@pytest.mark.usefixtures("_numbers_only")
def test_the_round_page_counts_a_new_comment_at_the_next_request(setup, personas, client_for):
    client = client_for(personas.outsider)
    paragraph = setup.paragraphs[1]
    part_url = reverse("consultations:round_paragraph", args=[setup.round.pk, paragraph.pk])
    assert part_url not in _get(client, _round_url(setup))
    rounds.add_comment(author=personas.member, round_=setup.round, body="Mooi.", display="name", paragraph=paragraph)
    page = _get(client, _round_url(setup))
    assert f'href="{part_url}">1 comment' in page
    assert "1 comment so far." in page


@pytest.mark.usefixtures("_numbers_only")
def test_a_withdrawn_comment_is_counted_for_coordinators_only_whoever_came_first(setup, personas, client_for):
    paragraph = setup.paragraphs[1]
    made = rounds.add_comment(
        author=personas.member, round_=setup.round, body="Toch niet.", display="name", paragraph=paragraph
    )
    rounds.withdraw_comment(actor=personas.member, comment=made)
    part_url = reverse("consultations:round_paragraph", args=[setup.round.pk, paragraph.pk])
    assert f'href="{part_url}">1 comment' in _get(client_for(personas.coordinator), _round_url(setup))
    for viewer in (None, personas.outsider):
        assert part_url not in _get(client_for(viewer), _round_url(setup))


@pytest.mark.usefixtures("_numbers_only")
def test_the_links_to_comment_and_to_enter_remarks_follow_the_viewer_not_the_cache(setup, personas, client_for):
    comment_link = reverse("consultations:comment_create", args=[setup.round.pk])
    remark_link = reverse("consultations:remark_create", args=[setup.round.pk])
    coordinator_page = _get(client_for(personas.coordinator), _round_url(setup))
    assert f"{remark_link}?paragraph=" in coordinator_page
    visitor_page = _get(client_for(None), _round_url(setup))
    assert remark_link not in visitor_page
    assert comment_link not in visitor_page
    member_page = _get(client_for(personas.member), _round_url(setup))
    assert f"{comment_link}?paragraph=" in member_page
    assert remark_link not in member_page


def test_the_diff_of_two_published_versions_is_the_same_for_every_viewer(setup, personas, client_for):
    second = VersionFactory(document=setup.document, label="2")
    carry_over(second, setup.paragraphs, edits={1: "Een herschreven alinea."})
    url = reverse("consultations:compare", args=[setup.document.slug]) + "?old=1&new=2"
    visitor = _get(client_for(None), url)
    assert "herschreven" in visitor
    assert "herschreven" in _get(client_for(personas.member), url)


def test_a_diff_with_a_draft_shows_its_edited_paragraph_at_the_next_request(setup, personas, client_for):
    draft = VersionFactory(document=setup.document, label="2", status=Version.Status.DRAFT)
    copied = carry_over(draft, setup.paragraphs)
    client = client_for(personas.coordinator)
    url = reverse("consultations:compare", args=[setup.document.slug]) + "?old=1&new=2"
    assert "Zonnebloemveld" not in _get(client, url)
    Paragraph.objects.filter(pk=copied[1].pk).update(text="Zonnebloemveld")
    assert "Zonnebloemveld" in _get(client, url)
    # A visitor sees no draft, so cannot compare with it.
    assert client_for(None).get(url).status_code == 200
    assert "Zonnebloemveld" not in _get(client_for(None), url)


def _reactienota_url(consultation) -> str:
    return reverse("consultations:reactienota", args=[consultation.round.pk])


def test_a_changed_outcome_shows_in_the_draft_reactienota_at_the_next_request(consultation, personas, client_for):
    made = comment(consultation, author=personas.member, display=Comment.Display.NAME)
    client = client_for(personas.coordinator)
    assert "Past heel goed." not in _get(client, _reactienota_url(consultation))
    reactienota.set_outcome(
        round_=consultation.round, comment=made, outcome="adopted", reason="Past heel goed.", actor=personas.coordinator
    )
    assert "Past heel goed." in _get(client, _reactienota_url(consultation))


def _published(consultation, personas):
    answer_all(consultation, personas.coordinator)
    reactienota.publish_reactienota(round_=consultation.round, actor=personas.coordinator)


def test_a_published_reactienota_shows_a_new_name_at_the_next_request(consultation, personas, client_for):
    comment(consultation, author=personas.member, display=Comment.Display.NAME)
    _published(consultation, personas)
    client = client_for(None)
    assert "Mila Member" in _get(client, _reactienota_url(consultation))
    personas.member.name = "Mila Nieuwenhuis"
    personas.member.save()
    page = _get(client, _reactienota_url(consultation))
    assert "Mila Nieuwenhuis" in page
    assert "Mila Member" not in page


def test_a_published_reactienota_loses_the_name_of_a_deleted_account_at_the_next_request(
    consultation, personas, client_for
):
    comment(consultation, author=personas.member, display=Comment.Display.NAME, body="Mijn eigen woorden.")
    _published(consultation, personas)
    client = client_for(None)
    assert "Mila Member" in _get(client, _reactienota_url(consultation))
    members.delete_account(member=personas.member)
    page = _get(client, _reactienota_url(consultation))
    assert "Mila Member" not in page
    assert "Mijn eigen woorden." in page  # the remark stays in the published reactienota, without name


def test_an_anonymous_name_never_reaches_the_cached_reactienota_after_a_coordinator_read_it(
    consultation, personas, client_for
):
    comment(consultation, author=personas.member, display=Comment.Display.ANONYMOUS)
    _published(consultation, personas)
    assert "Mila Member" not in _get(client_for(personas.coordinator), _reactienota_url(consultation))
    assert "Mila Member" not in _get(client_for(None), _reactienota_url(consultation))


def test_a_question_added_to_a_round_shows_on_its_page_at_the_next_request(setup, personas, client_for):
    client = client_for(None)
    assert "Wat mist er nog?" not in _get(client, _round_url(setup))
    round_ = setup.round
    rounds.update_round(
        actor=personas.coordinator,
        round_=round_,
        title=round_.title,
        introduction=round_.introduction,
        audience=round_.audience,
        opens_at=round_.opens_at,
        closes_at=round_.closes_at,
        questions=["Wat mist er nog?"],
    )
    assert "Wat mist er nog?" in _get(client, _round_url(setup))


# --- the document's rows (document, versions, rounds) under `document:<slug>` ---------------------


def test_a_document_made_members_only_is_hidden_from_visitors_at_the_next_request(setup, personas, client_for):
    client = client_for(None)
    url = _document_url(setup)
    assert client.get(url).status_code == 200
    documents.update_document(
        actor=personas.coordinator,
        document=setup.document,
        title="Nieuwe titel voor leden",
        kind=setup.document.kind,
        summary="",
        is_public=False,
    )
    assert client.get(url).status_code == 302  # to the login page: hidden from visitors
    assert client.get(reverse("consultations:compare", args=[setup.document.slug])).status_code == 302
    assert "Nieuwe titel voor leden" in _get(client_for(personas.member), url)


def test_a_new_round_and_a_changed_round_show_on_the_document_page_at_the_next_request(setup, personas, client_for):
    client = client_for(personas.member)
    assert "Tweede ronde" not in _get(client, _document_url(setup))
    later = RoundFactory(version=setup.version, title="Tweede ronde", opens_at=NOW + DAY, closes_at=NOW + 5 * DAY)
    assert "Tweede ronde" in _get(client, _document_url(setup))
    later.title = "Tweede ronde, later"
    later.save()
    assert "Tweede ronde, later" in _get(client, _document_url(setup))
    later.delete()
    assert "Tweede ronde" not in _get(client, _document_url(setup))


def test_a_change_to_one_document_leaves_anothers_cached_rows_in_place(setup, personas, client_for):
    other = make_round(paragraphs=2)
    client = client_for(None)
    _get(client, _document_url(setup))
    _get(client, _document_url(other))
    VersionFactory(document=setup.document, label="2")  # a change to the first document only
    with CaptureQueriesContext(connection) as queries:
        _get(client, _document_url(other))
    assert len(queries) == 1  # the versions; the document, its versions and rounds came from the cache
    with CaptureQueriesContext(connection) as queries:
        assert "Version 2" in _get(client, _document_url(setup))
    assert len(queries) > 1  # read again


# --- the round's row (round, version, document) under `round:<id>` --------------------------------


def test_the_round_page_follows_its_round_and_its_document_at_the_next_request(setup, personas, client_for):
    client = client_for(None)
    url = _round_url(setup)
    assert "Wat vind jij ervan?" not in _get(client, url)
    rounds.update_round(
        actor=personas.coordinator,
        round_=setup.round,
        title=setup.round.title,
        introduction="Wat vind jij ervan?",
        audience=setup.round.audience,
        opens_at=setup.round.opens_at,
        closes_at=setup.round.closes_at,
        questions=["Mist er een onderwerp?"],
    )
    page = _get(client, url)
    assert "Wat vind jij ervan?" in page and "Mist er een onderwerp?" in page
    documents.update_document(
        actor=personas.coordinator,
        document=setup.document,
        title=setup.document.title,
        kind=setup.document.kind,
        summary="",
        is_public=False,
    )
    assert client.get(url).status_code == 302  # hidden from visitors: to the login page
    assert client_for(personas.member).get(url).status_code == 200
