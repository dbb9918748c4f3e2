"""Forms for the reactienota: the outcome of one comment, and the round's next version."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Comment, Paragraph, Version
from ..services.reactienota import OUTCOMES_WITHOUT_REASON, REASON_MAX_LENGTH


class OutcomeForm(forms.Form):
    """One comment's outcome. Changed paragraphs are given by their number in the next version."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", _("Choose an outcome")), *Comment.Outcome.choices])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required, except for 'adopted'."),
    )
    changed_in = forms.CharField(
        label=_("Changed in paragraph number(s) of the next version"),
        required=False,
        max_length=200,
        help_text=_("For example: 3, 7. Only for an adopted or partly adopted comment."),
    )

    def __init__(self, *args, next_paragraphs: dict[int, Paragraph] | None = None, **kwargs):
        """next_paragraphs: number in the next version -> paragraph (empty when no next version is chosen)."""
        super().__init__(*args, **kwargs)
        self.next_paragraphs = next_paragraphs or {}

    def clean_changed_in(self) -> list[Paragraph]:
        text = self.cleaned_data["changed_in"].strip()
        if not text:
            return []
        if not self.next_paragraphs:
            raise forms.ValidationError(_("Choose the next version first. Then link the paragraphs that changed."))
        if not re.fullmatch(r"\d+(\s*[,;\s]\s*\d+)*", text):
            raise forms.ValidationError(_("Give paragraph numbers only, separated by commas. For example: 3, 7."))
        paragraphs = []
        for number in dict.fromkeys(int(part) for part in re.split(r"[,;\s]+", text)):
            if number not in self.next_paragraphs:
                raise forms.ValidationError(_("The next version has no paragraph %(number)s.") % {"number": number})
            paragraphs.append(self.next_paragraphs[number])
        return paragraphs

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome and outcome not in OUTCOMES_WITHOUT_REASON and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason. Only 'adopted' can go without one."))
        return cleaned


class NextVersionForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Next version"),
        queryset=Version.objects.none(),
        empty_label=_("Choose a version"),
        help_text=_("The later version of this document that this round led to."),
    )

    def __init__(self, *args, versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions if versions is not None else Version.objects.none()
        self.fields["version"].label_from_instance = lambda version: version.label
