"""The form fields and checks for a meeting's time and place, public for every form that plans a
meeting: the meeting and series forms here, and the session form of the tandem trajectory.

The services check the same rules again (`planning.validate_meeting`).
"""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from samenspel.lib.forms import TOO_LONG, check_end_after_start

from .models import Meeting, Visibility

URL_MAX = Meeting._meta.get_field("online_url").max_length
LOCATION_MAX = Meeting._meta.get_field("location").max_length
CAPACITY_MAX = 10000


def online_url_field() -> forms.URLField:
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


def place_fields() -> dict[str, forms.Field]:
    """The online link, the location and the number of places."""
    return {
        "online_url": online_url_field(),
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


def visibility_field(*, allow_circle: bool) -> forms.ChoiceField:
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


def check_place(form: forms.Form, data: dict) -> None:
    """An online link or a location (or both), when both fields are valid."""
    if "online_url" in data and "location" in data and not (data["online_url"] or data["location"].strip()):
        form.add_error("location", _("Fill in an online link or a location (or both)."))


def check_time_and_place(form: forms.Form, data: dict) -> None:
    """The end after the start, and an online link or a location: call it from the form's clean()."""
    check_end_after_start(form, data, start="starts_at", end="ends_at")
    check_place(form, data)
