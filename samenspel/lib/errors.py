"""The one base class for the errors a service raises when a rule is broken."""

from django.utils.translation import gettext as _


class DomainError(Exception):
    """A rule was broken; `message` can be shown to the person (views put it in the form or a message).

    A subclass for one case may give its text in `default_message()` and be raised without one.
    """

    def __init__(self, message: str = ""):
        self.message = message or self.default_message()
        super().__init__(self.message)

    def default_message(self) -> str:
        return _("This is not possible.")
