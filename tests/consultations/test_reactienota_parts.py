"""The reactienota read a part at a time (issue 13): every comment once, the list of parts on each
part, bad part numbers, and the cached parts (renewed at the next request, the same for every reader)."""

import re

import pytest
from django.urls import reverse

from samenspel.consultations.models import Comment
from samenspel.consultations.views.reactienota import COMMENTS_PER_PART
from tests.factories.members import MemberFactory

from .helpers_reactienota import comment
from .test_reactienota_page import page_url, publish

pytestmark = pytest.mark.django_db

PER_PARAGRAPH = 20  # 2 paragraphs of 20 comments reach a part of 50 comments only with a third


def spread(consultation, paragraphs: int) -> list[Comment]:
    """PER_PARAGRAPH named comments on each of the first `paragraphs` paragraphs (after the heading)."""
    from tests.factories.consultations import ParagraphFactory

    while len(consultation.paragraphs) <= paragraphs:
        consultation.paragraphs.append(ParagraphFactory(version=consultation.version))
    return [
        comment(consultation, index=index, body=f"Reactie {index}-{number} zonder einde.")
        for index in range(1, paragraphs + 1)
        for number in range(PER_PARAGRAPH)
    ]


def comment_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'id="comment-(\d+)"', html)]


def get(client, consultation, part=None) -> str:
    url = page_url(consultation) + ("" if part is None else f"?part={part}")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_long_reactienota_is_read_in_parts_with_every_comment_once(personas, client_for, consultation):
    comments = spread(consultation, paragraphs=6)  # 120 comments: parts of 60, 60 (whole paragraphs)
    publish(consultation, personas.coordinator)
    client = client_for(None)
    first = get(client, consultation)
    assert "Part 1 of 2" in first and 'href="?part=2"' in first and 'rel="next"' in first
    second = get(client, consultation, 2)
    assert "Part 2 of 2" in second and 'href="?part=1"' in second and 'rel="prev"' in second
    # The list of parts, on every part (paragraph 1 is the heading).
    assert "Paragraphs 2–4" in second and "Paragraphs 5–7" in first
    shown = comment_ids(first) + comment_ids(second)
    assert sorted(shown) == sorted(item.pk for item in comments)  # each exactly once
    assert len(comment_ids(first)) >= COMMENTS_PER_PART
    assert comment_ids(get(client, consultation, 1)) == comment_ids(first)


@pytest.mark.parametrize("part", ["abc", "-1", "0", "", "1.5", "<script>"])
def test_a_bad_part_number_shows_the_first_part(personas, client_for, consultation, part):
    spread(consultation, paragraphs=6)
    publish(consultation, personas.coordinator)
    client = client_for(None)
    assert "Part 1 of 2" in get(client, consultation, part)


def test_a_part_past_the_last_shows_the_last(personas, client_for, consultation):
    spread(consultation, paragraphs=6)
    publish(consultation, personas.coordinator)
    client = client_for(None)
    assert "Part 2 of 2" in get(client, consultation, 99999999999999999999)
    assert "Part 2 of 2" in get(client, consultation, 3)


def test_a_short_reactienota_has_no_list_of_parts(personas, client_for, consultation):
    comment(consultation)
    publish(consultation, personas.coordinator)
    page = get(client_for(None), consultation)
    assert "Part 1 of" not in page and "?part=" not in page


def test_a_draft_is_read_in_parts_too_and_never_cached(personas, client_for, consultation):
    spread(consultation, paragraphs=6)
    client = client_for(personas.coordinator)
    assert "Part 2 of 2" in get(client, consultation, 2)
    late = comment(consultation, index=6, body="Een late reactie op de laatste alinea.")
    assert "Een late reactie op de laatste alinea." in get(client, consultation, 2)
    assert f'id="comment-{late.pk}"' not in get(client, consultation, 1)


def test_a_cached_part_shows_a_new_name_at_the_next_request(
    personas, client_for, consultation, django_assert_max_num_queries
):
    spread(consultation, paragraphs=6)
    author = MemberFactory(name="Oude Naam")
    comment(consultation, index=6, author=author, body="Mijn reactie op alinea zes.")
    publish(consultation, personas.coordinator)
    client = client_for(None)
    assert "Oude Naam" in get(client, consultation, 2)
    with django_assert_max_num_queries(2):  # the versions and the round: no comments are read
        assert "Oude Naam" in get(client, consultation, 2)

    author.name = "Nieuwe Naam"
    author.save()  # bumps the round's version: every part is rendered afresh

    page = get(client, consultation, 2)
    assert "Nieuwe Naam" in page and "Oude Naam" not in page


def test_a_cached_part_is_the_same_for_every_reader_and_holds_nobody_s_own_parts(personas, client_for, consultation):
    spread(consultation, paragraphs=6)
    publish(consultation, personas.coordinator)
    coordinator = client_for(personas.coordinator)
    filled = get(coordinator, consultation, 2)  # the coordinator's request fills the cache
    assert 'href="/members/me/"' in filled  # their own menu, outside the cached part
    visitor = get(client_for(None), consultation, 2)
    assert 'href="/members/me/"' not in visitor
    assert reverse("consultations:outcomes", args=[consultation.round.pk]) not in visitor
    body = visitor[visitor.index("Comments and what was done with them") : visitor.index("Previous part")]
    assert body in filled


def test_many_parts_list_the_nearby_ones_and_a_form_goes_to_any_part(personas, client_for, consultation, monkeypatch):
    """At 100x data a round had 400 parts: each part lists the first, the last and the parts
    near it, and a form (a GET, no JavaScript) goes to any part by its number."""
    from samenspel.consultations.views import reactienota as views

    monkeypatch.setattr(views, "COMMENTS_PER_PART", PER_PARAGRAPH)  # a part per paragraph
    monkeypatch.setattr(views, "PARTS_LISTED", 4)
    monkeypatch.setattr(views, "NEARBY_PARTS", 1)
    spread(consultation, paragraphs=8)  # 8 parts
    publish(consultation, personas.coordinator)
    client = client_for(None)
    fifth = get(client, consultation, 5)
    assert "Part 5 of 8" in fifth
    listed = re.findall(
        r'href="\?part=(\d+)"', fifth.split('aria-labelledby="reactienota-parts"')[1].split("</nav>")[0]
    )
    assert listed == ["1", "4", "6", "8"]  # the fifth itself is not a link
    assert 'name="part"' in fifth and 'min="1" max="8"' in fifth and 'value="5"' in fifth
    assert "Part 7 of 8" in get(client, consultation, 7)  # where the form sends you
