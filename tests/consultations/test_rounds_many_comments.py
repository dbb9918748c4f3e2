"""A round with many comments: the round page shows each part's number of comments, and each
paragraph, question and the whole document has a page with all its comments.

Below `CONSULTATION_INLINE_COMMENTS` visible comments the round page shows them all (the other
tests); these tests set the limit low.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.consultations.models import Comment, CommentSupport, Question
from tests.factories.consultations import CommentFactory
from tests.factories.members import MemberFactory

from .helpers_rounds import NOW, confirm_email, make_round


@pytest.fixture(autouse=True)
def _low_limit(settings):
    settings.CONSULTATION_INLINE_COMMENTS = 3


def round_url(setup) -> str:
    return reverse("consultations:round_detail", args=[setup.round.pk])


def paragraph_url(setup, paragraph) -> str:
    return reverse("consultations:round_paragraph", args=[setup.round.pk, paragraph.pk])


def get(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_the_round_page_shows_numbers_and_links_not_the_comments(setup, personas, client_for):
    first, second = setup.paragraphs[1], setup.paragraphs[2]
    on_first = [CommentFactory(round=setup.round, paragraph=first, body=f"Eerste alinea {n}") for n in range(3)]
    CommentFactory(round=setup.round, paragraph=second, body="Tweede alinea")
    CommentFactory(round=setup.round, paragraph=None, body="Over het geheel")
    body = get(client_for(personas.member), round_url(setup))
    assert "5 comments so far." in body
    assert "There are many comments." in body
    for comment in on_first:
        assert comment.body not in body
    assert "Tweede alinea" not in body and "Over het geheel" not in body
    assert f'href="{paragraph_url(setup, first)}"' in body
    assert "3 comments" in body and "1 comment" in body
    assert reverse("consultations:round_document_comments", args=[setup.round.pk]) in body
    assert "Read 1 comment on the whole document" in body


def test_each_part_page_shows_all_its_comments_and_nothing_else(setup, personas, client_for):
    first, second = setup.paragraphs[1], setup.paragraphs[2]
    for n in range(4):
        CommentFactory(round=setup.round, paragraph=first, body=f"Eerste alinea {n}")
    CommentFactory(round=setup.round, paragraph=second, body="Tweede alinea")
    CommentFactory(round=setup.round, paragraph=None, body="Over het geheel")
    client = client_for(personas.member)
    page = get(client, paragraph_url(setup, first))
    assert all(f"Eerste alinea {n}" in page for n in range(4))
    assert "Tweede alinea" not in page and "Over het geheel" not in page
    assert "Comments on paragraph 2" in page
    assert first.text in page
    assert f"{reverse('consultations:comment_create', args=[setup.round.pk])}?paragraph={first.pk}" in page
    whole = get(client, reverse("consultations:round_document_comments", args=[setup.round.pk]))
    assert "Over het geheel" in whole and "Eerste alinea" not in whole


def test_answers_to_a_question_have_their_page(setup, personas, client_for):
    question = Question.objects.create(round=setup.round, position=1, text="Mist er iets?")
    other = Question.objects.create(round=setup.round, position=2, text="Is de taal duidelijk?")
    for n in range(4):
        CommentFactory(round=setup.round, paragraph=None, question=question, body=f"Antwoord {n}")
    CommentFactory(round=setup.round, paragraph=None, question=other, body="Ander antwoord")
    body = get(client_for(personas.member), round_url(setup))
    assert "Read 4 answers" in body and "Antwoord 0" not in body
    page = get(client_for(personas.member), reverse("consultations:round_question", args=[setup.round.pk, question.pk]))
    assert all(f"Antwoord {n}" in page for n in range(4))
    assert "Ander antwoord" not in page
    assert "Mist er iets?" in page


def test_anonymous_authors_stay_anonymous_on_a_part_page(setup, personas, client_for):
    paragraph = setup.paragraphs[1]
    for _ in range(4):
        CommentFactory(
            round=setup.round, paragraph=paragraph, author=personas.outsider, display=Comment.Display.ANONYMOUS
        )
    page = get(client_for(personas.member), paragraph_url(setup, paragraph))
    assert personas.outsider.name not in page
    assert personas.outsider.name in get(client_for(personas.coordinator), paragraph_url(setup, paragraph))


def test_withdrawn_comments_are_for_coordinators_only_and_not_counted_for_others(setup, personas, client_for):
    paragraph = setup.paragraphs[1]
    for n in range(4):
        CommentFactory(round=setup.round, paragraph=paragraph, body=f"Staat {n}")
    CommentFactory(round=setup.round, paragraph=paragraph, body="Ingetrokken", withdrawn_at=NOW)
    member_page = get(client_for(personas.member), paragraph_url(setup, paragraph))
    assert "Ingetrokken" not in member_page
    assert "4 comments<" in get(client_for(personas.member), round_url(setup)).replace("<span", "<")
    assert "Ingetrokken" in get(client_for(personas.coordinator), paragraph_url(setup, paragraph))


def test_support_and_new_comments_lead_to_the_part_page(setup, personas, client_for):
    paragraph = setup.paragraphs[1]
    comments = [CommentFactory(round=setup.round, paragraph=paragraph) for _ in range(4)]
    target = comments[0]
    response = client_for(personas.member).post(
        reverse("consultations:comment_support", args=[setup.round.pk, target.pk]), {"action": "support"}
    )
    assert response["Location"] == f"{paragraph_url(setup, paragraph)}#comment-{target.pk}"
    assert CommentSupport.objects.filter(comment=target, member=personas.member).exists()
    response = client_for(personas.member).post(
        reverse("consultations:comment_create", args=[setup.round.pk]),
        {"paragraph": paragraph.pk, "body": "Nog een opmerking", "display": "name"},
    )
    new = Comment.objects.get(body="Nog een opmerking")
    assert response["Location"] == f"{paragraph_url(setup, paragraph)}#comment-{new.pk}"
    assert "Nog een opmerking" in get(client_for(personas.member), paragraph_url(setup, paragraph))


# --- who may see, and foreign ids -------------------------------------------------------------------


def test_a_hidden_round_hides_its_part_pages(db, frozen, personas, client_for):
    """A round on a document that is not public is for approved members (and invitees) only."""
    setup = make_round(is_public=False)
    CommentFactory(round=setup.round, paragraph=setup.paragraphs[1])
    urls = [
        paragraph_url(setup, setup.paragraphs[1]),
        reverse("consultations:round_document_comments", args=[setup.round.pk]),
    ]
    for url in urls:
        assert client_for(None).get(url).status_code == 302  # to the login page
        assert client_for(personas.pending).get(url).status_code == 404
        assert client_for(personas.member).get(url).status_code == 200


def test_paragraphs_and_questions_of_another_round_are_404(setup, personas, client_for):
    other = make_round()
    foreign_question = Question.objects.create(round=other.round, position=1, text="Elders?")
    client = client_for(personas.member)
    get(client, paragraph_url(setup, other.paragraphs[1]), status=404)
    get(client, reverse("consultations:round_question", args=[setup.round.pk, foreign_question.pk]), status=404)
    get(client, reverse("consultations:round_paragraph", args=[setup.round.pk, 999999]), status=404)
    get(client, f"/consultations/rounds/{setup.round.pk}/paragraphs/abc/", status=404)


def test_part_pages_answer_get_only(setup, personas, client_for):
    url = paragraph_url(setup, setup.paragraphs[1])
    assert client_for(personas.member).post(url).status_code == 405


def test_html_in_comments_is_shown_as_text(setup, personas, client_for):
    paragraph = setup.paragraphs[1]
    for _ in range(3):
        CommentFactory(round=setup.round, paragraph=paragraph)
    CommentFactory(round=setup.round, paragraph=paragraph, body="<script>alert(1)</script><b>vet</b>")
    page = get(client_for(personas.member), paragraph_url(setup, paragraph))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;" in page


# --- queries --------------------------------------------------------------------------------------


def _queries(client, url) -> int:
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_round_and_part_pages_take_as_many_queries_for_10_as_for_200_comments(setup, personas, client_for):
    paragraph = setup.paragraphs[1]
    authors = [MemberFactory() for _ in range(5)]
    client = client_for(personas.member)

    def add(n):
        Comment.objects.bulk_create(
            CommentFactory.build(round=setup.round, paragraph=paragraph, author=authors[i % 5]) for i in range(n)
        )

    add(10)
    confirm_email(*authors)
    small = (_queries(client, round_url(setup)), _queries(client, paragraph_url(setup, paragraph)))
    add(190)
    large = (_queries(client, round_url(setup)), _queries(client, paragraph_url(setup, paragraph)))
    assert small == large
    assert max(large) <= 15
