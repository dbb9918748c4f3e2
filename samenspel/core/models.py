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


class CacheVersion(models.Model):
    """A number that grows whenever data shown under `key` changes (see samenspel.core.cache_version).

    Keys name the thing shown: `circle:<slug>`, `member:<id>`, `round:<id>`, `monitor`. `family` is
    the part before the colon: a listing's version is the sum of its family's values. The row
    `consent` holds the version of the newest published consent text instead. Written only by
    `samenspel.core.cache_version`.

    `value` is in no index, and on PostgreSQL the table keeps half of each page free
    (fillfactor 50, migration 0006): a bump is then a HOT update, which adds no index entries. With
    `value` in the family's index every bump added one, and after a mixed run of `make bench`
    summing a family of 30 rows read 4,500 dead index entries (docs/performance.md).
    """

    key = models.CharField(max_length=100, unique=True)
    family = models.CharField(max_length=40)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("cache version")
        verbose_name_plural = _("cache versions")
        indexes = [models.Index(fields=["family"], name="core_cacheversion_family_only")]

    def __str__(self) -> str:
        return f"{self.key} v{self.value}"
