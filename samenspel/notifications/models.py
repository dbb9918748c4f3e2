"""Notifications ("berichten"): a message to one person about something that happened, and each
person's choice per kind of how to be emailed about it.

A notification stores a text *key* and plain parameters, not a sentence: the sentence is made in
the reader's language when it is shown or emailed (`messages.py`). Its link is a path of this
site without personal data or tokens (`/meetings/12/`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CIRCLE_UPDATE = "circle_update", _("New update in my circle")
    MEETING = "meeting", _("New or changed meeting in my circle")
    ROUND_OPENED = "round_opened", _("A consultation round opened for me")
    ROUND_CLOSING = "round_closing", _("A consultation round for me closes in two days")
    REACTIENOTA = "reactienota", _("Reactienota published for a round I commented on")
    REPORT = "report", _("Report published for a meeting I attended")
    JOIN_REQUEST = "join_request", _("Someone asks to join my circle (kartrekkers)")
    SIGN_UP = "sign_up", _("New sign-up for the network (coordinators)")
    TANDEM = "tandem", _("My tandem: enrolment and session changes")
    CIRCLE_MESSAGE = "circle_message", _("Message from my circle's kartrekker")
    OPPORTUNITY = "opportunity", _("A new opportunity fits me")
    OPPORTUNITY_RESPONSE = "opportunity_response", _("Someone responded to an opportunity I posted")
    OPPORTUNITY_OUTCOME = "opportunity_outcome", _("The answer to my response to an opportunity")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Email at once")
    DAILY = "daily", _("Daily summary")
    WEEKLY = "weekly", _("Weekly summary")
    NEVER = "never", _("No email")


# What a person gets without having chosen: what asks for action at once, news in a summary.
DEFAULT_FREQUENCY = {
    Kind.CIRCLE_UPDATE: Frequency.WEEKLY,
    Kind.MEETING: Frequency.DAILY,
    Kind.ROUND_OPENED: Frequency.IMMEDIATE,
    Kind.ROUND_CLOSING: Frequency.IMMEDIATE,
    Kind.REACTIENOTA: Frequency.IMMEDIATE,
    Kind.REPORT: Frequency.IMMEDIATE,
    Kind.JOIN_REQUEST: Frequency.IMMEDIATE,
    Kind.SIGN_UP: Frequency.IMMEDIATE,
    Kind.TANDEM: Frequency.IMMEDIATE,
    Kind.CIRCLE_MESSAGE: Frequency.IMMEDIATE,
    Kind.OPPORTUNITY: Frequency.IMMEDIATE,
    Kind.OPPORTUNITY_RESPONSE: Frequency.IMMEDIATE,
    # In the app only: the member always gets a direct email about their own response (see
    # opportunities.services.responses), so there is nothing to choose.
    Kind.OPPORTUNITY_OUTCOME: Frequency.NEVER,
}


class EmailState(models.TextChoices):
    PENDING = "pending", _("Waiting for a summary")
    SENT = "sent", _("Emailed")
    NONE = "none", _("Not emailed")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    message = models.CharField(_("text key"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_state = models.CharField(_("email"), max_length=10, choices=EmailState.choices, default=EmailState.PENDING)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # The menu's count and the list: a person's unread messages, newest first.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
            # The summaries: what still waits for an email.
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_pending",
                condition=Q(email_state="pending"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(link__startswith="/") & ~Q(link__startswith="//"),
                name="notification_link_is_a_local_path",
            ),
            models.CheckConstraint(
                condition=Q(email_state="sent", emailed_at__isnull=False) | ~Q(email_state="sent"),
                name="notification_sent_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationSetting(models.Model):
    """A person's choice for one kind; without a row the kind's DEFAULT_FREQUENCY holds."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    frequency = models.CharField(_("email"), max_length=10, choices=Frequency.choices)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("message setting")
        verbose_name_plural = _("message settings")
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="notification_setting_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.frequency}"
