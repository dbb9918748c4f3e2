"""Forms for rounds: the round itself, invitations, comments, answers, and remarks entered on behalf."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from samenspel.lib.forms import TOO_LONG, datetime_field
from samenspel.meetings.models import Meeting

from ..models import Comment, Paragraph, Round, Version
from ..services.rounds import MAX_COMMENT_CHARS, MAX_INVITES_AT_ONCE, MAX_QUESTION_CHARS, MAX_QUESTIONS


def _translated_format(message, **values) -> str:
    return str(message) % values


# A class-level text with a placeholder: translated when shown, not when the module is imported.
_lazy_format = lazy(_translated_format, str)

EMPTY_COMMENT = _("Write your comment first. The text is empty.")
DISPLAY_HELP = _("Coordinators always see who wrote a comment.")
MEETINGS_BACK = datetime.timedelta(days=365)


YOUR_COMMENT = _("Your comment")


def _body_field(label=YOUR_COMMENT):
    return forms.CharField(
        label=label,
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_lazy_format(
            _("At most %(max)s characters. Plain text: HTML is shown as typed."), max=MAX_COMMENT_CHARS
        ),
        error_messages={"required": EMPTY_COMMENT, "max_length": TOO_LONG},
    )


def _display_field(initial=Comment.Display.ROLE):
    """How the author is shown. The safe choice first: on a public document a name is read by anyone."""
    return forms.ChoiceField(
        label=_("Show me as"),
        choices=Comment.Display.choices,
        initial=initial,
        widget=forms.RadioSelect,
        help_text=DISPLAY_HELP,
        error_messages={
            "required": _("Choose how you want to be shown."),
            "invalid_choice": _("Choose how you want to be shown."),
        },
    )


def paragraph_label(paragraph: Paragraph, number: int) -> str:
    text = " ".join(paragraph.text.split())
    short = text if len(text) <= 70 else text[:67] + "..."
    return f"{number}. {short}"


class RoundForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Version"),
        queryset=Version.objects.none(),
        empty_label=_("Choose a published version"),
        error_messages={"required": _("Choose a version."), "invalid_choice": _("Choose a published version.")},
    )
    title = forms.CharField(
        label=_("Title"), max_length=Round._meta.get_field("title").max_length, error_messages={"max_length": TOO_LONG}
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=Round._meta.get_field("introduction").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is this round about, and what do you want to know? You can use Markdown."),
        error_messages={"max_length": TOO_LONG},
    )
    audience = forms.ChoiceField(
        label=_("Who may comment"),
        choices=Round.Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who may comment.")},
    )
    opens_at = datetime_field(_("Opens"))
    closes_at = datetime_field(_("Closes"))
    questions = forms.CharField(
        label=_("Questions"),
        required=False,
        max_length=MAX_QUESTIONS * (MAX_QUESTION_CHARS + 2),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_lazy_format(_("One question per line. At most %(max)s questions."), max=MAX_QUESTIONS),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, versions=None, round_=None, **kwargs):
        super().__init__(*args, **kwargs)
        if round_ is not None:
            del self.fields["version"]  # a round stays on its version
        else:
            self.fields["version"].queryset = versions if versions is not None else Version.objects.none()
            self.fields["version"].label_from_instance = lambda v: f"{v.document.title} – {v.label}"

    def clean_questions(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]
        if len(lines) > MAX_QUESTIONS:
            raise ValidationError(_("Ask at most %(max)s questions."), params={"max": MAX_QUESTIONS})
        if any(len(line) > MAX_QUESTION_CHARS for line in lines):
            raise ValidationError(
                _("A question is too long. Use at most %(max)s characters."), params={"max": MAX_QUESTION_CHARS}
            )
        return lines

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The round must close after it opens."))
        return data


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        max_length=MAX_INVITES_AT_ONCE * 256,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One or more addresses, separated by a comma, a space or a new line. They need an account."),
        error_messages={"required": _("Fill in at least one email address."), "max_length": TOO_LONG},
    )

    def clean_emails(self) -> list[str]:
        emails = [part for part in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if part]
        if len(emails) > MAX_INVITES_AT_ONCE:
            raise ValidationError(_("Invite at most %(max)s people at once."), params={"max": MAX_INVITES_AT_ONCE})
        wrong = []
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                wrong.append(email)
        if wrong:
            raise ValidationError(
                _("These are not email addresses: %(wrong)s"), params={"wrong": ", ".join(wrong[:10])}
            )
        if not emails:
            raise ValidationError(_("Fill in at least one email address."))
        return emails


class CommentForm(forms.Form):
    """A new comment. The paragraph is a hidden field; it must belong to the round's version."""

    paragraph = forms.ModelChoiceField(
        queryset=Paragraph.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("This paragraph is not part of the version of this round.")},
    )
    body = _body_field()
    display = _display_field()

    def __init__(self, *args, round_: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].queryset = Paragraph.objects.filter(version_id=round_.version_id)

    def clean(self):
        data = super().clean()
        if "paragraph" in self.errors:
            # A hidden field: its error would show nowhere, so say it above the form.
            self.add_error(None, self.errors.pop("paragraph"))
        return data


class CommentEditForm(forms.Form):
    body = _body_field()
    display = _display_field()


class AnswersForm(forms.Form):
    """One text box per question of the round, and how the author is shown."""

    def __init__(self, *args, questions, has_answers: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.has_answers = has_answers
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                max_length=MAX_COMMENT_CHARS,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"max_length": TOO_LONG},
            )
        self.fields["display"] = _display_field()

    def answers(self) -> dict:
        return {question: self.cleaned_data.get(f"q{question.pk}", "") for question in self.questions}

    def clean(self):
        data = super().clean()
        answered = any((data.get(f"q{q.pk}") or "").strip() for q in self.questions)
        if not answered and not self.has_answers:  # emptying earlier answers withdraws them
            raise ValidationError(_("Answer at least one question."))
        return data


class RemarkForm(forms.Form):
    """A remark that came in by email or in a meeting, entered by a coordinator on behalf of the sender."""

    paragraph = forms.ModelChoiceField(
        label=_("About"),
        queryset=Paragraph.objects.none(),
        required=False,
        empty_label=_("The whole document"),
        error_messages={"invalid_choice": _("This paragraph is not part of the version of this round.")},
    )
    body = _body_field(_("The remark"))
    submitter_name = forms.CharField(
        label=_("Name of the sender"),
        max_length=Comment._meta.get_field("submitter_name").max_length,
        error_messages={"required": _("Fill in the name of the sender."), "max_length": TOO_LONG},
    )
    submitter_role = forms.CharField(
        label=_("Role of the sender"),
        required=False,
        max_length=Comment._meta.get_field("submitter_role").max_length,
        help_text=_("For example 'an expert by experience' or 'a team leader'. Shown when they choose 'role only'."),
        error_messages={"max_length": TOO_LONG},
    )
    source = forms.ChoiceField(
        label=_("Came in"),
        choices=[
            (Comment.Source.EMAIL, Comment.Source.EMAIL.label),
            (Comment.Source.MEETING, Comment.Source.MEETING.label),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose where the remark came from."),
            "invalid_choice": _("Choose where the remark came from."),
        },
    )
    source_meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Choose the meeting (only for 'in a meeting')"),
        error_messages={"invalid_choice": _("Choose one of the meetings in the list.")},
    )
    display = forms.ChoiceField(
        label=_("Show the sender as"),
        choices=Comment.Display.choices,
        initial=Comment.Display.ANONYMOUS,
        widget=forms.RadioSelect,
        help_text=_("Ask the sender what they want. When in doubt, choose anonymous."),
        error_messages={
            "required": _("Choose how the sender is shown."),
            "invalid_choice": _("Choose how the sender is shown."),
        },
    )

    def __init__(self, *args, round_: Round, paragraphs: list[Paragraph], **kwargs):
        super().__init__(*args, **kwargs)
        numbers = {p.pk: number for number, p in enumerate(paragraphs, start=1)}
        field = self.fields["paragraph"]
        field.queryset = Paragraph.objects.filter(version_id=round_.version_id).order_by("position")
        field.label_from_instance = lambda p: paragraph_label(p, numbers.get(p.pk, 0))
        now = timezone.now()
        self.fields["source_meeting"].queryset = Meeting.objects.filter(
            starts_at__gte=round_.opens_at - MEETINGS_BACK, starts_at__lte=now
        ).order_by("-starts_at")
        self.fields["source_meeting"].label_from_instance = lambda m: (
            f"{m.title} ({timezone.localtime(m.starts_at):%d-%m-%Y})"
        )

    def clean(self):
        data = super().clean()
        if data.get("source") == Comment.Source.MEETING and not data.get("source_meeting"):
            self.add_error("source_meeting", _("Choose the meeting where the remark was made."))
        return data
