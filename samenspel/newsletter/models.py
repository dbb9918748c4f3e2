"""The newsletter "Stand van zaken": editions, the kartrekkers' updates for them, audiences and deliveries.

- An `Edition` gathers its sections (the circles' updates, meetings, rounds, reports; see
  `sections.py`) live while it is prepared; when sending starts, what it shows is frozen into
  `EditionItem` rows, so every recipient gets the same text and the permanent page never changes.
- An `UpdateRequest` asks one circle's kartrekkers for their update; the update itself is an
  ordinary `circles.CircleUpdate` (one text, on the circle page and in the edition).
- Audiences: members who opted in (`MemberOptIn`, recorded like consent: text, version, date,
  language) and public subscribers who confirmed their address (`Subscriber`, double opt-in).
- A `Delivery` is one address of one edition (unique), so each address gets an edition once;
  `Suppression` lists addresses that bounce: they are skipped.

Personal data here: MemberOptIn, Subscriber, Delivery.email, Suppression.email (see
members/personal_data.py). A subscriber's address is never in a URL or a log line.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Members who chose the newsletter, and public subscribers")
        MEMBERS = "members", _("Members who chose the newsletter")
        SUBSCRIBERS = "subscribers", _("Public subscribers")
        CIRCLE = "circle", _("The members of one circle who chose the newsletter")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone: in the public archive")
        MEMBERS = "members", _("Members of the network only")

    title = models.CharField(_("title"), max_length=150)
    issue_date = models.DateField(_("date of the edition"))
    deadline = models.DateField(_("deadline for the updates"))
    introduction = models.TextField(_("introduction"), max_length=10000, blank=True)
    introduction_html = models.TextField(blank=True, editable=False)
    # The order of the sections and which are shown: [{"key": "updates", "show": true}, ...].
    # A section registered later (sections.register) and not listed here is shown at the end.
    sections = models.JSONField(default=list, blank=True)
    audience = models.CharField(_("send to"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE)
    circle = models.ForeignKey(
        "circles.Circle",
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newsletter_editions",
    )
    visibility = models.CharField(
        _("who may read it on the site"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    scheduled_for = models.DateTimeField(_("send at"), null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    queued_at = models.DateTimeField(null=True, blank=True, editable=False)  # every recipient has a Delivery
    recipient_count = models.PositiveIntegerField(null=True, blank=True, editable=False)  # deliveries then
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    # Frozen when the sending is finished (later deletions of deliveries do not change them).
    sent_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    failed_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issue_date", "-id"]
        verbose_name = _("newsletter edition")
        verbose_name_plural = _("newsletter editions")
        indexes = [models.Index(fields=["status", "visibility", "-issue_date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(audience="circle") & Q(circle__isnull=False))
                | (~Q(audience="circle") & Q(circle__isnull=True)),
                name="edition_circle_only_for_circle_audience",
            ),
            # Public subscribers are no members: the edition they get must be readable by everyone.
            models.CheckConstraint(
                condition=~Q(audience__in=["everyone", "subscribers"]) | Q(visibility="public"),
                name="edition_for_subscribers_is_public",
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(scheduled_for__isnull=False),
                name="scheduled_edition_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """Still being prepared: its text, order and updates may change."""
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.SENDING, self.Status.SENT)


class EditionItem(models.Model):
    """One item of a sent edition, as it was when sending started (see `sections.freeze`)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=40)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)  # a path on this site
    body_html = models.TextField(blank=True)  # sanitised (nh3) when it was written
    body_text = models.TextField(blank=True)  # its Markdown, for the plain-text email
    when = models.DateTimeField(null=True, blank=True)
    until = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [models.UniqueConstraint(fields=["edition", "position"], name="one_item_per_position")]
        verbose_name = _("edition item")
        verbose_name_plural = _("edition items")

    def __str__(self) -> str:
        return self.title


class UpdateRequest(models.Model):
    """A circle's kartrekkers are asked for their update for an edition; `update` is what they wrote."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="requests")
    circle = models.ForeignKey("circles.Circle", on_delete=models.CASCADE, related_name="newsletter_requests")
    update = models.ForeignKey(
        "circles.CircleUpdate", null=True, blank=True, on_delete=models.SET_NULL, related_name="newsletter_requests"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["edition_id", "id"]  # by circle: selectors order them so (with the circle joined)
        constraints = [models.UniqueConstraint(fields=["edition", "circle"], name="one_request_per_circle")]
        verbose_name = _("request for an update")
        verbose_name_plural = _("requests for an update")

    def __str__(self) -> str:
        return f"request {self.pk} ({self.edition_id}, {self.circle_id})"


class MemberOptIn(models.Model):
    """A member chose to get the newsletter: recorded like consent (text shown, version, date, language).

    Stopping keeps the row with `withdrawn_at`; choosing again makes a new row. At most one is active.
    """

    class How(models.TextChoices):
        PAGE = "page", _("on the newsletter page")
        LINK = "link", _("with the link in an email")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletter_opt_ins")
    text_version = models.PositiveSmallIntegerField()
    text = models.TextField()  # the words the member agreed to, in the language shown
    language = models.CharField(max_length=5, default="nl")
    opted_in_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_how = models.CharField(max_length=5, choices=How.choices, blank=True)

    class Meta:
        ordering = ["-opted_in_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(withdrawn_at__isnull=True), name="one_active_newsletter_opt_in"
            )
        ]
        verbose_name = _("newsletter choice")
        verbose_name_plural = _("newsletter choices")

    def __str__(self) -> str:
        return f"opt-in {self.pk} of {self.member_id}"


class Subscriber(models.Model):
    """A public subscriber (no account). Gets editions only after confirming the address (double opt-in).

    Unsubscribing deletes the row; unconfirmed rows are deleted after SUBSCRIBE_CONFIRM_DAYS.
    """

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    language = models.CharField(max_length=5, default="nl")
    text_version = models.PositiveSmallIntegerField()
    text = models.TextField()  # the words shown when they subscribed
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["confirmed_at"])]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return f"subscriber {self.pk}"


class Delivery(models.Model):
    """One address of one edition. Created in bulk when sending starts; unique per edition and address.

    Workers claim batches (`sending.claim_batch`): `sending` rows hold a lease; a row whose lease
    ran out (its worker died) is claimed again. `attempts` counts the claims, bounded by MAX_ATTEMPTS.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=5, default="nl")
    opt_in = models.ForeignKey(MemberOptIn, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_by = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    not_before = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=20, blank=True)  # a code (refused, gave_up, suppressed), never a text

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "email"], name="one_delivery_per_address")]
        indexes = [models.Index(fields=["edition", "status", "id"])]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"delivery {self.pk} ({self.status})"


class Suppression(models.Model):
    """An address that is not sent to: it bounced (a refusal by the mail server) or was reported."""

    class Reason(models.TextChoices):
        BOUNCE = "bounce", _("The address bounces")
        COMPLAINT = "complaint", _("Marked as spam")
        MANUAL = "manual", _("Added by a coordinator")

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices, default=Reason.BOUNCE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("blocked address")
        verbose_name_plural = _("blocked addresses")

    def __str__(self) -> str:
        return f"suppression {self.pk}"
