"""Forms for coordinators (members, import, themes, consent texts) and for one's own account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.organisations.models import Organisation

from .models import Member


def _one_line(value: str) -> str:
    return " ".join((value or "").split())


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])


class MemberFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *Member.Status.choices], required=False)
    q = forms.CharField(label=_("Search by name or email"), max_length=100, required=False)


class RolesForm(forms.Form):
    is_coordinator = forms.BooleanField(label=_("Network coordinator"), required=False)
    is_municipality_viewer = forms.BooleanField(label=_("Municipality viewer"), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Represents these organisations"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email, name, kind (ervaringsdeskundige or bondgenoot), organisation (optional), "
            "themes (optional, separated by ;). Save the file as 'CSV UTF-8'."
        ),
        error_messages={"required": _("Choose a CSV file."), "empty": _("The file is empty.")},
    )


class ThemeForm(forms.Form):
    name_nl = forms.CharField(label=_("Name in Dutch"), max_length=80)
    name_en = forms.CharField(label=_("Name in English"), max_length=80)
    position = forms.IntegerField(
        label=_("Position in the list"), min_value=0, max_value=1000, initial=0, required=False
    )

    def clean_name_nl(self):
        return self._clean_name("name_nl")

    def clean_name_en(self):
        return self._clean_name("name_en")

    def _clean_name(self, field):
        value = _one_line(self.cleaned_data[field])
        if not value:
            raise forms.ValidationError(_("Fill in a name."))
        return value

    def clean_position(self):
        return self.cleaned_data.get("position") or 0


class ConsentTextForm(forms.Form):
    body_nl = forms.CharField(label=_("Text in Dutch"), max_length=20000, widget=forms.Textarea)
    body_en = forms.CharField(label=_("Text in English"), max_length=20000, widget=forms.Textarea)

    def clean(self):
        cleaned = super().clean()
        for field in ("body_nl", "body_en"):
            if field in cleaned and not cleaned[field].strip():
                self.add_error(field, _("Fill in the text."))
        return cleaned


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        label=_("Action starts with"),
        max_length=100,
        required=False,
        help_text=_("For example: member. or member.import"),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("To be sure it is you, type your password again."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=4096,
        strip=False,
        error_messages={
            "required": _("Type your password."),
            "max_length": _("This password is not right. Nothing was deleted."),
        },
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my data are deleted and that this cannot be undone."),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )
