"""Forms of the roof's own pages (the coordinators' audit log)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        label=_("Action starts with"),
        max_length=100,
        required=False,
        help_text=_("For example: member. or member.import"),
    )
