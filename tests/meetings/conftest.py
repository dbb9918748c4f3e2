"""Shared fixtures for the meetings tests (MeetingFactory and RegistrationFactory live in tests/factories.py)."""

import pytest

from tests.factories.meetings import MeetingFactory


@pytest.fixture
def meeting_factory(db):
    """meeting_factory(**fields) creates a Meeting (published, members, network) with MeetingFactory."""
    return MeetingFactory


@pytest.fixture
def circle_meeting(personas):
    """A published members-only meeting of the personas' circle."""
    return MeetingFactory(circle=personas.circle, title="Kringbijeenkomst")
