"""Forms for planning meetings: one meeting, a series, cancelling, and the list filters."""

import re

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samenspel.circles.models import Circle
from samenspel.core.roles import is_coordinator
from samenspel.lib.forms import (
    BAD_DATE,
    BAD_TIME,
    DATE_FORMATS,
    TIME_FORMATS,
    TOO_LONG,
    DateInput,
    TimeInput,
    check_end_after_start,
    datetime_field,
)

from ..access import circles_to_organise
from ..fields import check_place, check_time_and_place, place_fields, visibility_field
from ..models import Meeting, MeetingSeries, Visibility
from ..services import planning

# Formatted when shown, not at import time, so it follows the visitor's language.
_series_limit_help = lazy(lambda: gettext("At most %(max)d meetings at once.") % {"max": planning.MAX_OCCURRENCES}, str)

TITLE_MAX = Meeting._meta.get_field("title").max_length
DESCRIPTION_MAX = Meeting._meta.get_field("description").max_length
REASON_MAX = 500


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
    starts_at = datetime_field(_("Starts"))
    ends_at = datetime_field(_("Ends"))

    def __init__(self, *args, user, meeting: Meeting | None = None, **kwargs):
        self.meeting = meeting
        if meeting is not None:
            kwargs.setdefault("initial", {f: getattr(meeting, f) for f in planning.EDITABLE_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields.update(place_fields())
        self.fields["registration_opens_at"] = datetime_field(
            _("Registration opens (optional)"), required=False, help_text=_("Empty: registration is open at once.")
        )
        self.fields["registration_closes_at"] = datetime_field(
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
        self.fields["visibility"] = visibility_field(allow_circle=allow_circle)
        if allow_circle:
            self.fields["guests"] = forms.CharField(
                label=_("Also open to guests (optional)"),
                required=False,
                max_length=Meeting._meta.get_field("guests").max_length,
                help_text=_(
                    "For a meeting for the circle's members: whom else do you invite? For example: OKT workers. "
                    "Then everyone in the network sees the meeting and can register. Empty: members of the circle only."
                ),
                error_messages={"max_length": TOO_LONG},
            )

    def circle(self) -> Circle | None:
        if self.meeting is not None:
            return self.meeting.circle
        return self.cleaned_data.get("circle")

    def clean(self):
        data = super().clean()
        check_time_and_place(self, data)
        ends_at = data.get("ends_at")
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
        fields = {name: data.get(name, "") for name in planning.EDITABLE_FIELDS}
        fields["guests"] = fields["guests"].strip() if data.get("visibility") == Visibility.CIRCLE else ""
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
            **place_fields(),
            "visibility": visibility_field(allow_circle=True),
            "publish": forms.BooleanField(
                label=_("Publish the meetings at once"),
                required=False,
                help_text=_("If you do not tick this, the meetings are drafts that only organisers see."),
            ),
        }

    def clean(self):
        data = super().clean()
        check_end_after_start(
            self, data, start="start_time", end="end_time", message=_("The end time must be after the start time.")
        )
        check_place(self, data)
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
        """circles: (id, name) of the active circles, in the order to show."""
        super().__init__(*args, **kwargs)
        self.circles = {str(pk): pk for pk, _name in circles}
        self.fields["circle"].choices = [
            ("", _("All meetings")),
            (self.NETWORK, _("Meetings of the whole network")),
            *[(str(pk), name) for pk, name in circles],
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

    # What filters() gives when nothing was chosen.
    NO_FILTERS = {"circle": None, "network_only": False, "month": None, "where": ""}

    def filters(self) -> dict:
        """Keyword arguments for selectors.meetings_for_list (only the valid filters)."""
        data = getattr(self, "cleaned_data", {})
        circle = data.get("circle") or ""
        return {
            "circle": self.circles.get(circle),  # the circle's id
            "network_only": circle == self.NETWORK,
            "month": data.get("month"),
            "where": data.get("where") or "",
        }
