import pytest


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source texts, also after the Dutch translations are filled in."""
    settings.LANGUAGE_CODE = "en"
