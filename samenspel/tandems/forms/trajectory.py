"""Forms for the Tandem Ontwikkel Traject: validation of input only (the services write)."""

from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from samenspel.lib.forms import BAD_DATE, DATE_FORMATS, TOO_LONG, DateInput, datetime_field
from samenspel.meetings.fields import check_time_and_place, place_fields, visibility_field

from ..models import Module, Reflection, Trajectory, TrajectorySession


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class TrajectoryForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=_max(Trajectory, "title"),
        error_messages={"required": _("Fill in a title."), "max_length": TOO_LONG},
    )
    slug = forms.SlugField(
        label=_("Short name in the web address"),
        max_length=_max(Trajectory, "slug"),
        required=False,
        help_text=_("Letters, numbers and dashes, like tandem-ontwikkel-traject. Empty: made from the title."),
        error_messages={"invalid": _("Use only letters, numbers and dashes."), "max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=_max(Trajectory, "description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the trajectory is for and who it is for. You can use Markdown."),
        error_messages={"max_length": TOO_LONG},
    )
    is_active = forms.BooleanField(
        label=_("Open: tandems can join and members see it"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, trajectory: Trajectory | None = None, **kwargs):
        self.trajectory = trajectory
        if trajectory is not None:
            kwargs.setdefault(
                "initial",
                {"title": trajectory.title, "description": trajectory.description, "is_active": trajectory.is_active},
            )
        super().__init__(*args, **kwargs)
        if trajectory is not None:
            del self.fields["slug"]  # the address stays the same

    def clean(self):
        data = super().clean()
        if self.trajectory is None and data.get("title") and "slug" not in self.errors:
            slug = data.get("slug") or slugify(data["title"])[: _max(Trajectory, "slug")].strip("-")
            if not slug:
                self.add_error("slug", _("Fill in a short name with letters or numbers."))
            elif Trajectory.objects.filter(slug=slug).exists():
                self.add_error("slug", _("This short name is already used. Choose another one."))
            else:
                data["slug"] = slug
        return data


class ModuleForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=_max(Module, "title"),
        error_messages={"required": _("Fill in a title."), "max_length": TOO_LONG},
    )
    goal = forms.CharField(
        label=_("Goal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the tandem can do after this module."),
        error_messages={"required": _("Fill in the goal."), "max_length": TOO_LONG},
    )
    materials = forms.CharField(
        label=_("Materials"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Texts, links and exercises. You can use Markdown."),
        error_messages={"max_length": TOO_LONG},
    )


SESSION_MEETING_FIELDS = ("starts_at", "ends_at", "online_url", "location", "capacity", "visibility")


class SessionForm(forms.Form):
    """A session: when, where, who leads it. The time and place are stored in its meeting."""

    led_by = forms.CharField(
        label=_("Led by"),
        max_length=_max(TrajectorySession, "led_by"),
        help_text=_("The name of the trainer or trainers, for example a tandem of trainers."),
        error_messages={"required": _("Fill in who leads the session."), "max_length": TOO_LONG},
    )

    def __init__(self, *args, session: TrajectorySession | None = None, **kwargs):
        if session is not None:
            initial = {name: getattr(session.meeting, name) for name in SESSION_MEETING_FIELDS}
            kwargs.setdefault("initial", {**initial, "led_by": session.led_by})
        super().__init__(*args, **kwargs)
        self.fields["starts_at"] = datetime_field(_("Starts"))
        self.fields["ends_at"] = datetime_field(_("Ends"))
        self.fields.update(place_fields())
        self.fields["visibility"] = visibility_field(allow_circle=False)
        if session is None:
            self.fields["publish"] = forms.BooleanField(
                label=_("Publish the session at once"),
                required=False,
                help_text=_("If you do not tick this, the session is a draft that only coordinators see."),
            )

    def clean(self):
        data = super().clean()
        check_time_and_place(self, data)
        return data

    def meeting_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in SESSION_MEETING_FIELDS}
        fields["location"] = fields["location"].strip()
        return fields


class EnrolForm(forms.Form):
    tandem = forms.ModelChoiceField(
        label=_("Tandem"),
        queryset=None,
        empty_label=_("Choose a tandem"),
        error_messages={
            "required": _("Choose a tandem."),
            "invalid_choice": _("Choose one of the tandems in the list."),
        },
    )

    def __init__(self, *args, tandems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tandem"].queryset = tandems
        self.fields["tandem"].label_from_instance = lambda t: (
            _("%(tandem)s (%(organisation)s, %(team)s)")
            % {
                "tandem": t,
                "organisation": t.organisation.name,
                "team": t.team.name,
            }
        )


class AttendanceForm(forms.Form):
    """Two checkboxes per enrolled tandem: the expert by experience and the professional."""

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for enrolment, attendance in sheet:
            expert = forms.BooleanField(
                label=_("%(name)s (expert by experience) was there") % {"name": enrolment.tandem.expert},
                required=False,
                initial=bool(attendance and attendance.expert_present),
            )
            professional = forms.BooleanField(
                label=_("%(name)s (professional) was there") % {"name": enrolment.tandem.professional},
                required=False,
                initial=bool(attendance and attendance.professional_present),
            )
            self.fields[f"expert_{enrolment.pk}"] = expert
            self.fields[f"professional_{enrolment.pk}"] = professional
            self.rows.append((enrolment, self[f"expert_{enrolment.pk}"], self[f"professional_{enrolment.pk}"]))

    def presence(self) -> dict[int, tuple[bool, bool]]:
        data = self.cleaned_data
        return {e.pk: (data[f"expert_{e.pk}"], data[f"professional_{e.pk}"]) for e, _x, _y in self.rows}


class ModuleDoneForm(forms.Form):
    completed_on = forms.DateField(
        label=_("Done on"),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"required": BAD_DATE, "invalid": BAD_DATE},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"completed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection"),
        max_length=_max(Reflection, "text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What did you learn? What went well, what was hard? What do you want to try?"),
        error_messages={"required": _("Write your reflection."), "max_length": TOO_LONG},
    )
    is_shared = forms.BooleanField(
        label=_("Share with the organisation and the coordinators"),
        required=False,
        help_text=_(
            "If you do not tick this, only you, your tandem partner and your coach read it. "
            "The municipality never reads it."
        ),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your reflection."))
        return text
