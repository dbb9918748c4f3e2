"""Fixtures of the meetings tests (factories in tests/factories/meetings.py, helpers in helpers_afterwards.py)."""

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


@pytest.fixture
def afterwards_settings(settings, tmp_path, english):
    """The afterwards tests (reports, groups, attachments): English, a tmp MEDIA_ROOT, a fixed SITE_URL."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://samenspel.example"
