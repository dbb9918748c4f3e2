"""`RevisionOnSave`: a model whose `revision` column says when cached renderings of it are stale.

Mixed into `meetings.Meeting` and `consultations.Round` (before `models.Model`); each app raises the
revision for changes of related rows itself (their `revisions.py`).
"""

from django.db.models import F


class RevisionOnSave:
    """Every save of an existing row raises `revision` in the same UPDATE (never writing back an old
    number, whatever the instance holds), also when only some `update_fields` are saved."""

    def save(self, *args, **kwargs):
        if self._state.adding:
            super().save(*args, **kwargs)
            return
        self.revision = F("revision") + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "revision"}
        super().save(*args, **kwargs)
        self.refresh_from_db(fields=["revision"])
