"""Forms for documents and versions: validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .documents import MAX_UPLOAD_BYTES
from .models import Document, Version

RESERVED_SLUGS = {"new"}


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "slug", "kind", "summary", "is_public"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is not available. Choose another one."))
        return slug


class VersionForm(forms.Form):
    label = forms.CharField(
        label=_("Version"), max_length=Version._meta.get_field("label").max_length, help_text=_("For example 1.1 or 2.")
    )
    note = forms.CharField(
        label=_("What changed"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if self.document is not None and self.document.versions.filter(label=label).exists():
            raise forms.ValidationError(_("This document already has a version with this label."))
        return label


class TextForm(forms.Form):
    """Write the text in Markdown, or upload a file; an upload wins over the text box."""

    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=500_000,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("Start a heading with # (or ## for a smaller heading). Leave an empty line between paragraphs."),
        strip=False,
    )
    upload = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_("A Word file (.docx) or a Markdown file (.md), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.md,.markdown,.txt"}),
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("upload") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("Write the text or upload a file."))
        return cleaned


class ConfirmForm(forms.Form):
    reviewed = forms.CharField(widget=forms.HiddenInput)
