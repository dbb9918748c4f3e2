"""Receivers that keep other apps' caches right when the trajectory changes.

The meeting page names the trajectory of its session, with a link (title and slug), and is
cached by the meeting's revision: a change of a session, its module or its trajectory raises
the revision of the meetings concerned (`samenspel.meetings.revisions.bump`). They live here,
not in meetings, because tandems imports meetings and never the other way round.
"""

from django.db.models.signals import post_delete, post_save

from samenspel.meetings.revisions import bump

from .models import Module, Trajectory, TrajectorySession


def _on_session_changed(sender, instance, **kwargs):
    bump(instance.meeting_id)


def _on_trajectory_changed(sender, instance, **kwargs):
    sessions = TrajectorySession.objects.filter(module__trajectory_id=instance.pk)
    bump(*sessions.values_list("meeting_id", flat=True))


def _on_module_changed(sender, instance, **kwargs):
    bump(*TrajectorySession.objects.filter(module_id=instance.pk).values_list("meeting_id", flat=True))


def connect() -> None:
    """Called once from TandemsConfig.ready()."""
    uid = "samenspel.tandems.signals"
    post_save.connect(_on_session_changed, sender=TrajectorySession, dispatch_uid=f"{uid}.save.TrajectorySession")
    post_delete.connect(_on_session_changed, sender=TrajectorySession, dispatch_uid=f"{uid}.delete.TrajectorySession")
    post_save.connect(_on_trajectory_changed, sender=Trajectory, dispatch_uid=f"{uid}.save.Trajectory")
    post_save.connect(_on_module_changed, sender=Module, dispatch_uid=f"{uid}.save.Module")
