"""Forms of the monitor: the three-level self-assessment and a correction. Validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import indicators
from .models import LevelAssessment
from .services import MAX_TEXT

STEP_HELP = _(
    "Aware: the level knows what the motion asks. Committed: it has decided to do it. Implementing: it is "
    "doing it. Embedded: it is part of the daily work and stays so."
)


class AssessmentForm(forms.Form):
    """The three levels in one form: for each a step, an explanation and evidence."""

    def __init__(self, *args, assessments: dict[str, LevelAssessment] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        assessments = assessments or {}
        for level, label in LevelAssessment.Level.choices:
            found = assessments.get(level)
            self.fields[f"{level}_step"] = forms.TypedChoiceField(
                label=_("%(level)s: how far?") % {"level": label},
                choices=LevelAssessment.Step.choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=STEP_HELP,
                initial=found.step if found else None,
                error_messages={"required": _("Choose a step for this level.")},
            )
            self.fields[f"{level}_explanation"] = forms.CharField(
                label=_("%(level)s: explanation") % {"level": label},
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Why this step? A few sentences."),
                initial=found.explanation if found else "",
                error_messages={"required": _("Explain in a few sentences why you chose this step.")},
            )
            self.fields[f"{level}_evidence"] = forms.CharField(
                label=_("%(level)s: evidence") % {"level": label},
                max_length=MAX_TEXT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("What shows it? For example a decision, a plan, a job profile or a training."),
                initial=found.evidence if found else "",
            )

    def levels(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "level": level,
                "step": data[f"{level}_step"],
                "explanation": data[f"{level}_explanation"],
                "evidence": data[f"{level}_evidence"],
            }
            for level in LevelAssessment.Level.values
        ]


class CorrectionForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    indicator = forms.ChoiceField(
        label=_("Figure"), choices=[("", _("Choose a figure")), *[(i.key, i.label) for i in indicators.CORRECTABLE]]
    )
    new_value = forms.CharField(
        label=_("New value"),
        max_length=20,
        required=False,
        help_text=_("A whole number; FTE as a number such as 2.5; a level 1 to 4 (empty: not filled in)."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why is the figure corrected? This is kept with the correction."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "---------"), *organisations]
