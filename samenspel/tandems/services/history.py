"""A tandem's status history: one row per change, from the day it took effect (TandemStatusChange).

`save_tandem` calls `record_status` after every save; the demo does too. The monitor counts a
tandem on a day from the latest change on or before that day (samenspel.monitor.indicators).
"""

import datetime

from django.utils import timezone

from ..models import Tandem, TandemStatusChange


def record_status(
    tandem: Tandem, *, old_status: str | None = None, today: datetime.date | None = None
) -> TandemStatusChange | None:
    """Add a row when the tandem's status differs from its latest one; return it (None: no change).

    The day it took effect: the start date for a new tandem; the end date when it ends; otherwise
    today (not before the start). `old_status`: the status before this save, for a tandem that
    has no history yet. A new tandem that has already ended gets two rows. When only
    the end date of an ended tandem changes, its "ended" row moves with it.
    """
    today = today or timezone.localdate()
    latest = TandemStatusChange.objects.filter(tandem=tandem).order_by("-since", "-id").first()
    ended = tandem.status == Tandem.Status.ENDED
    if latest is None and old_status and old_status != tandem.status:
        # A tandem from before the history (or made without the service): its old status since its start.
        latest = TandemStatusChange.objects.create(tandem=tandem, status=old_status, since=tandem.started_on)
    if latest is None:
        if ended:
            TandemStatusChange.objects.create(tandem=tandem, status=Tandem.Status.ACTIVE, since=tandem.started_on)
            return TandemStatusChange.objects.create(
                tandem=tandem, status=Tandem.Status.ENDED, since=tandem.ended_on or tandem.started_on
            )
        return TandemStatusChange.objects.create(tandem=tandem, status=tandem.status, since=tandem.started_on)
    if latest.status == tandem.status:
        if ended and tandem.ended_on and latest.since != tandem.ended_on:
            latest.since = tandem.ended_on
            latest.save(update_fields=["since"])
        return None
    since = tandem.ended_on if ended and tandem.ended_on else max(today, tandem.started_on)
    return TandemStatusChange.objects.create(tandem=tandem, status=tandem.status, since=since)
