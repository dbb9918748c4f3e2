"""The member's choice for invitations and their wishes (kinds, days, hours a month, areas, online)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import WEEKDAYS, Area, MatchingOptIn, Opportunity, bits_to_list, kind_bit, list_to_bits
from ..texts import opt_in_text

MAX_HOURS_PER_MONTH = 300


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class InvitationsForm(forms.Form):
    """`agree` is asked only of a member without an active choice; the wishes can change any time."""

    agree = forms.BooleanField(error_messages={"required": _("Tick the box to say yes.")})
    kinds = forms.MultipleChoiceField(
        label=_("Which kinds of opportunity?"),
        choices=Opportunity.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick nothing for every kind."),
        error_messages={"invalid_choice": _("Choose a kind from the list.")},
    )
    days = forms.MultipleChoiceField(
        label=_("On which days can you?"),
        choices=[(str(bit), label) for bit, label in WEEKDAYS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick nothing if any day is fine."),
        error_messages={"invalid_choice": _("Choose a day from the list.")},
    )
    hours_per_month = forms.IntegerField(
        label=_("How many hours a month at most?"),
        required=False,
        min_value=1,
        max_value=MAX_HOURS_PER_MONTH,
        help_text=_("Leave empty if you have no limit."),
        error_messages={
            "invalid": _("Fill in a whole number of hours, like 8."),
            "min_value": _("Fill in at least 1 hour, or leave it empty."),
            "max_value": _("Fill in at most %(limit_value)s hours."),
        },
    )
    areas = AreaChoiceField(
        label=_("In which parts of the city?"),
        queryset=Area.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick nothing if anywhere in the city is fine."),
        error_messages={
            "invalid_choice": _("Choose a part of the city from the list."),
            "invalid_pk_value": _("Choose a part of the city from the list."),
        },
    )
    online_ok = forms.BooleanField(label=_("Online is fine for me too"), required=False, initial=True)

    def __init__(self, *args, choice: MatchingOptIn | None = None, **kwargs):
        if choice is not None:
            kwargs.setdefault("initial", {}).update(
                kinds=[kind for kind in Opportunity.Kind.values if choice.kinds & kind_bit(kind)],
                days=[str(bit) for bit in bits_to_list(choice.days, WEEKDAYS)],
                hours_per_month=choice.hours_per_month,
                areas=list(choice.areas.all()),
                online_ok=choice.online_ok,
            )
        super().__init__(*args, **kwargs)
        if choice is None:
            self.fields["agree"].label = opt_in_text()
        else:
            del self.fields["agree"]

    def wishes(self) -> dict:
        data = self.cleaned_data
        return {
            "kinds": list_to_bits(kind_bit(kind) for kind in data["kinds"]),
            "days": list_to_bits(data["days"]),
            "hours_per_month": data["hours_per_month"],
            "areas": list(data["areas"]),
            "online_ok": data["online_ok"],
        }
