from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A lived-experience theme (poverty, debt, ...). The coordinator manages the list."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80, unique=True)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name_nl"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


class MemberManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        member = self.model(email=self.normalize_email(email).lower(), **extra)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_coordinator", True)
        extra.setdefault("status", Member.Status.APPROVED)
        return self.create_user(email, password, **extra)

    def approved(self):
        return self.filter(status=Member.Status.APPROVED, is_active=True)


class Member(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Personal data fields are listed in `members.personal_data`."""

    class Kind(models.TextChoices):
        EXPERT = "expert", _("Expert by experience")
        ALLY = "ally", _("Ally")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    class ThemeVisibility(models.TextChoices):
        COORDINATORS = "coordinators", _("Only coordinators")
        MEMBERS = "members", _("Members of the network")
        PUBLIC = "public", _("Everyone")

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("I join as"), max_length=10, choices=Kind.choices, default=Kind.EXPERT)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("lived-experience themes"), blank=True, related_name="+")
    theme_visibility = models.CharField(
        _("who may see my themes"),
        max_length=12,
        choices=ThemeVisibility.choices,
        default=ThemeVisibility.COORDINATORS,
    )
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    is_coordinator = models.BooleanField(_("network coordinator"), default=False)
    is_municipality_viewer = models.BooleanField(_("municipality viewer"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    preferred_language = models.CharField(
        _("language"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    decided_at = models.DateTimeField(_("decision on sign-up"), null=True, blank=True)

    objects = MemberManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self) -> str:
        return self.name or _("member %(id)s") % {"id": self.pk}

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else ""

    @property
    def is_approved(self) -> bool:
        return self.is_active and self.status == self.Status.APPROVED


class ConsentText(models.Model):
    """A version of the consent text. The newest published one is the one members must accept."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    body_nl = models.TextField(_("text (Dutch)"))
    body_en = models.TextField(_("text (English)"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self) -> str:
        return _("Consent text version %(version)s") % {"version": self.version}

    @property
    def body(self) -> str:
        return self.body_en if (get_language() or "nl").startswith("en") else self.body_nl


class Consent(models.Model):
    """A member's explicit consent to one version of the text, with when it was given."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="consents")
    consent_text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="consents")
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    language = models.CharField(_("language shown"), max_length=5, default="nl")

    class Meta:
        ordering = ["-given_at"]
        constraints = [models.UniqueConstraint(fields=["member", "consent_text"], name="one_consent_per_text")]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.member_id} v{self.consent_text.version} {self.given_at:%Y-%m-%d}"
