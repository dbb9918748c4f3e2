"""Documents with versions, consultation rounds with comments per paragraph, and the reactienota.

A paragraph keeps its identity from version to version through `ParagraphKey`: each version
has its own `Paragraph` rows (position, text), and a paragraph that is carried over or edited
points at the same key. Comments and outcomes refer to paragraphs, so what was done with a
remark can be traced to the paragraph of the next version.

Personal data here: Comment.author / submitter_name / submitter_email / body, CommentSupport,
RoundInvitee. Anonymous comments show the author to coordinators only.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.lib.revision import RevisionOnSave


class Document(models.Model):
    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice")
        FRAMEWORK = "framework", _("Working framework")
        JOB_PROFILE = "job_profile", _("Job profile")
        OTHER = "other", _("Other document")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Public documents and their history can be read by everyone.")
    )
    # A circle's own document: its kartrekkers manage it, and only the circle's members read it.
    circle = models.ForeignKey(
        "circles.Circle",
        verbose_name=_("circle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Version(models.Model):
    """One version of a document: an ordered list of headings and paragraphs."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(_("version"), max_length=20, help_text=_("For example 1.1 or 2."))
    number = models.PositiveIntegerField(editable=False)  # order of versions within the document: 1, 2, 3...
    note = models.TextField(_("what changed"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number_per_document"),
            models.UniqueConstraint(fields=["document", "label"], name="one_version_label_per_document"),
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.label}"


class ParagraphKey(models.Model):
    """The identity of a paragraph across versions."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="paragraph_keys")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paragraph identity")
        verbose_name_plural = _("paragraph identities")

    def __str__(self) -> str:
        return str(self.uid)


class Paragraph(models.Model):
    """A heading or a paragraph in one version."""

    class Kind(models.TextChoices):
        HEADING = "heading", _("Heading")
        PARAGRAPH = "paragraph", _("Paragraph")

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="paragraphs")
    key = models.ForeignKey(ParagraphKey, on_delete=models.PROTECT, related_name="paragraphs")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PARAGRAPH)
    level = models.PositiveSmallIntegerField(default=0, help_text=_("Heading level 1-4; 0 for a paragraph."))
    text = models.TextField(max_length=20000)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_paragraph_per_position"),
            models.UniqueConstraint(fields=["version", "key"], name="a_key_once_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.version_id}#{self.position}"


class Round(RevisionOnSave, models.Model):
    """A consultation round on one version: who may comment, when, an introduction and questions."""

    class Audience(models.TextChoices):
        INVITED = "invited", _("Invited people")
        MEMBERS = "members", _("Members of the network")
        EVERYONE = "everyone", _("Everyone with a confirmed email address")
        CIRCLE = "circle", _("Members of the circle")

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=10000, blank=True)
    audience = models.CharField(_("who may comment"), max_length=10, choices=Audience.choices)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When its audience was told that it opened, and that it closes soon (services/round_notices.py).
    opened_notice_at = models.DateTimeField(null=True, blank=True, editable=False)
    closing_notice_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_version = models.ForeignKey(
        Version,
        verbose_name=_("next version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_rounds",
    )
    reactienota_published_at = models.DateTimeField(_("reactienota published"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised by every save of the round and of what its pages show (comments, supports, outcomes):
    # the key of the pages' cached parts (samenspel.consultations.revisions).
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="round_closes_after_opening")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.opens_at <= timezone.now() < self.closes_at


class Question(models.Model):
    """A question the round asks its readers to answer."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=500)

    class Meta:
        ordering = ["round", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class RoundInvitee(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitees")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_invites")
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "member"], name="invited_once_per_round")]
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")

    def __str__(self) -> str:
        return f"{self.member_id}@{self.round_id}"


class Comment(models.Model):
    """A remark on a paragraph (or on the whole document when `paragraph` is empty)."""

    class Display(models.TextChoices):
        NAME = "name", _("With my name")
        ROLE = "role", _("Only my role (for example 'an expert by experience')")
        ANONYMOUS = "anonymous", _("Anonymous (only the coordinators see my name)")

    class Source(models.TextChoices):
        PLATFORM = "platform", _("On the platform")
        EMAIL = "email", _("By email")
        MEETING = "meeting", _("In a meeting")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        PARTLY = "partly", _("Partly adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")
        COVERED = "covered", _("Already covered")
        OUT_OF_SCOPE = "out_of_scope", _("Outside the scope")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.ForeignKey(Paragraph, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="consultation_comments"
    )
    # For remarks entered by a coordinator on behalf of someone (by email, in a meeting):
    submitter_name = models.CharField(_("name of the sender"), max_length=120, blank=True)
    submitter_role = models.CharField(_("role of the sender"), max_length=120, blank=True)
    source = models.CharField(_("came in"), max_length=10, choices=Source.choices, default=Source.PLATFORM)
    source_meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="consultation_comments"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    display = models.CharField(_("show me as"), max_length=10, choices=Display.choices, default=Display.NAME)
    body = models.TextField(_("remark"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, blank=True)
    reason = models.TextField(_("reason"), max_length=5000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    changed_paragraphs = models.ManyToManyField(
        Paragraph, verbose_name=_("changed in"), blank=True, related_name="resolved_comments"
    )

    class Meta:
        ordering = ["round", "paragraph__position", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["round", "paragraph"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(submitter_name="") | Q(display="anonymous"),
                name="comment_has_an_author_or_a_sender",
            ),
        ]

    def __str__(self) -> str:
        return f"comment {self.pk}"


class CommentSupport(models.Model):
    """'I agree': a member supports a comment, so its weight is visible."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="supports")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "member"], name="support_once")]
        verbose_name = _("support")
        verbose_name_plural = _("supports")

    def __str__(self) -> str:
        return f"{self.member_id}+{self.comment_id}"
