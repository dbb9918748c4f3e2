import pytest


@pytest.fixture(autouse=True)
def _english(settings):
    """These tests read English messages; pages fall back to English when the browser asks nothing."""
    settings.LANGUAGE_CODE = "en"
