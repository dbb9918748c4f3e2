"""Forms for documents and versions: validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Document, Version
from ..services.documents import MAX_UPLOAD_BYTES, RESERVED_SLUGS


class DocumentForm(forms.ModelForm):
    """Create a document (with an optional short name) or change one (the short name stays)."""

    class Meta:
        model = Document
        fields = ["title", "slug", "kind", "summary", "is_public"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}
        labels = {"summary": _("Description"), "is_public": _("Everyone may read it (also people without an account)")}
        help_texts = {
            "summary": _("What the document is about, in a few sentences."),
            "is_public": _("Without a tick, only members of the network can read the document and its history."),
        }

    def __init__(self, *args, circles=None, **kwargs):
        """`circles`: the circles the author may make a document for (only when creating); a
        coordinator may leave it empty, a kartrekker must choose one of their circles."""
        circle_required = kwargs.pop("circle_required", False)
        super().__init__(*args, **kwargs)
        if circles is not None and not self.instance.pk:
            self.fields["circle"] = forms.ModelChoiceField(
                label=_("For the circle"),
                queryset=circles,
                required=circle_required,
                empty_label=_("No circle: for the whole network"),
                help_text=_("A circle's document is read and commented on by the members of the circle only."),
                error_messages={
                    "invalid_choice": _("Choose a circle you lead."),
                    "required": _("Choose the circle the document is for."),
                },
            )
        if self.instance.pk:
            del self.fields["slug"]
        else:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Letters, numbers and hyphens, for the web address. Leave it empty to make one from the title."
            )

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the document a title."))
        return title

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
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


class CompareForm(forms.Form):
    """Choose two versions to compare and how to show the differences (a GET form)."""

    class View:
        SIDE = "side"
        INLINE = "inline"

    old = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    new = forms.TypedChoiceField(label=_("with version"), coerce=int)
    view = forms.ChoiceField(
        label=_("Show"),
        choices=[(View.SIDE, _("Side by side")), (View.INLINE, _("In one text"))],
        initial=View.SIDE,
        required=False,
        widget=forms.RadioSelect,
    )
    changes_only = forms.BooleanField(label=_("Show only what changed"), required=False)

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # A required select starts with an empty option (HTML asks it); the chosen versions stay selected.
        choices = [("", _("Choose a version")), *[(version.number, version.label) for version in versions]]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("old") is not None and cleaned.get("old") == cleaned.get("new"):
            raise forms.ValidationError(_("Choose two different versions."))
        if not cleaned.get("view"):
            cleaned["view"] = self.View.SIDE
        return cleaned
