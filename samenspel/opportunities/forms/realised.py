"""Realised paid work: one person's hours, fee and dates (the rules are in services.realised)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.lib.forms import BAD_DATE, DATE_FORMATS, DateInput

NO_ACCOUNT = "none"


def person_label(response) -> str:
    """How the poster knows a chosen respondent: their name if they shared it."""
    if response.share_name:
        return response.member.name
    return _("Respondent %(number)s (name not shared)") % {"number": response.pk}


class RealisedWorkForm(forms.Form):
    person = forms.ChoiceField(
        label=_("Who did the work?"),
        error_messages={
            "required": _("Choose who did the work."),
            "invalid_choice": _("Choose one of the people you chose for this opportunity."),
        },
    )
    by_expert = forms.BooleanField(
        label=_("This person is an expert by experience"),
        required=False,
        help_text=_("Only for someone without an account. For members we use what they told us."),
    )
    hours = forms.DecimalField(
        label=_("Hours worked"),
        min_value=0,
        max_digits=7,
        decimal_places=1,
        error_messages={
            "required": _("Fill in the number of hours."),
            "invalid": _("Fill in a number, like 12 or 12.5."),
            "min_value": _("Hours cannot be negative."),
        },
    )
    fee = forms.DecimalField(
        label=_("Paid in euros"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        error_messages={
            "required": _("Fill in what was paid (0 if nothing)."),
            "invalid": _("Fill in an amount, like 250 or 250.50."),
            "min_value": _("The amount cannot be negative."),
        },
    )
    started_on = forms.DateField(
        label=_("From"),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"required": _("Fill in when the work started."), "invalid": BAD_DATE},
    )
    ended_on = forms.DateField(
        label=_("Until"),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"required": _("Fill in when the work ended."), "invalid": BAD_DATE},
    )

    def __init__(self, *args, chosen, **kwargs):
        """`chosen`: the opportunity's chosen responses (with their members)."""
        super().__init__(*args, **kwargs)
        self.members = {str(response.member_id): response.member for response in chosen}
        self.fields["person"].choices = [
            ("", _("Choose")),
            *[(str(response.member_id), person_label(response)) for response in chosen],
            (NO_ACCOUNT, _("Someone without an account")),
        ]

    def clean(self):
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The “until” date cannot be before the “from” date."))
        today = timezone.localdate()
        for name in ("started_on", "ended_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("Record work when it is done: the dates cannot be after today."))
        return data

    def values(self) -> dict:
        """The keyword arguments for services.realised.record / update."""
        data = self.cleaned_data
        return {
            "member": self.members.get(data["person"]),
            "by_expert": data["by_expert"],
            "hours": data["hours"],
            "fee": data["fee"],
            "started_on": data["started_on"],
            "ended_on": data["ended_on"],
        }


def initial_for(row) -> dict:
    return {
        "person": str(row.member_id) if row.member_id else NO_ACCOUNT,
        "by_expert": row.by_expert,
        "hours": row.hours,
        "fee": row.fee,
        "started_on": row.started_on,
        "ended_on": row.ended_on,
    }
