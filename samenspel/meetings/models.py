"""Meetings (bijeenkomsten): planning, registration with capacity and waitlist, breakout groups,
attendance, the report, and calendar feeds.

Personal data here: Registration.name/email/role/access_needs (access_needs is sensitive and is
deleted after the meeting), CalendarFeed (a secret per member). See members/personal_data.py.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.lib.revision import RevisionOnSave


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members of the network")
    CIRCLE = "circle", _("Members of the circle")


class ParticipantRole(models.TextChoices):
    """The groups a meeting is mixed from (the seed's): the order is the order of the role mix."""

    EXPERT = "expert", _("Expert by experience")
    PROFESSIONAL = "professional", _("Professional")
    MANAGER = "manager", _("Team leader or manager")
    ALLY = "ally", _("Ally from a partner organisation")
    POLICY = "policy", _("Policy officer of the municipality")
    OTHER = "other", _("Other")


class MeetingSeries(models.Model):
    """A recurring meeting of a circle, e.g. 'second Tuesday of every month, 19:00–21:00'.

    Occurrences are ordinary Meeting rows linked to the series; each can be changed or
    cancelled on its own.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    circle = models.ForeignKey("circles.Circle", on_delete=models.CASCADE, related_name="meeting_series")
    title = models.CharField(_("title"), max_length=150)
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(
        _("week of the month"), help_text=_("1 to 4 for the first to fourth; -1 for the last.")
    )
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    first_date = models.DateField(_("from"))
    last_date = models.DateField(_("until"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="series_ends_after_start"),
            models.CheckConstraint(condition=Q(last_date__gte=F("first_date")), name="series_last_after_first"),
            models.CheckConstraint(condition=Q(week_of_month__in=[-1, 1, 2, 3, 4]), name="series_week_of_month_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class Meeting(RevisionOnSave, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # stable iCal UID
    circle = models.ForeignKey(
        "circles.Circle",
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
        help_text=_("Empty for a meeting of the whole network."),
    )
    series = models.ForeignKey(MeetingSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("number of places"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    visibility = models.CharField(_("who may see and register"), max_length=10, choices=Visibility.choices)
    # A circle meeting may be opened to guests from the network: every approved member may see it and
    # register; this text says whom the circle invites (e.g. OKT workers). Empty: the circle's members only.
    guests = models.CharField(_("also open to"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    sequence = models.PositiveIntegerField(default=0, editable=False)  # iCal SEQUENCE, raised on every change
    # Raised by every save of the meeting and every change to what its page shows (registrations,
    # report, groups, trajectory session): the key of the page's cached parts (samenspel.meetings.revisions).
    revision = models.PositiveIntegerField(default=0, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["status", "visibility", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="meeting_capacity_at_least_one"),
            models.CheckConstraint(
                condition=~Q(visibility="circle") | Q(circle__isnull=False), name="circle_visibility_needs_circle"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def registration_is_open(self) -> bool:
        now = timezone.now()
        if self.status != self.Status.PUBLISHED or self.starts_at <= now:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)


class RoleLimit(models.Model):
    """An optional maximum of confirmed participants with one role, so a meeting stays mixed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="role_limits")
    role = models.CharField(_("role"), max_length=12, choices=ParticipantRole.choices)
    maximum = models.PositiveIntegerField(_("maximum"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "role"], name="one_limit_per_role")]
        verbose_name = _("role limit")
        verbose_name_plural = _("role limits")

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.role} ≤ {self.maximum}"


class BreakoutGroup(models.Model):
    """A deelgroep: a name, one question, a note-taker, and the group's outcomes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=100)
    question = models.TextField(_("question"), max_length=1000)
    note_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("note-taker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcomes = models.TextField(_("outcomes"), max_length=20000, blank=True, help_text=_("You can use Markdown."))
    outcomes_html = models.TextField(blank=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("breakout group")
        verbose_name_plural = _("breakout groups")

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    """One person's place (or place in the queue) at a meeting.

    A member registers with their account; a visitor (public meetings) with name and email,
    confirmed by an emailed link (double opt-in). The waitlist order is `queued_at`, then id.
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=120, blank=True)  # visitors only
    email = models.EmailField(_("email address"), blank=True)  # visitors only
    role = models.CharField(_("role"), max_length=12, choices=ParticipantRole.choices, blank=True)
    access_needs = models.TextField(
        _("access needs"),
        max_length=1000,
        blank=True,
        help_text=_("Only the coordinators and the circle leads see this. We delete it after the meeting."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    queued_at = models.DateTimeField(default=timezone.now)
    token_hash = models.CharField(max_length=64, unique=True)  # for the emailed confirm / cancel links
    language = models.CharField(max_length=5, default="nl")
    group = models.ForeignKey(
        BreakoutGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="participants"
    )
    attended = models.BooleanField(_("present"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "queued_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["meeting", "status", "queued_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(member__isnull=False) & ~Q(status="cancelled"),
                name="one_active_registration_per_member",
            ),
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=Q(member__isnull=True) & ~Q(status="cancelled"),
                name="one_active_registration_per_email",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | (~Q(name="") & ~Q(email="")),
                name="visitor_registration_has_name_and_email",
            ),
        ]

    def __str__(self) -> str:
        return f"registration {self.pk} ({self.status})"

    @property
    def display_name(self) -> str:
        return self.member.name if self.member_id else self.name

    @property
    def contact_email(self) -> str:
        return self.member.email if self.member_id else self.email


class Report(models.Model):
    """The verslag: introduction, the groups' questions and outcomes, decisions, follow-up, attachments."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="report")
    introduction = models.TextField(_("introduction"), max_length=20000, blank=True)
    introduction_html = models.TextField(blank=True, editable=False)
    decisions = models.TextField(_("decisions"), max_length=10000, blank=True)
    decisions_html = models.TextField(blank=True, editable=False)
    follow_up = models.TextField(_("follow-up actions"), max_length=10000, blank=True)
    follow_up_html = models.TextField(blank=True, editable=False)
    visibility = models.CharField(
        _("who may read it"),
        max_length=12,
        choices=[("participants", _("Participants")), *Visibility.choices[:2]],
        default="participants",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"report of {self.meeting_id}"


class Attachment(models.Model):
    """A file with the report (the presentation): PDF, PPTX or ODP, type checked by content."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="meetings/attachments/%Y/%m/")
    title = models.CharField(_("title"), max_length=150)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class CalendarFeed(models.Model):
    """A member's personal calendar feed: a secret token (only its hash is stored), renewable."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed of {self.member_id}"
