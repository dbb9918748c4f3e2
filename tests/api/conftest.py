import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings):
    """The assertions read the English texts (a test that wants Dutch asks with Accept-Language: nl)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
