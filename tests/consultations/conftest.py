"""Fixtures of the consultations tests: a frozen clock, an open round, a closed round with a next version.

Helpers (NOW, DAY, make_round, confirm_email; make_consultation, comment, answer_all) are in
helpers_rounds.py and helpers_reactienota.py; factories in tests/factories/consultations.py.
"""

import pytest
import time_machine

from .helpers_reactienota import make_consultation
from .helpers_rounds import NOW, confirm_email, make_round


@pytest.fixture
def frozen():
    """The clock stands still at NOW."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def setup(db, frozen, personas):
    """An open members' round; all personas have a confirmed email address."""
    confirm_email(*personas.as_dict().values())
    return make_round()


@pytest.fixture
def consultation(db):
    """A closed round on version 1 of a public document, and a published version 2."""
    return make_consultation()
