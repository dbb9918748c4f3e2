"""The newsletter's domain errors: each has a message a person can read."""

from django.utils import formats
from django.utils.translation import gettext as _

from samenspel.lib.errors import DomainError


class NewsletterError(DomainError):
    """A rule of the newsletter was broken."""


class AlreadySent(NewsletterError):
    def __init__(self, edition=None):
        self.edition = edition
        super().__init__()

    def default_message(self) -> str:
        started = getattr(self.edition, "sending_started_at", None)
        if started is None:
            return _("This edition is already being sent or was sent. An edition is sent only once.")
        return _("This edition was already sent on %(date)s. An edition is sent only once.") % {
            "date": formats.date_format(started, "j F Y, H:i")
        }


class EditionClosed(NewsletterError):
    def default_message(self) -> str:
        return _("This edition is being sent or was sent. Its text and its updates can no longer change.")


class NoRecipients(NewsletterError):
    def default_message(self) -> str:
        return _("Nobody would get this edition: nobody in this audience chose the newsletter yet.")


class NotInTheFuture(NewsletterError):
    def default_message(self) -> str:
        return _("Choose a moment in the future.")


class LinkNotUsable(NewsletterError):
    """A confirmation link that was changed, is unknown or has expired; `reason` says which."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__()

    def default_message(self) -> str:
        if self.reason == "expired":
            return _("This link has expired. Subscribe again to get a new one.")
        return _("This link does not work. Copy the whole link from the email, or subscribe again.")
