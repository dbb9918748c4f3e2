from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency, Kind


class SettingsForm(forms.Form):
    """One choice per kind of notification the person can get: how it is emailed."""

    def __init__(self, *args, initial_frequencies: dict[str, str], kinds: list[Kind], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Frequency.choices,
                initial=initial_frequencies[kind.value],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how you want to get these messages.")},
            )

    def frequencies(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in self.fields}
