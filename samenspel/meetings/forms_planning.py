"""Forms for planning meetings: one meeting, a series, cancelling, and the list filters."""

import re

from django import forms
from django.core.validators import URLValidator
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samenspel.circles.models import Circle
from samenspel.members.rules import is_coordinator

from . import planning
from .access import circles_to_organise
from .models import Meeting, MeetingSeries, Visibility

# Formatted when shown, not at import time, so it follows the visitor's language.
_series_limit_help = lazy(lambda: gettext("At most %(max)d meetings at once.") % {"max": planning.MAX_OCCURRENCES}, str)

TITLE_MAX = Meeting._meta.get_field("title").max_length
DESCRIPTION_MAX = Meeting._meta.get_field("description").max_length
URL_MAX = Meeting._meta.get_field("online_url").max_length
LOCATION_MAX = Meeting._meta.get_field("location").max_length
CAPACITY_MAX = 10000
REASON_MAX = 500

TOO_LONG = _("This is too long. Use at most %(limit_value)d characters (now %(show_value)d).")
DATETIME_HELP = _("For example 2025-02-08 19:00 (time in Amsterdam).")
BAD_DATETIME = _("Fill in a date and time, like 2025-02-08 19:00.")
BAD_DATE = _("Fill in a date, like 2025-02-08.")
BAD_TIME = _("Fill in a time, like 19:00.")
# ISO first (what date/time inputs send), then the Dutch order; never the American month/day.
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


def _datetime_field(label, *, required=True, help_text=DATETIME_HELP):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeLocalInput(),
        help_text=help_text,
        error_messages={"required": _("Fill in a date and time."), "invalid": BAD_DATETIME},
    )


def _online_url_field():
    return forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=URL_MAX,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A link that starts with https://. Only registered participants see it."),
        error_messages={
            "invalid": _("Fill in a web link that starts with https:// or http://."),
            "max_length": TOO_LONG,
        },
    )


def _place_fields():
    return {
        "online_url": _online_url_field(),
        "location": forms.CharField(
            label=_("Location"),
            required=False,
            max_length=LOCATION_MAX,
            help_text=_("Address or name of the place. Fill in a location, an online link, or both."),
            error_messages={"max_length": TOO_LONG},
        ),
        "capacity": forms.IntegerField(
            label=_("Number of places"),
            min_value=1,
            max_value=CAPACITY_MAX,
            error_messages={
                "required": _("Fill in the number of places."),
                "invalid": _("Fill in a whole number, like 20."),
                "min_value": _("The number of places must be 1 or more."),
                "max_value": _("The number of places can be at most %(limit_value)s."),
            },
        ),
    }


def _visibility_field(*, allow_circle: bool):
    choices = [c for c in Visibility.choices if allow_circle or c[0] != Visibility.CIRCLE]
    return forms.ChoiceField(
        label=_("Who may see and register"),
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who may see the meeting."),
            "invalid_choice": _("Choose one of the options."),
        },
    )


class MeetingForm(forms.Form):
    """Create or change one meeting. `circle` is asked only when creating."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={"required": _("Fill in a title."), "max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the meeting is about and who it is for. Plain text."),
        error_messages={"max_length": TOO_LONG},
    )
    starts_at = _datetime_field(_("Starts"))
    ends_at = _datetime_field(_("Ends"))

    def __init__(self, *args, user, meeting: Meeting | None = None, **kwargs):
        self.meeting = meeting
        if meeting is not None:
            kwargs.setdefault("initial", {f: getattr(meeting, f) for f in planning.EDITABLE_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields.update(_place_fields())
        self.fields["registration_opens_at"] = _datetime_field(
            _("Registration opens (optional)"), required=False, help_text=_("Empty: registration is open at once.")
        )
        self.fields["registration_closes_at"] = _datetime_field(
            _("Registration closes (optional)"),
            required=False,
            help_text=_("Empty: registration is open until the start. It must close before the end."),
        )
        if meeting is None:
            circles = circles_to_organise(user)
            coordinator = is_coordinator(user)
            self.fields = {
                "circle": forms.ModelChoiceField(
                    label=_("Circle"),
                    queryset=circles,
                    required=not coordinator,
                    empty_label=_("The whole network") if coordinator else _("Choose a circle"),
                    help_text=_("A meeting of the whole network, or of one circle."),
                    error_messages={
                        "required": _("Choose a circle."),
                        "invalid_choice": _("Choose one of the circles in the list."),
                    },
                ),
                **self.fields,
            }
            allow_circle = True
        else:
            allow_circle = meeting.circle_id is not None
        self.fields["visibility"] = _visibility_field(allow_circle=allow_circle)

    def circle(self) -> Circle | None:
        if self.meeting is not None:
            return self.meeting.circle
        return self.cleaned_data.get("circle")

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        if "online_url" in data and "location" in data and not (data["online_url"] or data["location"].strip()):
            self.add_error("location", _("Fill in an online link or a location (or both)."))
        closes = data.get("registration_closes_at")
        opens = data.get("registration_opens_at")
        if closes and ends_at and closes >= ends_at:
            self.add_error("registration_closes_at", _("Registration must close before the meeting ends."))
        if opens and closes and opens >= closes:
            self.add_error("registration_opens_at", _("Registration must open before it closes."))
        if data.get("visibility") == Visibility.CIRCLE and self.circle() is None and "circle" not in self.errors:
            self.add_error("visibility", _("Only a circle meeting can be for the members of a circle."))
        return data

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in planning.EDITABLE_FIELDS}
        fields["location"] = fields["location"].strip()
        fields["title"] = fields["title"].strip()
        return fields


class SeriesForm(forms.Form):
    """A recurring circle meeting, e.g. the second Tuesday of every month, 19:00–21:00."""

    WEEKS = [(1, _("First")), (2, _("Second")), (3, _("Third")), (4, _("Fourth")), (-1, _("Last"))]

    title = MeetingForm.base_fields["title"]
    description = MeetingForm.base_fields["description"]
    week_of_month = forms.TypedChoiceField(
        label=_("Which week of the month"),
        choices=[("", _("Choose a week")), *WEEKS],
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Choose a week."), "invalid_choice": _("Choose one of the options.")},
    )
    weekday = forms.TypedChoiceField(
        label=_("Day of the week"),
        choices=[("", _("Choose a day")), *MeetingSeries.Weekday.choices],
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Choose a day."), "invalid_choice": _("Choose one of the options.")},
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        input_formats=TIME_FORMATS,
        widget=TimeInput(),
        error_messages={"required": BAD_TIME, "invalid": BAD_TIME},
    )
    end_time = forms.TimeField(
        label=_("End time"),
        input_formats=TIME_FORMATS,
        widget=TimeInput(),
        error_messages={"required": BAD_TIME, "invalid": BAD_TIME},
    )
    first_date = forms.DateField(
        label=_("From"),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"required": BAD_DATE, "invalid": BAD_DATE},
    )
    last_date = forms.DateField(
        label=_("Until"),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=_series_limit_help(),
        error_messages={"required": BAD_DATE, "invalid": BAD_DATE},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "circle": forms.ModelChoiceField(
                label=_("Circle"),
                queryset=circles_to_organise(user),
                empty_label=_("Choose a circle"),
                error_messages={
                    "required": _("Choose a circle."),
                    "invalid_choice": _("Choose one of the circles in the list."),
                },
            ),
            **self.fields,
            **_place_fields(),
            "visibility": _visibility_field(allow_circle=True),
            "publish": forms.BooleanField(
                label=_("Publish the meetings at once"),
                required=False,
                help_text=_("If you do not tick this, the meetings are drafts that only organisers see."),
            ),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        if "online_url" in data and "location" in data and not (data["online_url"] or data["location"].strip()):
            self.add_error("location", _("Fill in an online link or a location (or both)."))
        first, last = data.get("first_date"), data.get("last_date")
        if first and last:
            if last < first:
                self.add_error("last_date", _("The last date must be on or after the first date."))
            elif data.get("weekday") is not None and data.get("week_of_month") is not None:
                dates = planning.series_dates(
                    weekday=data["weekday"], week_of_month=data["week_of_month"], first_date=first, last_date=last
                )
                if not dates:
                    self.add_error("last_date", _("There is no such day between these dates. Choose other dates."))
                elif len(dates) > planning.MAX_OCCURRENCES:
                    self.add_error(
                        "last_date",
                        _(
                            "This makes %(count)d meetings. You can plan at most %(max)d at once. "
                            "Choose an earlier last date."
                        )
                        % {"count": len(dates), "max": planning.MAX_OCCURRENCES},
                    )
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A short sentence. We send it to everyone who registered."),
        error_messages={"required": _("Write a short reason."), "max_length": TOO_LONG},
    )


MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class MonthInput(forms.TextInput):
    """<input type="month">: HTML allows only a month as its value, so a bad one is not shown back
    (the error message says what to fill in), and there is no placeholder or maxlength."""

    input_type = "month"

    def format_value(self, value):
        value = super().format_value(value)
        return value if value and MONTH_RE.match(value) else None


class MeetingFilterForm(forms.Form):
    """The list filters, sent with GET so they work without JavaScript."""

    NETWORK = "network"
    WHERE = [("", _("Online and on location")), ("online", _("Online")), ("location", _("On location"))]

    circle = forms.ChoiceField(label=_("Circle"), required=False)
    month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=MonthInput(),
        help_text=_("For example 2025-02. Empty: all upcoming meetings."),
    )
    where = forms.ChoiceField(
        label=_("Where"),
        required=False,
        choices=WHERE,
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )

    def __init__(self, *args, circles, **kwargs):
        super().__init__(*args, **kwargs)
        self.circles = {str(circle.pk): circle for circle in circles}
        self.fields["circle"].choices = [
            ("", _("All meetings")),
            (self.NETWORK, _("Meetings of the whole network")),
            *[(pk, circle.name) for pk, circle in self.circles.items()],
        ]
        self.fields["circle"].error_messages["invalid_choice"] = _("Choose one of the circles in the list.")

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        match = MONTH_RE.match(value)
        if not match:
            raise forms.ValidationError(_("Fill in a month like 2025-02."))
        return int(match.group(1)), int(match.group(2))

    def filters(self) -> dict:
        """Keyword arguments for selectors.meetings_for_list (only the valid filters)."""
        data = getattr(self, "cleaned_data", {})
        circle = data.get("circle") or ""
        return {
            "circle": self.circles.get(circle),
            "network_only": circle == self.NETWORK,
            "month": data.get("month"),
            "where": data.get("where") or "",
        }
