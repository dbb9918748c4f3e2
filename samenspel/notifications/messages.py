"""The sentences of notifications, made in the reader's language when shown or emailed.

A notification stores a key of `MESSAGES` and plain parameters (names, titles, numbers). A
parameter whose name ends in `_at` holds an ISO date-time and is shown as a date in the reader's
language and time zone. A key or parameter that is missing (a message of an older version) falls
back to the kind's name, so a list never fails on an old row.
"""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .models import Kind

MESSAGES = {
    "circle_update.published": _("New update in %(circle)s: %(title)s"),
    "meeting.planned": _("New meeting: %(meeting)s on %(starts_at)s"),
    "meeting.series_planned": _("New meetings: %(meeting)s, %(count)s dates from %(starts_at)s"),
    "meeting.changed": _("Meeting changed: %(meeting)s, now on %(starts_at)s"),
    "meeting.cancelled": _("Meeting cancelled: %(meeting)s on %(starts_at)s"),
    "round.opened": _("A consultation round is open for you: %(round)s (until %(closes_at)s)"),
    "round.closing": _("The consultation round %(round)s closes on %(closes_at)s"),
    "reactienota.published": _("What was done with your comment on %(document)s (new version %(version)s)"),
    "report.published": _("The report of %(meeting)s is ready"),
    "join_request.created": _("Someone asks to join %(circle)s"),
    "sign_up.created": _("Someone new signed up for the network"),
    "tandem.enrolled": _("Your tandem is enrolled in %(trajectory)s"),
    "tandem.withdrawn": _("Your tandem no longer follows %(trajectory)s"),
    "circle_message.sent": _("Message to %(circle)s: %(subject)s"),
    "opportunity.fits": _("A new opportunity fits you: %(title)s"),
    "tandem.session_changed": _("A session of %(trajectory)s changed: %(module)s, now on %(starts_at)s"),
    "opportunity.responded": _("Someone responded to %(opportunity)s"),
    "opportunity.chosen": _("You were chosen for %(opportunity)s"),
    "opportunity.not_chosen": _("Thank you for responding to %(opportunity)s. This time someone else was chosen."),
}


def _shown(name: str, value):
    if name.endswith("_at") and isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "j F Y, H:i")
    return value


def text(*, kind: str, message: str, params: dict) -> str:
    """The sentence in the active language."""
    template = MESSAGES.get(message)
    if template is not None:
        try:
            return str(template) % {name: _shown(name, value) for name, value in (params or {}).items()}
        except (KeyError, TypeError, ValueError):
            pass
    return str(Kind(kind).label) if kind in Kind.values else str(_("Message"))


def check(*, message: str, params: dict) -> None:
    """Raise ValueError when `message` is unknown or `params` do not fill it (called when stored)."""
    if message not in MESSAGES:
        raise ValueError(f"Unknown notification text key: {message!r}")
    for name, value in params.items():
        if not isinstance(value, str | int | float):
            raise ValueError(f"Notification parameter {name!r} must be plain text or a number.")
    str(MESSAGES[message]) % params  # a KeyError names a missing parameter
