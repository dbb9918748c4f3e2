"""The response form: a short note and what the member shares with the poster."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from samenspel.lib.forms import TOO_LONG
from samenspel.lib.names import validate_text_without_link

from ..models import Response

PHONE = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{6,28}$", _("Fill in a phone number with digits, like 06 12345678 or +31 6 12345678.")
)


class ResponseForm(forms.ModelForm):
    class Meta:
        model = Response
        fields = ["note", "share_name", "share_email", "share_phone", "phone", "share_themes"]
        labels = {
            "note": _("Why do you want to do this? (a short note)"),
            "phone": _("Your phone number"),
        }
        help_texts = {
            "note": _("At most 1000 characters. Plain text, without links."),
            "phone": _("Only if you share your phone number."),
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 5, "maxlength": 1000})}
        error_messages = {
            "note": {"required": _("Write a short note."), "max_length": TOO_LONG},
            "phone": {"max_length": TOO_LONG},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].validators.append(validate_text_without_link)
        self.fields["phone"].validators.append(PHONE)
        self.fields["note"].strip = True

    def clean(self):
        data = super().clean()
        if data.get("share_phone") and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Fill in your phone number, or do not share it."))
        if not data.get("share_phone"):
            data["phone"] = ""
        if "share_email" in data and not data.get("share_email") and not data.get("share_phone"):
            self.add_error(
                None, _("Share at least your email address or your phone number, so the poster can reach you.")
            )
        return data

    def share(self) -> dict:
        """The keyword arguments for services.responses.respond."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(Response.Status.CHOSEN, _("Chosen")), (Response.Status.NOT_CHOSEN, _("Not chosen"))],
        error_messages={
            "required": _("Choose “chosen” or “not chosen”."),
            "invalid_choice": _("Choose “chosen” or “not chosen”."),
        },
    )
