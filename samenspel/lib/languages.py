"""The language tag a document is written in, for the site's language (documents want a region)."""

from django.conf import settings
from django.utils import translation

DOCUMENT_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}


def document_language(language: str | None = None) -> str:
    """ "nl" → "nl-NL", "en" → "en-GB"; without an argument: the active language."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return DOCUMENT_LANGUAGES.get(language, DOCUMENT_LANGUAGES["nl"])
