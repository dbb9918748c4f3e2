"""Whether the round page shows every comment is decided without counting every comment
(`selectors.rounds.shows_inline_for`, used after each new comment): the same answer as the counts
the round page shows, at the limit and one past it, withdrawn comments left out for members."""

import pytest

from samenspel.consultations.selectors import rounds as selectors_rounds
from tests.factories.consultations import CommentFactory

from .helpers_rounds import NOW


@pytest.fixture(autouse=True)
def _low_limit(settings):
    settings.CONSULTATION_INLINE_COMMENTS = 3


def _both(user, round_) -> tuple[bool, bool]:
    counts = selectors_rounds.visible_counts(user, round_)
    return selectors_rounds.shows_inline(counts), selectors_rounds.shows_inline_for(user, round_)


def test_at_the_limit_inline_and_one_past_it_not(setup, personas):
    paragraph = setup.paragraphs[1]
    CommentFactory.create_batch(3, round=setup.round, paragraph=paragraph)
    assert _both(personas.member, setup.round) == (True, True)
    CommentFactory(round=setup.round, paragraph=paragraph)
    assert _both(personas.member, setup.round) == (False, False)


def test_withdrawn_comments_do_not_count_for_members(setup, personas):
    paragraph = setup.paragraphs[1]
    CommentFactory.create_batch(3, round=setup.round, paragraph=paragraph)
    CommentFactory(round=setup.round, paragraph=paragraph, withdrawn_at=NOW)
    assert _both(personas.member, setup.round) == (True, True)
    assert _both(personas.coordinator, setup.round) == (False, False)  # coordinators see them
