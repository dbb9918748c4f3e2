"""Organisations' own data for the council motion, and the Tandem Ontwikkel Traject.

- EmployedExpert / Professional: people employed by a buurtteam organisation, per team. A person
  is a platform member, or only initials and an internal reference when they are not a member
  (checked by the services, not by a constraint: when a member deletes their account the record
  stays, without the link, for the organisation's figures).
- Training: an expert's expert-by-experience training (course, started, completed, certificate).
- Tandem: an expert by experience and a professional of the same organisation, in a team.
- Trajectory → Module (in order) → TrajectorySession (each session IS a meetings.Meeting, linked,
  so it shows in the meeting calendar and .ics feeds); Enrolment of a tandem, SessionAttendance
  per partner, Reflection per module (private to the tandem and its coach unless shared),
  ModuleProgress (modules done) and completion.

Personal data here: EmployedExpert/Professional (member link, initials, internal reference, hours),
Training, Reflection text. Per-team and per-person figures are never public (see monitor).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# Hours per week of one full-time job (FTE = hours / FULL_TIME_HOURS). Buurtteam collective agreement: 36.
FULL_TIME_HOURS = Decimal("36")


class Person(models.Model):
    """Shared fields of an employed expert and a professional."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey("organisations.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("platform member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(class)s_records",
    )
    initials = models.CharField(_("initials"), max_length=10, blank=True)
    internal_reference = models.CharField(_("internal reference"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        if self.member_id:
            return self.member.name
        return f"{self.initials} ({self.internal_reference})" if self.internal_reference else self.initials


class EmployedExpert(Person):
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("40"))],
    )
    started_on = models.DateField(_("employed from"))
    ended_on = models.DateField(_("employed until"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "team", "id"]
        verbose_name = _("employed expert by experience")
        verbose_name_plural = _("employed experts by experience")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")), name="expert_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=Decimal("0.5")) & Q(hours_per_week__lte=Decimal("40")),
                name="expert_hours_possible",
            ),
            models.UniqueConstraint(
                fields=["organisation", "internal_reference"],
                condition=~Q(internal_reference=""),
                name="expert_reference_once_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def fte(self) -> Decimal:
        return (self.hours_per_week / FULL_TIME_HOURS).quantize(Decimal("0.01"))


class Training(models.Model):
    """An expert's training as an expert by experience."""

    expert = models.ForeignKey(EmployedExpert, on_delete=models.CASCADE, related_name="trainings")
    course = models.CharField(_("course"), max_length=200)
    started_on = models.DateField(_("started"))
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    certificate_on = models.DateField(_("certificate date"), null=True, blank=True)

    class Meta:
        ordering = ["expert", "started_on"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("started_on")),
                name="training_completes_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.course


class Professional(Person):
    """A buurtteam professional who works in a tandem."""

    class Meta:
        ordering = ["organisation", "team", "id"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "internal_reference"],
                condition=~Q(internal_reference=""),
                name="professional_reference_once_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Tandem(models.Model):
    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="tandems")
    team = models.ForeignKey(
        "organisations.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="tandems"
    )
    expert = models.ForeignKey(
        EmployedExpert, verbose_name=_("expert by experience"), on_delete=models.PROTECT, related_name="tandems"
    )
    professional = models.ForeignKey(
        Professional, verbose_name=_("professional"), on_delete=models.PROTECT, related_name="tandems"
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FORMING)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coached_tandems",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "team", "started_on", "id"]
        verbose_name = _("tandem")
        verbose_name_plural = _("tandems")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")), name="tandem_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} & {self.professional}"


class TandemStatusChange(models.Model):
    """One change of a tandem's status, from the day it took effect: the history the monitor counts from.

    A tandem's status on a day is the status of its latest change on or before that day, so the
    quarterly counts stay right when a tandem ends, pauses or starts again later.
    """

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=10, choices=Tandem.Status.choices)
    since = models.DateField(_("since"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["tandem", "since", "id"]
        verbose_name = _("status change of a tandem")
        verbose_name_plural = _("status changes of tandems")
        indexes = [models.Index(fields=["tandem", "since"])]

    def __str__(self) -> str:
        return f"{self.tandem_id} {self.status} since {self.since}"


class Trajectory(models.Model):
    """The Tandem Ontwikkel Traject (or another learning trajectory): modules in order."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web address"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("learning trajectory")
        verbose_name_plural = _("learning trajectories")

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), max_length=2000)
    materials = models.TextField(_("materials"), max_length=5000, blank=True, help_text=_("You can use Markdown."))

    class Meta:
        ordering = ["trajectory", "position"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [models.UniqueConstraint(fields=["trajectory", "position"], name="one_module_per_position")]

    def __str__(self) -> str:
        return self.title


class TrajectorySession(models.Model):
    """A session of a module. Its date, place or link live in the linked meeting (link, don't copy)."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sessions")
    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.PROTECT, related_name="trajectory_session")
    led_by = models.CharField(_("led by"), max_length=200)

    class Meta:
        ordering = ["module", "meeting__starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.module} – {self.meeting_id}"


class Enrolment(models.Model):
    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="enrolments")
    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="enrolments")
    enrolled_on = models.DateField(_("enrolled on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["trajectory", "enrolled_on", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["tandem", "trajectory"], name="enrolled_once")]

    def __str__(self) -> str:
        return f"{self.tandem_id} in {self.trajectory_id}"


class SessionAttendance(models.Model):
    """Attendance of both partners of an enrolled tandem at one session."""

    session = models.ForeignKey(TrajectorySession, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    expert_present = models.BooleanField(_("expert by experience present"), default=False)
    professional_present = models.BooleanField(_("professional present"), default=False)

    class Meta:
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}@{self.session_id}"


class ModuleProgress(models.Model):
    """A module a tandem has done."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+")
    completed_on = models.DateField(_("done on"))

    class Meta:
        verbose_name = _("module done")
        verbose_name_plural = _("modules done")
        constraints = [models.UniqueConstraint(fields=["enrolment", "module"], name="module_done_once")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.module_id}"


class Reflection(models.Model):
    """A partner's reflection on a module: private to the tandem and its coach unless shared."""

    class Partner(models.TextChoices):
        EXPERT = "expert", _("Expert by experience")
        PROFESSIONAL = "professional", _("Professional")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reflections")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="reflections")
    partner = models.CharField(_("written by"), max_length=12, choices=Partner.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="tandem_reflections"
    )
    text = models.TextField(_("reflection"), max_length=10000)
    is_shared = models.BooleanField(_("share with the organisation and the coordinators"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["enrolment", "module__position", "created_at"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module", "partner"], name="one_reflection_per_partner_module")
        ]

    def __str__(self) -> str:
        return f"reflection {self.pk}"


class CoachRole(models.Model):
    """A member who may coach tandems. Coordinators give and take this role; nobody gives it to themselves.

    Only members with this role can be chosen as a tandem's coach, and a coach reads the tandem's
    private reflections only while they have it.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="tandem_coach_role"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("coach since"), auto_now_add=True)

    class Meta:
        ordering = ["member__name", "id"]
        verbose_name = _("coach role")
        verbose_name_plural = _("coach roles")

    def __str__(self) -> str:
        return f"coach {self.member_id}"


class MemberLinkRequest(models.Model):
    """A request to link an expert or professional record to a member account, waiting for that member.

    A representative (or coordinator) asks; the member confirms while logged in, or declines. Until
    the member accepts, the record has no linked member, so the member's account reaches nothing.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the member")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    expert = models.ForeignKey(
        EmployedExpert, null=True, blank=True, on_delete=models.CASCADE, related_name="link_requests"
    )
    professional = models.ForeignKey(
        Professional, null=True, blank=True, on_delete=models.CASCADE, related_name="link_requests"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="tandem_link_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("request to link a member")
        verbose_name_plural = _("requests to link a member")
        constraints = [
            models.CheckConstraint(
                condition=Q(expert__isnull=False, professional__isnull=True)
                | Q(expert__isnull=True, professional__isnull=False),
                name="link_request_for_one_record",
            ),
            models.UniqueConstraint(
                fields=["expert"], condition=Q(status="pending"), name="one_pending_link_request_per_expert"
            ),
            models.UniqueConstraint(
                fields=["professional"],
                condition=Q(status="pending"),
                name="one_pending_link_request_per_professional",
            ),
        ]

    def __str__(self) -> str:
        return f"link request {self.pk}"

    @property
    def record(self) -> EmployedExpert | Professional:
        return self.expert if self.expert_id else self.professional
