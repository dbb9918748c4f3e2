from typing import Any

from django.db import models

from .models import AuditLogEntry


def log_action(
    *, actor, action: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditLogEntry:
    """Write one audit row. `data` holds ids, states and field names; never personal data."""
    return AuditLogEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
    )
