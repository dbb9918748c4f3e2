"""Forms for an organisation's own data: experts, training, professionals, tandems, and the CSV upload.

The choices offered are limited to the organisation (its teams, its people); a foreign id in a
POST is therefore "not one of the choices". The services check the rules again.
"""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.lib.forms import BAD_DATE, DATE_FORMATS, TOO_LONG, DateInput
from samenspel.members.models import Member
from samenspel.organisations.models import Organisation
from samenspel.tandems.selectors.people import pending_link_request

from ..models import FULL_TIME_HOURS, EmployedExpert, Professional, Tandem, Training
from ..services.organisation import HOURS_MAX, HOURS_MIN

INITIALS_MAX = EmployedExpert._meta.get_field("initials").max_length
REFERENCE_MAX = EmployedExpert._meta.get_field("internal_reference").max_length
COURSE_MAX = Training._meta.get_field("course").max_length
FTE_MAX = (HOURS_MAX / FULL_TIME_HOURS).quantize(Decimal("0.01"))


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"required": _("Fill in a date."), "invalid": BAD_DATE},
    )


def _text_field(label, max_length, *, required=False, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={"max_length": TOO_LONG},
    )


def _team_field(organisation: Organisation) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Team"),
        queryset=organisation.teams.order_by("name"),
        empty_label=_("Choose a team"),
        error_messages={
            "required": _("Choose a team."),
            "invalid_choice": _("Choose a team of this organisation."),
        },
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def linkable_members(organisation: Organisation, current: Member | None = None, *, actor=None, asked_id=None):
    """Members who said on their profile that they work for this organisation (and the one linked or
    asked now). Not the person filling in the form: nobody links a record to their own account."""
    members = Member.objects.filter(status=Member.Status.APPROVED, organisation=organisation)
    kept = {pk for pk in (getattr(current, "pk", None), asked_id) if pk is not None}
    if getattr(actor, "pk", None) is not None and actor.pk not in kept:
        members = members.exclude(pk=actor.pk)
    if kept:
        members = members | Member.objects.filter(pk__in=kept)
    return members.order_by("name").only("pk", "name")


def coach_choices(*, actor=None, current_id=None):
    """Approved members with the coach role; not the person filling in the form (unless coach already)."""
    coaches = Member.objects.filter(status=Member.Status.APPROVED, is_active=True, tandem_coach_role__isnull=False)
    if getattr(actor, "pk", None) is not None and actor.pk != current_id:
        coaches = coaches.exclude(pk=actor.pk)
    return coaches.order_by("name").only("pk", "name")


class PersonFields(forms.Form):
    """Team and who the person is: a platform member, or initials and an internal reference."""

    def __init__(self, *args, organisation: Organisation, instance=None, actor=None, **kwargs):
        asked = pending_link_request(instance) if instance is not None else None
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(instance)
            if asked is not None and not instance.member_id:
                kwargs["initial"]["member"] = asked.member_id
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance = instance
        self.asked = asked
        self.fields["team"] = _team_field(organisation)
        self.fields["member"] = MemberChoiceField(
            label=_("Platform member"),
            required=False,
            queryset=linkable_members(
                organisation,
                getattr(instance, "member", None),
                actor=actor,
                asked_id=asked.member_id if asked is not None else None,
            ),
            empty_label=_("Not a member of the platform"),
            help_text=_(
                "Only members who work for this organisation according to their profile, not yourself. "
                "The member gets an email and is linked only when they confirm it."
            ),
            error_messages={"invalid_choice": _("Choose a member from the list.")},
        )
        self.fields["initials"] = _text_field(
            _("Initials"), INITIALS_MAX, help_text=_("For someone who is not a member. For example: A.B.")
        )
        self.fields["internal_reference"] = _text_field(
            _("Internal reference"),
            REFERENCE_MAX,
            help_text=_("Your own number or code for this person. Not a name. The CSV import uses it."),
        )
        self.order_fields(["team", "member", "initials", "internal_reference"])

    @staticmethod
    def initial_from(instance) -> dict:
        return {
            "team": instance.team_id,
            "member": instance.member_id,
            "initials": instance.initials,
            "internal_reference": instance.internal_reference,
        }

    def clean(self):
        data = super().clean()
        for name in ("initials", "internal_reference"):
            if name in data:
                data[name] = " ".join(data[name].split())
        if not data.get("member") and not data.get("initials") and "initials" not in self.errors:
            self.add_error("initials", _("Choose a platform member, or fill in the initials of the person."))
        return data

    def person_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("team", "member", "initials", "internal_reference")}


class ExpertForm(PersonFields):
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"),
        required=False,
        max_digits=4,
        decimal_places=1,
        help_text=_("Fill in hours or FTE. A full-time job is 36 hours (1 FTE)."),
        error_messages={
            "invalid": _("Fill in a number, like 18 or 18.5."),
            "max_decimal_places": _("Use at most one digit after the decimal point."),
            "max_digits": _("This number is too large."),
            "max_whole_digits": _("This number is too large."),
        },
    )
    fte = forms.DecimalField(
        label=_("FTE"),
        required=False,
        max_digits=3,
        decimal_places=2,
        help_text=_("Only when you leave the hours empty. For example 0.5 for 18 hours."),
        error_messages={
            "invalid": _("Fill in a number, like 0.5."),
            "max_decimal_places": _("Use at most two digits after the decimal point."),
            "max_digits": _("This number is too large."),
            "max_whole_digits": _("This number is too large."),
        },
    )
    started_on = _date_field(_("Employed from"))
    ended_on = _date_field(_("Employed until"), required=False, help_text=_("Leave empty while the person works here."))

    @staticmethod
    def initial_from(instance) -> dict:
        return {
            **PersonFields.initial_from(instance),
            "hours_per_week": instance.hours_per_week,
            "started_on": instance.started_on,
            "ended_on": instance.ended_on,
        }

    def clean(self):
        data = super().clean()
        hours, fte = data.get("hours_per_week"), data.get("fte")
        if "hours_per_week" in self.errors or "fte" in self.errors:
            return data
        if hours is None and fte is not None:
            hours = (fte * FULL_TIME_HOURS).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if hours is None:
            self.add_error("hours_per_week", _("Fill in the hours per week, or the FTE."))
        elif hours < HOURS_MIN or hours > HOURS_MAX:
            field = "hours_per_week" if data.get("hours_per_week") is not None else "fte"
            self.add_error(
                field,
                _("This is not possible: fill in between %(min)s and %(max)s hours a week (%(fte)s FTE at most).")
                % {"min": HOURS_MIN, "max": HOURS_MAX, "fte": FTE_MAX},
            )
        data["hours_per_week"] = hours
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end date is before the start date."))
        return data

    def expert_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **self.person_fields(),
            "hours_per_week": data["hours_per_week"],
            "started_on": data["started_on"],
            "ended_on": data["ended_on"],
        }


class ProfessionalForm(PersonFields):
    pass


class TrainingForm(forms.Form):
    course = _text_field(_("Course"), COURSE_MAX, required=True, help_text=_("The name of the training."))
    started_on = _date_field(_("Started"))
    completed_on = _date_field(_("Completed"), required=False)
    certificate_on = _date_field(_("Certificate date"), required=False)

    def __init__(self, *args, instance: Training | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "course": instance.course,
                "started_on": instance.started_on,
                "completed_on": instance.completed_on,
                "certificate_on": instance.certificate_on,
            }
        super().__init__(*args, **kwargs)
        self.fields["course"].error_messages["required"] = _("Fill in the name of the course.")

    def clean(self):
        data = super().clean()
        if "course" in data:
            data["course"] = " ".join(data["course"].split())
            if not data["course"]:
                self.add_error("course", _("Fill in the name of the course."))
        started, completed, certificate = data.get("started_on"), data.get("completed_on"), data.get("certificate_on")
        if started and completed and completed < started:
            self.add_error("completed_on", _("The end date is before the start date."))
        if started and certificate and certificate < started:
            self.add_error("certificate_on", _("The certificate date is before the start of the course."))
        if certificate and not completed and "completed_on" not in self.errors:
            self.add_error("completed_on", _("Fill in when the course was completed."))
        return data


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} · {obj.team.name}"


class TandemForm(forms.Form):
    started_on = _date_field(_("Start date"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Choose a status")), *Tandem.Status.choices],
        error_messages={"required": _("Choose a status."), "invalid_choice": _("Choose a status from the list.")},
    )
    ended_on = _date_field(_("End date"), required=False, help_text=_("Only for a tandem that has ended."))

    def __init__(self, *args, organisation: Organisation, instance: Tandem | None = None, actor=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "expert": instance.expert_id,
                "professional": instance.professional_id,
                "team": instance.team_id,
                "started_on": instance.started_on,
                "status": instance.status,
                "ended_on": instance.ended_on,
                "coach": instance.coach_id,
            }
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        choice_errors = {"invalid_choice": _("Choose someone of this organisation from the list.")}
        self.fields["expert"] = PersonChoiceField(
            label=_("Expert by experience"),
            queryset=EmployedExpert.objects.filter(organisation=organisation)
            .select_related("member", "team")
            .order_by("team__name", "initials", "id"),
            empty_label=_("Choose an expert by experience"),
            error_messages={"required": _("Choose an expert by experience."), **choice_errors},
        )
        self.fields["professional"] = PersonChoiceField(
            label=_("Professional"),
            queryset=Professional.objects.filter(organisation=organisation)
            .select_related("member", "team")
            .order_by("team__name", "initials", "id"),
            empty_label=_("Choose a professional"),
            error_messages={"required": _("Choose a professional."), **choice_errors},
        )
        self.fields["team"] = _team_field(organisation)
        self.fields["coach"] = MemberChoiceField(
            label=_("Coach"),
            required=False,
            queryset=coach_choices(actor=actor, current_id=getattr(instance, "coach_id", None)),
            empty_label=_("No coach yet"),
            help_text=_(
                "A member with the coach role, given by the coordinators. You cannot choose yourself. "
                "The coach can read the tandem's reflections."
            ),
            error_messages={
                "invalid_choice": _(
                    "Choose a coach from the list. Only members with the coach role can coach a tandem, "
                    "and you cannot choose yourself."
                )
            },
        )
        self.order_fields(["expert", "professional", "team", "started_on", "status", "ended_on", "coach"])

    def clean(self):
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end date is before the start date."))
        return data

    def tandem_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("expert", "professional", "team", "started_on", "status", "ended_on", "coach")
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("A CSV file in UTF-8, with the column names in the first row."),
        error_messages={
            "required": _("Choose a CSV file."),
            "empty": _("The file is empty."),
            "invalid": _("Choose a CSV file."),
        },
    )
