"""Forms for breakout groups, outcomes, attendance and the report: validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.members.models import Member

from ..models import BreakoutGroup, Registration, Report

MARKDOWN_HELP = _("You can use Markdown: **bold**, *italic*, lists with - and links.")


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=BreakoutGroup._meta.get_field("name").max_length)
    question = forms.CharField(
        label=_("Question"),
        max_length=BreakoutGroup._meta.get_field("question").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One question for the group to talk about."),
    )
    note_taker = forms.ModelChoiceField(
        label=_("Note-taker"),
        queryset=Member.objects.none(),
        required=False,
        empty_label=_("No note-taker yet"),
        help_text=_("A member who is registered for the meeting. They write down what the group found."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note_taker"].queryset = Member.objects.filter(
            registrations__meeting=meeting, registrations__status=Registration.Status.CONFIRMED
        ).order_by("name", "id")


class AssignmentForm(forms.Form):
    """One select per participant: which group (or none)."""

    def __init__(self, *args, participants, groups, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("No group")), *((str(group.pk), group.name) for group in groups)]
        self.participants = participants
        for registration in participants:
            label = registration.display_name
            if registration.role:
                label = f"{label} ({registration.get_role_display()})"
            self.fields[f"registration_{registration.pk}"] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                required=False,
                coerce=int,
                empty_value=None,
                initial=registration.group_id or "",
            )

    def assignment(self) -> dict[int, int | None]:
        return {int(name.removeprefix("registration_")): value for name, value in self.cleaned_data.items()}


class OutcomesForm(forms.Form):
    outcomes = forms.CharField(
        label=_("Outcomes"),
        max_length=BreakoutGroup._meta.get_field("outcomes").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=MARKDOWN_HELP,
    )


class CheckinForm(forms.Form):
    """The ids of the participants who were present (the checked boxes)."""

    present = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(registration.pk, registration.pk) for registration in participants]


def _text(field_name: str, label):
    return forms.CharField(
        label=label,
        max_length=Report._meta.get_field(field_name).max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )


class ReportForm(forms.Form):
    introduction = _text("introduction", _("Introduction"))
    decisions = _text("decisions", _("Decisions"))
    follow_up = _text("follow_up", _("Follow-up actions"))


class AttachmentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        required=False,
        help_text=_("For example: Presentation. Empty: we use the file name."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, PPTX or ODP file."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.pptx,.odp"}),
    )


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who may read the report?"),
        choices=Report._meta.get_field("visibility").choices,
        widget=forms.RadioSelect,
        help_text=_("Participants: people who registered or were there. They get an email."),
    )
