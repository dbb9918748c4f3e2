"""Fixtures of the newsletter tests: an edition started by the coordinator around the personas' circle."""

import pytest

from samenspel.newsletter.services import editions
from tests.factories.newsletter import EditionFactory


@pytest.fixture
def edition(personas, django_capture_on_commit_callbacks):
    """An edition in preparation, started through the service: the example circle was asked for its update."""
    with django_capture_on_commit_callbacks(execute=True):
        started = editions.create_edition(
            actor=personas.coordinator,
            **{
                name: getattr(EditionFactory.build(), name)
                for name in ("title", "issue_date", "deadline", "introduction", "audience", "visibility")
            },
        )
    return started


@pytest.fixture
def update_request(edition, personas):
    return edition.requests.get(circle=personas.circle)
