"""Names that people type and that go out in emails ("Hello {name}") must not carry a link.

Otherwise anyone can make the site send a stranger an email that says
"Your account is blocked - restore it at https://…", from our address.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Top-level domains seen in phishing and the common ones; "x.nl" is a link, "A.Bakker" is a name.
_TLDS = (
    "nl|be|de|eu|uk|fr|com|org|net|info|biz|io|co|me|ly|app|dev|site|online|shop|store|click|link|top|xyz"
    "|live|club|icu|vip|cc|tk|ml|ga|cf|gq|ru|cn|su|ws|to|gl|gd|page|web|email|support|help|bit|tv|us|ai|frl"
    "|amsterdam"
)
_LINK = re.compile(
    rf"""
    ://                                   # any scheme: https://, hxxp://
    | \bhttps?\b | \bwww\d*\b             # the words a link starts with
    | @                                   # an email address
    | [\w-]\.[\w-]+/                      # a host with a path: x.nl/…, bit.ly/…
    | [\w-]\.(?:{_TLDS})\b                # a host with a common top-level domain: voorbeeld.nl
    """,
    re.IGNORECASE | re.VERBOSE,
)


def contains_link(text: str) -> bool:
    """True when the text holds a web address, a domain name or an email address.

    Full-width and other look-alike characters are folded first (NFKC): "ｈｔｔｐｓ：／／" too.
    """
    folded = unicodedata.normalize("NFKC", text or "")
    folded = re.sub(r"[。｡]", ".", folded)  # ideographic full stops, which NFKC keeps
    return bool(_LINK.search(folded))


def validate_name_without_link(value: str) -> None:
    if contains_link(value):
        raise ValidationError(
            _("A name cannot contain a web address or an email address. Fill in only your name."),
            code="link_in_name",
        )


def validate_text_without_link(value: str) -> None:
    """For short notes to someone else (a response to an opportunity): no web or email addresses."""
    if contains_link(value):
        raise ValidationError(
            _("Leave out web addresses, links and email addresses. Choose below what you want to share instead."),
            code="link_in_text",
        )
