from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Circle, CircleMessage, CircleUpdate

# Words used in the circles' own web addresses; a circle cannot take them as its short name.
RESERVED_SLUGS = {"new", "overview", "invitation", "updates"}

TITLE_MAX = CircleUpdate._meta.get_field("title").max_length
BODY_MAX = CircleUpdate._meta.get_field("body").max_length
MESSAGE_MAX = 500


def _strip(value: str) -> str:
    return (value or "").strip()


class CircleUpdateForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={
            "required": _("Fill in a title."),
            "max_length": _("The title is too long. Use at most %(limit_value)d characters (now %(show_value)d)."),
        },
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("You can use Markdown: **bold**, *italic*, lists with - and links as [text](https://...)."),
        error_messages={
            "required": _("Write the text of the update."),
            "max_length": _("The text is too long. Use at most %(limit_value)d characters (now %(show_value)d)."),
        },
    )


SUBJECT_MAX = CircleMessage._meta.get_field("subject").max_length
CIRCLE_MESSAGE_MAX = CircleMessage._meta.get_field("body").max_length


class CircleMessageForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=SUBJECT_MAX,
        error_messages={
            "required": _("Fill in a subject."),
            "max_length": _("The subject is too long. Use at most %(limit_value)d characters (now %(show_value)d)."),
        },
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=CIRCLE_MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("You can use Markdown: **bold**, *italic*, lists with - and links as [text](https://...)."),
        error_messages={
            "required": _("Write your message."),
            "max_length": _("The message is too long. Use at most %(limit_value)d characters (now %(show_value)d)."),
        },
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person you invite"),
        max_length=254,
        error_messages={
            "required": _("Fill in an email address."),
            "invalid": _("Fill in a valid email address, like name@example.org."),
            "max_length": _("This email address is too long."),
        },
    )
    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("We add this to the email. We do not keep it."),
        error_messages={
            "max_length": _("The message is too long. Use at most %(limit_value)d characters (now %(show_value)d)."),
        },
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])


class LeadForm(forms.Form):
    member = forms.IntegerField(min_value=1)
    make_lead = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class CircleForm(forms.ModelForm):
    class Meta:
        model = Circle
        fields = ["name", "slug", "summary", "description", "join_policy", "meets"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "join_policy": forms.RadioSelect,
        }
        help_texts = {
            "slug": _("Only small letters, numbers and hyphens, like kring-onderzoek."),
            "meets": _("For example: once a month, on Tuesday evening."),
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Fill in a name."))
        return name

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is not possible. Choose another one."))
        return slug


MOTIVATION_MAX = 500
WORK_ROLE_MAX = 120


class JoinForm(forms.Form):
    """Asking to join a circle that works on request: a few words for the circle lead (both optional)."""

    work_role = forms.CharField(
        label=_("Your role or work (optional)"),
        required=False,
        max_length=WORK_ROLE_MAX,
        help_text=_("For example: expert by experience, social worker at a buurtteam, OKT, policy officer."),
        error_messages={
            "max_length": _("This is too long. Use at most %(limit_value)d characters (now %(show_value)d)."),
        },
    )
    motivation = forms.CharField(
        label=_("Why do you want to join? (optional)"),
        required=False,
        max_length=MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences for the circle lead."),
        error_messages={
            "max_length": _("This is too long. Use at most %(limit_value)d characters (now %(show_value)d)."),
        },
    )

    def clean_work_role(self):
        return _strip(self.cleaned_data.get("work_role"))

    def clean_motivation(self):
        return _strip(self.cleaned_data.get("motivation"))
