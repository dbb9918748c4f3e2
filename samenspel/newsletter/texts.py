"""The words a member or a public subscriber agrees to, recorded with their version (like consent).

Raise a version when its text changes: each choice keeps the words and the version it was given with.
"""

from django.utils.translation import gettext as _

# The version of the words a member or subscriber agrees to. Raise it when the texts below change.
OPT_IN_TEXT_VERSION = 1
SUBSCRIBE_TEXT_VERSION = 1


def opt_in_text() -> str:
    return _(
        'Yes, send me the newsletter "Stand van zaken" by email: news from the circles, meetings and '
        "consultations, a few times a year. I can stop at any time, on this page or with the link in "
        "every newsletter."
    )


def subscribe_text() -> str:
    return _(
        'Yes, send the newsletter "Stand van zaken" to this email address, a few times a year. We keep '
        "only your address, your language and when you confirmed. Every newsletter has a link to stop; "
        "then we delete your address."
    )
