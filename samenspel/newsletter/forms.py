"""Input of the newsletter's pages: validation only, no side effects."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.circles.models import Circle, CircleUpdate
from samenspel.lib.forms import BAD_DATE, DATE_FORMATS, TOO_LONG, DateInput, datetime_field

from .models import Edition, Suppression
from .texts import opt_in_text, subscribe_text

UPDATE_TITLE_MAX = CircleUpdate._meta.get_field("title").max_length
UPDATE_BODY_MAX = CircleUpdate._meta.get_field("body").max_length
INTRODUCTION_MAX = Edition._meta.get_field("introduction").max_length
TITLE_MAX = Edition._meta.get_field("title").max_length
EMAIL_MAX = 254


def _date_field(label, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"required": _("Fill in a date."), "invalid": BAD_DATE},
    )


class EditionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        initial="Stand van zaken vanuit de kringen",
        error_messages={"required": _("Fill in a title."), "max_length": TOO_LONG},
    )
    issue_date = _date_field(_("Date of the edition"))
    deadline = _date_field(
        _("Deadline for the circles' updates"),
        help_text=_("The kartrekkers get a request now, and a reminder two days before this date."),
    )
    audience = forms.ChoiceField(
        label=_("Send to"),
        choices=Edition.Audience.choices,
        initial=Edition.Audience.EVERYONE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who gets this edition.")},
    )
    circle = forms.ModelChoiceField(
        label=_("Circle"),
        queryset=Circle.objects.filter(is_active=True).order_by("position", "name"),
        required=False,
        empty_label=_("Choose a circle"),
        help_text=_("Only when you send to the members of one circle."),
        error_messages={"invalid_choice": _("Choose one of the circles in the list.")},
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it on the site"),
        choices=Edition.Visibility.choices,
        initial=Edition.Visibility.PUBLIC,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who may read this edition on the site.")},
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=INTRODUCTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("You can use Markdown: **bold**, *italic*, lists with - and links as [text](https://...)."),
        error_messages={"max_length": TOO_LONG},
    )

    def clean(self):
        data = super().clean()
        audience, issue_date, deadline = data.get("audience"), data.get("issue_date"), data.get("deadline")
        if issue_date and deadline and deadline > issue_date:
            self.add_error("deadline", _("The deadline must be on or before the date of the edition."))
        if audience == Edition.Audience.CIRCLE and not data.get("circle"):
            self.add_error("circle", _("Choose the circle whose members get this edition."))
        if audience != Edition.Audience.CIRCLE:
            data["circle"] = None
        public_audience = (Edition.Audience.EVERYONE, Edition.Audience.SUBSCRIBERS)
        if audience in public_audience and data.get("visibility") == Edition.Visibility.MEMBERS:
            self.add_error(
                "visibility",
                _("Public subscribers are not members: an edition sent to them must be readable by everyone."),
            )
        return data


class OrderForm(forms.Form):
    """The place of each section (1 is first) and whether it is shown."""

    def __init__(self, *args, order, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        for index, (section, show) in enumerate(order, start=1):
            self.fields[f"position_{section.key}"] = forms.IntegerField(
                label=_("Place of “%(heading)s”") % {"heading": section.heading},
                min_value=1,
                max_value=len(order),
                initial=index,
                error_messages={
                    "required": _("Fill in a place."),
                    "invalid": _("Fill in a whole number."),
                    "min_value": _("Fill in a number from 1 to %(count)s.") % {"count": len(order)},
                    "max_value": _("Fill in a number from 1 to %(count)s.") % {"count": len(order)},
                },
            )
            self.fields[f"show_{section.key}"] = forms.BooleanField(
                label=_("Show “%(heading)s”") % {"heading": section.heading}, required=False, initial=show
            )

    def ordered(self) -> list[dict]:
        """The sections in their new order: by the places filled in, ties in the old order."""
        data = self.cleaned_data
        ranked = sorted(enumerate(self.order), key=lambda pair: (data[f"position_{pair[1][0].key}"], pair[0]))
        return [{"key": section.key, "show": data[f"show_{section.key}"]} for _index, (section, _show) in ranked]


class SendForm(forms.Form):
    NOW, LATER = "now", "later"
    when = forms.ChoiceField(
        label=_("When"),
        choices=[(NOW, _("Send now")), (LATER, _("Send later, at a time I choose"))],
        initial=NOW,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose now or later."), "invalid_choice": _("Choose now or later.")},
    )
    send_at = datetime_field(_("Send at"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("when") == self.LATER and not data.get("send_at"):
            self.add_error("send_at", _("Fill in when to send it."))
        return data


class UpdateForm(forms.Form):
    """The circle's update for the edition (a circle update: the same limits)."""

    title = forms.CharField(
        label=_("Title"),
        max_length=UPDATE_TITLE_MAX,
        error_messages={"required": _("Fill in a title."), "max_length": TOO_LONG},
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=UPDATE_BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("You can use Markdown: **bold**, *italic*, lists with - and links as [text](https://...)."),
        error_messages={"required": _("Write the text of the update."), "max_length": TOO_LONG},
    )


class ChooseUpdateForm(forms.Form):
    update = forms.ModelChoiceField(
        label=_("Update"),
        queryset=CircleUpdate.objects.none(),
        empty_label=_("Choose an update"),
        error_messages={
            "required": _("Choose an update."),
            "invalid_choice": _("Choose one of your circle's updates in the list."),
        },
    )

    def __init__(self, *args, updates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["update"].queryset = updates


class PreferencesForm(forms.Form):
    newsletter = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["newsletter"].label = opt_in_text()


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=EMAIL_MAX,
        error_messages={
            "required": _("Fill in an email address."),
            "invalid": _("Fill in a valid email address, like name@example.org."),
            "max_length": _("This email address is too long."),
        },
    )
    agree = forms.BooleanField(error_messages={"required": _("Tick the box to say yes.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agree"].label = subscribe_text()


class SuppressionForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX,
        error_messages={
            "required": _("Fill in an email address."),
            "invalid": _("Fill in a valid email address, like name@example.org."),
            "max_length": _("This email address is too long."),
        },
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=Suppression.Reason.choices,
        initial=Suppression.Reason.BOUNCE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason."), "invalid_choice": _("Choose a reason.")},
    )
