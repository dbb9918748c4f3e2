from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Team

RESERVED_SLUGS = {"new"}


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Organisation
        fields = ["name", "slug", "kind", "description", "website"]
        help_texts = {"slug": _("Only small letters, digits and hyphens, for example buurtteams-noord.")}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Fill in a name."))
        return name

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved. Choose another one."))
        return slug


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "area"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Fill in a name."))
        duplicates = self.organisation.teams.filter(name__iexact=name)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("This organisation already has a team with this name."))
        return name
