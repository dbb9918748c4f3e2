"""Forms about who is who around tandems: giving the coach role, answering a link request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.members.models import Member

from .organisation import MemberChoiceField


class CoachGrantForm(forms.Form):
    """A coordinator chooses an approved member (not themselves) who is not a coach yet."""

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"] = MemberChoiceField(
            label=_("Member"),
            queryset=Member.objects.filter(
                status=Member.Status.APPROVED, is_active=True, tandem_coach_role__isnull=True
            )
            .exclude(pk=actor.pk)
            .order_by("name")
            .only("pk", "name"),
            empty_label=_("Choose a member"),
            help_text=_("Approved members who are not a coach yet. You cannot choose yourself."),
            error_messages={
                "required": _("Choose a member."),
                "invalid_choice": _("Choose a member from the list. You cannot make yourself a coach."),
            },
        )


class LinkDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Is this you?"),
        widget=forms.RadioSelect,
        choices=[("accept", _("Yes, this is me")), ("decline", _("No, this is not me"))],
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )
