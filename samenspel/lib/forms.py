"""Form fields, input formats and messages that every app's forms share (no domain knowledge).

Dates and times: ISO first (what the browser's date and time inputs send), then the Dutch
order; never the American month/day.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

TOO_LONG = _("This is too long. Use at most %(limit_value)d characters (now %(show_value)d).")
DATETIME_HELP = _("For example 2025-02-08 19:00 (time in Amsterdam).")
BAD_DATETIME = _("Fill in a date and time, like 2025-02-08 19:00.")
BAD_DATE = _("Fill in a date, like 2025-02-08.")
BAD_TIME = _("Fill in a time, like 19:00.")
END_AFTER_START = _("The end must be after the start.")

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
TIME_FORMATS = ["%H:%M", "%H:%M:%S", "%H.%M"]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def datetime_field(label, *, required=True, help_text=DATETIME_HELP) -> forms.DateTimeField:
    """A date and time, entered in a datetime-local input (or typed in one of DATETIME_FORMATS)."""
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeLocalInput(),
        help_text=help_text,
        error_messages={"required": _("Fill in a date and time."), "invalid": BAD_DATETIME},
    )


def check_end_after_start(form: forms.Form, data: dict, *, start: str, end: str, message=END_AFTER_START) -> None:
    """Add `message` to the field `end` when both values are valid and the end is not after the start."""
    starts, ends = data.get(start), data.get(end)
    if starts and ends and ends <= starts:
        form.add_error(end, message)
