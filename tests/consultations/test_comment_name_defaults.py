"""A comment shows the author's role unless they choose their name, and the form says who reads the name."""

import datetime
import re

import pytest
from django.urls import reverse

from samenspel.consultations.models import Comment, Question
from tests.factories.consultations import CommentFactory

from .helpers_rounds import NOW, confirm_email, make_round

PUBLIC_SENTENCE = "This document is public. With your name, everyone can read your name"
MEMBERS_SENTENCE = "With your name, members of the network and people invited to this round can read your name."


@pytest.fixture
def people(db, frozen, personas):
    confirm_email(*personas.as_dict().values())
    return personas


def checked_display(html: str) -> list[str]:
    """The values of the display radio buttons that are checked."""
    inputs = re.findall(r"<input[^>]*name=\"display\"[^>]*>", html)
    return [re.search(r'value="([^"]+)"', tag).group(1) for tag in inputs if " checked" in tag]


def _form(client, round_) -> str:
    response = client.get(reverse("consultations:comment_create", args=[round_.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_comment_form_defaults_to_the_role_not_the_name(people, client_for):
    setup = make_round(is_public=True)
    assert checked_display(_form(client_for(people.member), setup.round)) == [Comment.Display.ROLE]


def test_on_a_public_document_the_form_says_everyone_can_read_the_name(people, client_for):
    setup = make_round(is_public=True)
    html = _form(client_for(people.member), setup.round)
    assert PUBLIC_SENTENCE in html and MEMBERS_SENTENCE not in html
    assert 'aria-describedby="who-reads-the-name"' in html


def test_on_a_members_document_the_form_says_members_and_invited_people_read_it(people, client_for):
    setup = make_round(is_public=False)
    html = _form(client_for(people.member), setup.round)
    assert MEMBERS_SENTENCE in html and PUBLIC_SENTENCE not in html


def test_the_sentence_is_in_dutch_for_dutch_readers(people, client_for):
    setup = make_round(is_public=True)
    response = client_for(people.member).get(
        reverse("consultations:comment_create", args=[setup.round.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert "dan kan iedereen je naam lezen" in response.content.decode()


def test_a_comment_sent_with_the_default_shows_the_role_not_the_name(people, client_for):
    setup = make_round(is_public=True)
    client = client_for(people.member)
    html = _form(client, setup.round)
    assert checked_display(html) == ["role"]
    response = client.post(
        reverse("consultations:comment_create", args=[setup.round.pk]),
        {"body": "Graag eenvoudiger.", "display": "role"},
    )
    assert response.status_code == 302
    assert Comment.objects.get().display == Comment.Display.ROLE
    public_page = client_for(None).get(reverse("consultations:round_detail", args=[setup.round.pk])).content.decode()
    assert "Graag eenvoudiger." in public_page and "Mila Member" not in public_page


def test_the_answers_form_defaults_to_the_role_and_says_who_reads_the_name(people, client_for):
    setup = make_round(is_public=True)
    Question.objects.create(round=setup.round, position=1, text="Mist er iets?")
    response = client_for(people.member).get(reverse("consultations:answers", args=[setup.round.pk]))
    html = response.content.decode()
    assert checked_display(html) == [Comment.Display.ROLE]
    assert PUBLIC_SENTENCE in html


def test_editing_keeps_the_choice_made_and_says_who_reads_the_name(people, client_for):
    setup = make_round(is_public=True)
    comment = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=people.member, display="name")
    response = client_for(people.member).get(reverse("consultations:comment_edit", args=[setup.round.pk, comment.pk]))
    html = response.content.decode()
    assert checked_display(html) == [Comment.Display.NAME]
    assert PUBLIC_SENTENCE in html


def test_the_remark_form_for_coordinators_defaults_to_anonymous(people, client_for):
    setup = make_round(is_public=True)
    response = client_for(people.coordinator).get(reverse("consultations:remark_create", args=[setup.round.pk]))
    assert checked_display(response.content.decode()) == [Comment.Display.ANONYMOUS]


def test_comment_times_are_shown_to_the_minute(people, client_for):
    setup = make_round(is_public=True)
    comment = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=people.member)
    precise = NOW - datetime.timedelta(hours=2, seconds=37, microseconds=123456)
    Comment.objects.filter(pk=comment.pk).update(created_at=precise)
    html = client_for(None).get(reverse("consultations:round_detail", args=[setup.round.pk])).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d{4}", stamp), stamp
    assert "123456" not in html
    assert stamps == ["2030-03-01T08:59+0100"]  # 07:59:23.123456 UTC, in Amsterdam time, to the minute
