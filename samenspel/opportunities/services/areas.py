"""Areas (the parts of the city): coordinators add, change and switch them off. An area in use stays
on the opportunities and opt-ins that have it; a switched-off one can no longer be chosen."""

from django.db import transaction

from samenspel.core.audit import log_action
from samenspel.core.roles import require_coordinator

from ..models import Area


@transaction.atomic
def create_area(*, actor, name_nl: str, name_en: str, position: int = 0, is_active: bool = True) -> Area:
    require_coordinator(actor)
    area = Area.objects.create(name_nl=name_nl, name_en=name_en, position=position, is_active=is_active)
    log_action(actor=actor, action="opportunity.area.created", target=area)
    return area


@transaction.atomic
def update_area(*, actor, area: Area, **fields) -> Area:
    require_coordinator(actor)
    changed = sorted(name for name, value in fields.items() if getattr(area, name) != value)
    for name, value in fields.items():
        setattr(area, name, value)
    area.save(update_fields=list(fields) or None)
    log_action(actor=actor, action="opportunity.area.changed", target=area, data={"fields": changed})
    return area


@transaction.atomic
def set_area_active(*, actor, area: Area, active: bool) -> Area:
    require_coordinator(actor)
    area.is_active = active
    area.save(update_fields=["is_active"])
    log_action(actor=actor, action="opportunity.area.switched", target=area, data={"is_active": active})
    return area
