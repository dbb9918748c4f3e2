"""Shared fixtures for the consultations tests (factories live in tests/factories.py)."""

import pytest


@pytest.fixture(autouse=True)
def _english(settings):
    """Tests read English source text, whatever the default language."""
    settings.LANGUAGE_CODE = "en"
