"""Forms of the members app: sign-up and consent, the profile, and the coordinators' pages."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenspel.lib.names import validate_name_without_link
from samenspel.members.selectors import current_consent_text
from samenspel.organisations.models import Organisation

from .models import Member, Theme


class ConsentCheckbox(forms.CheckboxInput):
    """Consent counts only when the box was ticked: "0", "no" or any other text is not a yes."""

    YES = {"on", "true", "1", "yes"}

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in self.YES


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class SignupForm(AllauthSignupForm):
    """Sign-up for experts by experience and allies. Writes happen in the adapter via services."""

    name = forms.CharField(label=_("Your name"), max_length=120, validators=[validate_name_without_link])
    kind = forms.ChoiceField(
        label=_("I join as"),
        choices=Member.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_("An expert by experience turned lived experience into knowledge. An ally supports them."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation (optional)"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("No organisation"),
    )
    themes = ThemeChoiceField(
        label=_("Themes of your lived experience (optional)"),
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("This is sensitive information. You choose below who may see it."),
    )
    theme_visibility = forms.ChoiceField(
        label=_("Who may see your themes?"),
        choices=Member.ThemeVisibility.choices,
        initial=Member.ThemeVisibility.COORDINATORS,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("I have read the text about my data and I agree."),
        required=True,
        widget=ConsentCheckbox,
        error_messages={"required": _("You can only join when you agree. Tick the box.")},
    )

    field_order = [
        "name",
        "email",
        "password1",
        "password2",
        "kind",
        "organisation",
        "themes",
        "theme_visibility",
        "consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = current_consent_text()
        self.fields["email"].label = _("Email address")
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Fill in your name."))
        return name

    def clean(self):
        cleaned = super().clean()
        if self.consent_text is None:
            raise forms.ValidationError(
                _("Signing up is not possible yet: there is no consent text. Ask the coordinator.")
            )
        return cleaned


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I have read the text about my data and I agree."),
        required=True,
        widget=ConsentCheckbox,
        error_messages={"required": _("Tick the box to agree. Without it you cannot use the site.")},
    )


class ProfileForm(forms.ModelForm):
    themes = ThemeChoiceField(
        label=_("Themes of your lived experience"),
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("This is sensitive information. You choose below who may see it."),
    )

    class Meta:
        model = Member
        fields = ["name", "kind", "organisation", "bio", "themes", "theme_visibility", "preferred_language"]
        widgets = {
            "kind": forms.RadioSelect,
            "theme_visibility": forms.RadioSelect,
        }
        labels = {"preferred_language": _("Language of emails")}
        help_texts = {
            "theme_visibility": _(
                "This also decides who sees the circles you are in. Circles you lead are always shown."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A member's name reaches others' inboxes (invitations, meeting emails): no links in it.
        self.fields["name"].validators.append(validate_name_without_link)
        if self.instance.pk is not None:
            # A theme the coordinator no longer offers stays a choice for who has it,
            # or saving the profile would silently drop it.
            own = self.instance.themes.filter(is_active=False).values("pk")
            self.fields["themes"].queryset = Theme.objects.filter(Q(is_active=True) | Q(pk__in=own))
        # A required select starts with an empty option (HTML asks it; the saved language stays selected).
        language = self.fields["preferred_language"]
        language.choices = [("", _("Choose a language")), *[c for c in language.choices if c[0]]]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Fill in your name."))
        return name


# --- coordinators' forms (members, import, themes, consent texts) ---------------------------


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
