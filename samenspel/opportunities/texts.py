"""The words a member agrees to when they ask for invitations, recorded with their version (like consent).

Raise the version when the text changes: each choice keeps the words and the version it was given with.
"""

from django.utils.translation import gettext as _

# The version of the words of the opt-in. Raise it when the text below changes.
OPT_IN_TEXT_VERSION = 1


def opt_in_text() -> str:
    return _(
        "I want invitations for opportunities that fit my themes. The platform compares my themes and "
        "my wishes below with new opportunities and tells me when one fits. The people who post an "
        "opportunity never see who fits: only how many. I can stop at any time on this page."
    )
