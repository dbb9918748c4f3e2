"""Forms for registering, and for the organiser's capacity and role limits. Validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.lib.names import validate_name_without_link

from ..models import ParticipantRole, Registration

ROLE_CHOICES = [("", _("I prefer not to say")), *ParticipantRole.choices]


class MemberRegistrationForm(forms.Form):
    role = forms.ChoiceField(label=_("How do you take part? (optional)"), choices=ROLE_CHOICES, required=False)
    access_needs = forms.CharField(
        label=_("Do you need anything to take part? (optional)"),
        help_text=Registration._meta.get_field("access_needs").help_text,
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VisitorRegistrationForm(MemberRegistrationForm):
    name = forms.CharField(label=_("Your name"), max_length=120, validators=[validate_name_without_link])
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send you a link. Your registration counts only after you click it."),
    )

    field_order = ["name", "email", "role", "access_needs"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if any(ord(char) < 32 for char in name):
            raise forms.ValidationError(_("Use letters, not special characters."))
        return name


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=100000)


class RoleLimitsForm(forms.Form):
    """One optional maximum per role; empty means no maximum."""

    def __init__(self, *args, limits: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        limits = limits or {}
        for value, label in ParticipantRole.choices:
            self.fields[value] = forms.IntegerField(
                label=label, min_value=1, max_value=100000, required=False, initial=limits.get(value)
            )
        self.fields[ParticipantRole.values[0]].help_text = _("Leave a field empty for no maximum.")

    def limits(self) -> dict:
        return {value: self.cleaned_data.get(value) for value in ParticipantRole.values}
