from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Circle(models.Model):
    """A kring: a thematic group led by one or more kartrekkers."""

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open: join at once")
        ON_REQUEST = "request", _("On request: a circle lead approves")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name in web address"), max_length=60, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("purpose"), max_length=5000)
    join_policy = models.CharField(_("joining"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN)
    meets = models.CharField(_("meets"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("circle")
        verbose_name_plural = _("circles")

    def __str__(self) -> str:
        return self.name


class CircleMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        LEAD = "lead", _("Circle lead")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Member")
        REQUESTED = "requested", _("Asked to join")
        # Chose this circle when signing up to the network: settled when a coordinator decides
        # on the sign-up (an open circle: member; on request: a request for the circle lead).
        AFTER_SIGN_UP = "signup", _("Waits for the sign-up to be approved")

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # What someone who asks to join tells the circle lead (both optional, shown with the request).
    motivation = models.TextField(_("why do you want to join?"), max_length=500, blank=True)
    work_role = models.CharField(_("your role or work"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the membership became active (joined, or the request approved); empty while requested.
    active_since = models.DateTimeField(_("member since"), null=True, blank=True)

    class Meta:
        ordering = ["circle", "-role", "member__name"]
        constraints = [models.UniqueConstraint(fields=["circle", "member"], name="one_membership_per_circle")]
        indexes = [models.Index(fields=["circle", "status", "role"])]
        verbose_name = _("circle membership")
        verbose_name_plural = _("circle memberships")

    def __str__(self) -> str:
        return f"{self.member_id}@{self.circle_id} ({self.role}, {self.status})"


class CircleUpdate(models.Model):
    """A 'stand van zaken' posted by a circle lead, in Markdown; `body_html` is sanitised."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="circle_updates"
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), max_length=20000, help_text=_("You can use Markdown."))
    body_html = models.TextField(editable=False)
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["circle", "-published_at"])]
        verbose_name = _("circle update")
        verbose_name_plural = _("circle updates")

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """A single-use, expiring invitation to sign up for a circle.

    Only a hash of the token is stored. The invitee's email is kept until the
    invitation is used or expires, then cleared (it is needed only to send the mail).
    """

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="sent_invitations"
    )
    email = models.EmailField(_("email address"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"invitation {self.pk} to {self.circle_id}"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class CircleMessage(models.Model):
    """A message a kartrekker wrote to the whole circle through the platform.

    Every active member is told by a notification (each email goes to one person, so no one
    sees another's address); the circle's members read it on the circle's messages page.
    `body_html` is the sanitised Markdown of `body`.
    """

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="circle_messages"
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    body_html = models.TextField(editable=False)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["circle", "-sent_at"], name="circle_message_newest")]
        verbose_name = _("message to the circle")
        verbose_name_plural = _("messages to the circle")

    def __str__(self) -> str:
        return self.subject
