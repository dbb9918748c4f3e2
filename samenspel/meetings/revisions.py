"""A meeting's revision: when the cached parts of its page and its calendar events are stale.

`Meeting.revision` is raised by every save of the meeting (see `Meeting.save`) and, through the
receivers below, by every save or deletion of what the meeting page and the feeds show about it:
registrations (places taken, the waitlist), role limits, the report and its attachments, the
breakout groups (note-takers), and its circle (name and address, shown on the page). The
trajectory session a meeting belongs to (title and link on the page) is another app's: tandems
connects its own receivers (`samenspel.tandems.signals`) and calls `bump()`.

Why a column and not a number in the cache: each gunicorn worker has its own local-memory cache
("pages"), so a number kept there would change in one worker only. The page reads the meeting
row anyway, so the revision costs no query. The bump is an `UPDATE ... SET revision = revision + 1`
inside the writer's transaction: the new number and the new data become visible together.

Why signals: as for the cache versions (samenspel.core.cache_version), invalidation must not
depend on every service remembering it. Writes that send no signals (`QuerySet.update`,
`bulk_create`, `bulk_update`) of data the page shows must call `bump()` themselves.
"""

from django.db.models import F
from django.db.models.signals import post_delete, post_save


def bump(*meeting_ids) -> None:
    """Raise the revision of these meetings (ids; None is ignored), and their cache versions
    `meeting:<id>` (the visitors' list of meetings, `views/planning.py`, sums them)."""
    from samenspel.core import cache_version

    from .models import Meeting

    ids = [pk for pk in meeting_ids if pk is not None]
    if ids:
        Meeting.objects.filter(pk__in=ids).update(revision=F("revision") + 1)
        cache_version.bump(*(f"meeting:{pk}" for pk in ids))


def _on_meeting_child_changed(sender, instance, **kwargs):
    bump(instance.meeting_id)


def _on_attachment_changed(sender, instance, **kwargs):
    from .models import Report

    bump(*Report.objects.filter(pk=instance.report_id).values_list("meeting_id", flat=True))


def _on_circle_changed(sender, instance, **kwargs):
    """The meeting page shows its circle's name and links to it (slug); the meeting is cached with it."""
    from .models import Meeting

    bump(*Meeting.objects.filter(circle_id=instance.pk).values_list("pk", flat=True))


def connect() -> None:
    """Called once from MeetingsConfig.ready()."""
    from samenspel.circles.models import Circle
    from samenspel.core import cache_version

    from .models import Attachment, BreakoutGroup, Meeting, Registration, Report, RoleLimit

    cache_version.bump_on(Meeting, lambda meeting: [f"meeting:{meeting.pk}"])
    uid = "samenspel.meetings.revisions"
    for model in (Registration, RoleLimit, Report, BreakoutGroup):
        post_save.connect(_on_meeting_child_changed, sender=model, dispatch_uid=f"{uid}.save.{model.__name__}")
        post_delete.connect(_on_meeting_child_changed, sender=model, dispatch_uid=f"{uid}.delete.{model.__name__}")
    post_save.connect(_on_attachment_changed, sender=Attachment, dispatch_uid=f"{uid}.save.Attachment")
    post_delete.connect(_on_attachment_changed, sender=Attachment, dispatch_uid=f"{uid}.delete.Attachment")
    post_save.connect(_on_circle_changed, sender=Circle, dispatch_uid=f"{uid}.save.Circle")
