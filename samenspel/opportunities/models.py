"""Opportunities ("vraag en aanbod"): paid work, research and design sessions offered to the network.

- An `Opportunity` is posted by a coordinator, a kartrekker (for their circle) or an organisation's
  representative (for that organisation), or submitted through the public form by a partner
  without an account (`contact_name`, `contact_email`). A coordinator approves it before it is
  published. States: draft → waiting for approval → published → closed or filled.
- `Area` lists the parts of the city where work happens; each network fills in its own.
- `MatchingOptIn`: a member asked for invitations to opportunities that fit their themes. It is
  recorded like consent (text shown, version, date, language) and is separate from who may see
  their themes. Withdrawing sets `withdrawn_at`; choosing again makes a new row; at most one is
  active. The preferences (kinds, days, hours a month, areas) live on the active row.
- `Response`: a member responds with a note and chooses what the poster may see.
- `RealisedWork`: what paid work brought, per person (hours, fee, dates); the monitor counts it
  per quarter.

Personal data here: MatchingOptIn, Response (note, phone, what is shared), RealisedWork.member,
and the public submitter's `contact_name`/`contact_email` (see members/personal_data.py).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Days of the week as bits, Monday first, so that "which days" is one integer and matching is a
# bitwise AND in SQL (`days & member_days != 0`). 0 means "any day" / "no fixed days".
WEEKDAYS = [
    (1 << 0, _("Monday")),
    (1 << 1, _("Tuesday")),
    (1 << 2, _("Wednesday")),
    (1 << 3, _("Thursday")),
    (1 << 4, _("Friday")),
    (1 << 5, _("Saturday")),
    (1 << 6, _("Sunday")),
]


def bits_to_list(value: int, choices) -> list:
    """The choices whose bit is set in `value`, in the choices' order."""
    return [bit for bit, _label in choices if value & bit]


def list_to_bits(values) -> int:
    total = 0
    for value in values:
        total |= int(value)
    return total


class Area(models.Model):
    """A part of the city (Amsterdam: a stadsdeel). Opportunities happen in one; members choose theirs."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "name_nl"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


class Opportunity(models.Model):
    class Kind(models.TextChoices):
        PAID_JOB = "paid_job", _("Paid job")
        PAID_ASSIGNMENT = "paid_assignment", _("Paid assignment")
        RESEARCH = "research", _("Taking part in research")
        DESIGN_SESSION = "design_session", _("Design session")
        WORKING_GROUP = "working_group", _("Working group")
        VOLUNTEER = "volunteer", _("Volunteer role")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Waiting for approval")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        FILLED = "filled", _("Filled")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone (sign up to respond)")
        MEMBERS = "members", _("Members of the network only")

    class Pay(models.TextChoices):
        NONE = "none", _("Not paid")
        FEE = "fee", _("A fixed fee")
        HOURLY = "hourly", _("An hourly rate")

    class HoursUnit(models.TextChoices):
        TOTAL = "total", _("in total")
        WEEK = "week", _("a week")
        MONTH = "month", _("a month")

    # Paid kinds: the monitor counts what they realised.
    PAID_KINDS = (Kind.PAID_JOB, Kind.PAID_ASSIGNMENT)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=10000, help_text=_("You can use Markdown."))
    description_html = models.TextField(blank=True, editable=False)
    offered_by = models.CharField(
        _("who offers it"), max_length=150, help_text=_("The organisation or person people will work with.")
    )
    # Posted for an organisation (by its representative, or a coordinator) or for a circle (by its kartrekker).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    circle = models.ForeignKey(
        "circles.Circle",
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    themes = models.ManyToManyField(
        "members.Theme", verbose_name=_("themes it asks for"), blank=True, related_name="opportunities"
    )
    # Where: an area, a place, online, or a mix.
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="opportunities"
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    # When and how much time.
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("days"), default=0, help_text=_("Bits of WEEKDAYS; 0: no fixed days."))
    when_note = models.CharField(_("when, in your words"), max_length=200, blank=True)
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    hours_unit = models.CharField(_("hours per"), max_length=5, choices=HoursUnit.choices, default=HoursUnit.TOTAL)
    # Hours a month, worked out from hours and hours_unit when saved (services), for matching.
    monthly_hours = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True, editable=False)
    # Pay.
    pay = models.CharField(_("paid"), max_length=6, choices=Pay.choices, default=Pay.NONE)
    fee = models.DecimalField(
        _("fee in euros"), max_digits=9, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    hourly_rate = models.DecimalField(
        _("hourly rate in euros"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    expense_allowance = models.BooleanField(_("expenses are paid"), default=False)
    people_wanted = models.PositiveSmallIntegerField(_("number of people wanted"), default=1)
    respond_by = models.DateField(_("respond by"))
    audience = models.CharField(_("who may see it"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Who posted it: a member, or (public form) a contact without an account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_name = models.CharField(_("your name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("your email address"), max_length=254, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("why not"), max_length=2000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["respond_by", "id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [models.Index(fields=["status", "respond_by"], name="opportunity_listing")]
        constraints = [
            models.CheckConstraint(condition=Q(people_wanted__gte=1), name="opportunity_wants_someone"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="opportunity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_paid(self) -> bool:
        return self.pay != self.Pay.NONE

    def is_open_for_responses(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.PUBLISHED and self.respond_by >= today


class MatchingOptIn(models.Model):
    """A member asked for invitations to opportunities that fit their themes (recorded like consent)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_opt_ins")
    text_version = models.PositiveSmallIntegerField()
    text = models.TextField()  # the words the member agreed to, in the language shown
    language = models.CharField(max_length=5, default="nl")
    opted_in_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Preferences: which kinds (bits in the order of Opportunity.Kind; 0: every kind), which days
    # (bits of WEEKDAYS; 0: any day), hours a month (empty: no limit), areas (none: anywhere).
    kinds = models.PositiveSmallIntegerField(_("kinds"), default=0)
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    hours_per_month = models.PositiveSmallIntegerField(_("hours a month"), null=True, blank=True)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="+")
    online_ok = models.BooleanField(_("online is fine"), default=True)

    class Meta:
        ordering = ["-opted_in_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(withdrawn_at__isnull=True), name="one_active_opportunity_opt_in"
            )
        ]
        verbose_name = _("invitations choice")
        verbose_name_plural = _("invitations choices")

    def __str__(self) -> str:
        return f"opt-in {self.pk} of {self.member_id}"


def kind_bit(kind: str) -> int:
    """The bit of one Opportunity.Kind in MatchingOptIn.kinds."""
    return 1 << list(Opportunity.Kind.values).index(kind)


class Response(models.Model):
    """A member's response to an opportunity, with what they chose to share with the poster."""

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for an answer")
        CHOSEN = "chosen", _("Chosen")
        NOT_CHOSEN = "not_chosen", _("Not chosen this time")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="responses")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_responses")
    note = models.TextField(_("a short note"), max_length=1000)
    share_name = models.BooleanField(_("my name"), default=True)
    share_email = models.BooleanField(_("my email address"), default=True)
    share_phone = models.BooleanField(_("my phone number"), default=False)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    share_themes = models.BooleanField(_("my themes"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "member"], name="one_response_per_member"),
        ]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"response {self.pk}"


class RealisedWork(models.Model):
    """What paid work brought one person: hours, fee and dates. Counted per quarter by `ended_on`.

    `member` is cleared when the member deletes their data; the figures stay, without a person.
    `by_expert` says whether the person joined as an expert by experience when it was recorded.
    """

    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="realised_work")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="realised_work"
    )
    by_expert = models.BooleanField(_("by an expert by experience"), default=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1, validators=[MinValueValidator(0)])
    fee = models.DecimalField(_("paid in euros"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)])
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["ended_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_on__gte=models.F("started_on")), name="realised_ends_after_start"),
            models.CheckConstraint(condition=Q(hours__gte=0) & Q(fee__gte=0), name="realised_not_negative"),
        ]
        verbose_name = _("realised work")
        verbose_name_plural = _("realised work")

    def __str__(self) -> str:
        return f"realised {self.pk}"
