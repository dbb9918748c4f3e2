"""Forms for posting: the opportunity (members and the public form), rejecting, the list filters,
and areas. Validation only; the services write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.circles.models import Circle
from samenspel.core.roles import is_coordinator
from samenspel.lib.forms import BAD_DATE, DATE_FORMATS, TOO_LONG, DateInput
from samenspel.lib.names import validate_name_without_link
from samenspel.members.models import Theme
from samenspel.organisations.models import Organisation

from .. import access
from ..models import WEEKDAYS, Area, Opportunity, bits_to_list, list_to_bits
from ..services.posting import EDITABLE_FIELDS, PUBLIC_FIELDS

NOT_NEGATIVE = _("This cannot be negative.")
_field = Opportunity._meta.get_field


class LabelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return getattr(obj, "label", None) or getattr(obj, "name", str(obj))


class LabelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def _text(name, *, required=True, rows=None, label=None, help_text=None, **kwargs) -> forms.CharField:
    model_field = _field(name)
    return forms.CharField(
        label=label or model_field.verbose_name.capitalize(),
        max_length=model_field.max_length,
        required=required,
        help_text=model_field.help_text if help_text is None else help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else None,
        error_messages={"max_length": TOO_LONG, "required": _("Fill this in.")},
        **kwargs,
    )


def _date(label, *, required=False, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"invalid": BAD_DATE, "required": _("Fill in a date.")},
    )


def _amount(name, *, max_digits, label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=max_digits,
        decimal_places=_field(name).decimal_places,
        error_messages={
            "min_value": NOT_NEGATIVE,
            "invalid": _("Fill in a number, like 12.50."),
            "max_digits": _("This number is too large."),
            "max_whole_digits": _("This number is too large."),
            "max_decimal_places": _("Use at most %(max)s digits after the point."),
        },
    )


def _choice(choices, label, *, help_text="", radio=False, initial=None) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        initial=initial,
        help_text=help_text,
        widget=forms.RadioSelect if radio else forms.Select,
        error_messages={"required": _("Make a choice."), "invalid_choice": _("Choose one of the options in the list.")},
    )


class OpportunityForm(forms.Form):
    """An opportunity as a member posts it. `user` decides which organisations and circles are offered."""

    kind = _choice([("", _("Choose a kind")), *Opportunity.Kind.choices], _("Kind"))
    title = _text("title", label=_("Title"))
    description = _text("description", rows=10, label=_("Description"))
    offered_by = _text("offered_by", label=_("Who offers it"))
    themes = LabelMultipleChoiceField(
        label=_("Themes it asks for (optional)"),
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose themes from the list."),
            "invalid_pk_value": _("Choose themes from the list."),
        },
    )
    area = LabelChoiceField(
        label=_("Area (optional)"),
        queryset=Area.objects.filter(is_active=True),
        required=False,
        empty_label=_("No area, or several"),
        error_messages={"invalid_choice": _("Choose an area from the list.")},
    )
    location = _text("location", required=False, label=_("Place (optional)"), help_text=_("An address or a building."))
    is_online = forms.BooleanField(label=_("It can be done online"), required=False)
    starts_on = _date(_("Starts on (optional)"))
    ends_on = _date(_("Ends on (optional)"))
    days = forms.TypedMultipleChoiceField(
        label=_("On which days (optional)"),
        choices=[(bit, label) for bit, label in WEEKDAYS],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose no day when the days are not fixed."),
        error_messages={"invalid_choice": _("Choose days from the list.")},
    )
    when_note = _text(
        "when_note",
        required=False,
        label=_("When, in your words (optional)"),
        help_text=_("For example: Tuesday mornings, or one evening in March."),
    )
    hours = _amount("hours", max_digits=6, label=_("How many hours (optional)"))
    hours_unit = _choice(Opportunity.HoursUnit.choices, _("Hours per"), radio=True, initial=Opportunity.HoursUnit.TOTAL)
    pay = _choice(Opportunity.Pay.choices, _("Is it paid?"), radio=True, initial=Opportunity.Pay.NONE)
    fee = _amount("fee", max_digits=9, label=_("Fee in euros (with a fixed fee)"))
    hourly_rate = _amount("hourly_rate", max_digits=7, label=_("Hourly rate in euros (with an hourly rate)"))
    expense_allowance = forms.BooleanField(label=_("Expenses are paid (travel, childcare)"), required=False)
    people_wanted = forms.IntegerField(
        label=_("Number of people wanted"),
        min_value=1,
        max_value=32767,
        initial=1,
        error_messages={
            "min_value": _("Ask for at least one person."),
            "max_value": _("This number is too large."),
            "invalid": _("Fill in a whole number."),
            "required": _("Fill in how many people you want."),
        },
    )
    respond_by = _date(_("Respond by"), required=True, help_text=_("The last day people can respond."))
    audience = _choice(
        Opportunity.Audience.choices, _("Who may see it"), radio=True, initial=Opportunity.Audience.MEMBERS
    )

    def __init__(self, *args, user=None, opportunity: Opportunity | None = None, **kwargs):
        self.opportunity = opportunity
        if opportunity is not None:
            initial = {name: getattr(opportunity, name) for name in EDITABLE_FIELDS}
            initial["days"] = bits_to_list(opportunity.days, WEEKDAYS)
            initial["themes"] = list(opportunity.themes.values_list("pk", flat=True))
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if user is not None:
            self._scope_fields(user)

    def _scope_fields(self, user) -> None:
        coordinator = is_coordinator(user)
        if coordinator:
            organisations = Organisation.objects.order_by("name")
            circles = Circle.objects.filter(is_active=True).order_by("name")
        else:
            organisations = Organisation.objects.filter(pk__in=access.represented_organisation_ids(user)).order_by(
                "name"
            )
            circles = Circle.objects.filter(pk__in=access.led_circle_ids(user)).order_by("name")
        scope = {
            "organisation": LabelChoiceField(
                label=_("For the organisation"),
                queryset=organisations,
                required=False,
                empty_label=_("No organisation"),
                help_text=_("Its representatives can change it too."),
                error_messages={"invalid_choice": _("Choose an organisation you represent, from the list.")},
            ),
            "circle": LabelChoiceField(
                label=_("For the circle"),
                queryset=circles,
                required=False,
                empty_label=_("No circle"),
                help_text=_("Its circle leads can change it too."),
                error_messages={"invalid_choice": _("Choose a circle you lead, from the list.")},
            ),
        }
        if not coordinator:  # offer only what this person may post for
            scope = {name: field for name, field in scope.items() if field.queryset.exists()}
        self.coordinator = coordinator
        fields = dict(self.fields)
        self.fields = {}
        for name, field in fields.items():
            self.fields[name] = field
            if name == "offered_by":
                self.fields.update(scope)

    def clean_respond_by(self):
        respond_by = self.cleaned_data["respond_by"]
        unchanged = self.opportunity is not None and respond_by == self.opportunity.respond_by
        if respond_by < timezone.localdate() and not unchanged:
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return respond_by

    def clean_days(self):
        return list_to_bits(self.cleaned_data.get("days") or [])

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        pay = data.get("pay")
        if pay == Opportunity.Pay.FEE and data.get("fee") is None and "fee" not in self.errors:
            self.add_error("fee", _("Fill in the fee."))
        if pay == Opportunity.Pay.HOURLY and data.get("hourly_rate") is None and "hourly_rate" not in self.errors:
            self.add_error("hourly_rate", _("Fill in the hourly rate."))
        if pay and pay != Opportunity.Pay.FEE and data.get("fee") is not None:
            self.add_error("fee", _("A fee is only for a fixed fee. Choose 'A fixed fee' or leave the fee empty."))
        if pay and pay != Opportunity.Pay.HOURLY and data.get("hourly_rate") is not None:
            self.add_error(
                "hourly_rate", _("An hourly rate is only for pay per hour. Choose 'An hourly rate' or leave it empty.")
            )
        if self.is_member_form and not getattr(self, "coordinator", True):
            chosen = data.get("organisation") or data.get("circle")
            if not chosen and not ({"organisation", "circle"} & set(self.errors)):
                self.add_error(None, _("Choose the organisation or the circle you post this for."))
        return data

    @property
    def is_member_form(self) -> bool:
        return "audience" in self.fields

    def opportunity_fields(self) -> dict:
        """The cleaned fields for the service; a scope field not offered is left as it was (or empty)."""
        names = EDITABLE_FIELDS if self.is_member_form else PUBLIC_FIELDS
        fields = {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}
        if self.is_member_form and self.opportunity is None:
            fields.setdefault("organisation", None)
            fields.setdefault("circle", None)
        return fields


class PublicOpportunityForm(OpportunityForm):
    """The public form for partners without an account: who they are, then the opportunity."""

    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=_field("contact_name").max_length,
        validators=[validate_name_without_link],
        error_messages={"max_length": TOO_LONG, "required": _("Fill in your name.")},
    )
    contact_email = forms.EmailField(
        label=_("Your email address"),
        max_length=_field("contact_email").max_length,
        help_text=_("We send you a confirmation, and tell you when a coordinator has checked it."),
        error_messages={
            "max_length": TOO_LONG,
            "required": _("Fill in your email address."),
            "invalid": _("Fill in a valid email address."),
        },
    )

    field_order = ["contact_name", "contact_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["audience"]
        self.fields["offered_by"].help_text = _("Your organisation, or the organisation people will work for.")

    def clean_contact_name(self):
        name = self.cleaned_data["contact_name"].strip()
        if any(ord(char) < 32 for char in name):
            raise forms.ValidationError(_("Use letters, not special characters."))
        return name


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it not approved?"),
        max_length=_field("rejection_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The poster reads this. Say what they can change."),
        error_messages={"required": _("Say why, so the poster can change it."), "max_length": TOO_LONG},
    )


class FilterForm(forms.Form):
    """The list's filters (GET). An invalid filter shows its error and is left out."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Every kind")), *Opportunity.Kind.choices], required=False
    )
    theme = LabelChoiceField(
        label=_("Theme"), queryset=Theme.objects.filter(is_active=True), required=False, empty_label=_("Every theme")
    )
    paid = forms.ChoiceField(
        label=_("Paid"), choices=[("", _("Paid or not")), ("yes", _("Paid")), ("no", _("Not paid"))], required=False
    )
    area = LabelChoiceField(
        label=_("Area"), queryset=Area.objects.filter(is_active=True), required=False, empty_label=_("Every area")
    )

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        paid = {"yes": True, "no": False}.get(data.get("paid") or "")
        return {"kind": data.get("kind") or "", "theme": data.get("theme"), "paid": paid, "area": data.get("area")}


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["name_nl", "name_en", "position", "is_active"]
        error_messages = {
            "name_nl": {"max_length": TOO_LONG, "unique": _("There is already an area with this name.")},
            "name_en": {"max_length": TOO_LONG, "unique": _("There is already an area with this name.")},
        }
