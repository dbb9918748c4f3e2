"""Fixtures of the opportunities tests (factories in tests/factories/opportunities.py)."""

import pytest

from tests.factories.opportunities import AreaFactory


@pytest.fixture
def area(db):
    return AreaFactory(name_nl="Zuidoost", name_en="South-East")
