from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogEntry(models.Model):
    """One row per change that matters: who, when, what (dotted action), on what, and a small diff.

    Rows are written by `samenspel.core.audit.log_action` only; nobody edits them.
    `data` never holds themes or contact details: only ids, states and field names.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("target type"), max_length=100, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"


class ContentVersion(models.Model):
    """One row: a number that grows whenever data shown on the cached public pages changes.

    Cached page fragments carry `value` in their key, so a change makes every process (each
    gunicorn worker has its own cache) render afresh at its next request. The number lives in
    the database, not in a cache, so all processes see a change at once. `consent_version` is
    the version of the newest published consent text (0: none), read in the same query by the
    consent gate. Written only by `samenspel.core.cache_version`.
    """

    value = models.BigIntegerField(default=0)
    consent_version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self) -> str:
        return f"content version {self.value} (consent text v{self.consent_version})"
