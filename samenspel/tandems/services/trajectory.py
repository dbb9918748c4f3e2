"""Writes for the Tandem Ontwikkel Traject: trajectories, modules, sessions, enrolment,
attendance, modules done (and completion), reflections.

A session IS a meeting (link, don't copy): `create_session` plans the Meeting through the meetings
services, so it shows in the meeting list, on its own page and in the .ics files and feeds.
Every function is keyword-only, runs in one transaction and writes an audit row.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.lib.errors import DomainError
from samenspel.meetings.models import Meeting, Registration, Visibility
from samenspel.meetings.services import planning
from samenspel.notifications.models import Kind
from samenspel.notifications.services import notify

from ..models import (
    Enrolment,
    Module,
    ModuleProgress,
    Reflection,
    SessionAttendance,
    Tandem,
    Trajectory,
    TrajectorySession,
)
from . import sessions as session_registration
from .people import partner_members


class TrajectoryError(DomainError):
    """A rule of the trajectory was broken; `message` can be shown to the person."""


# --- trajectories and modules --------------------------------------------------------------


@transaction.atomic
def create_trajectory(*, actor, title: str, slug: str, description: str = "", is_active: bool = True) -> Trajectory:
    if Trajectory.objects.filter(slug=slug).exists():
        raise TrajectoryError(_("This short name is already used. Choose another one."))
    trajectory = Trajectory.objects.create(title=title, slug=slug, description=description, is_active=is_active)
    log_action(actor=actor, action="tandems.trajectory.created", target=trajectory)
    return trajectory


@transaction.atomic
def update_trajectory(*, actor, trajectory: Trajectory, title: str, description: str, is_active: bool) -> Trajectory:
    trajectory.title, trajectory.description, trajectory.is_active = title, description, is_active
    trajectory.save(update_fields=["title", "description", "is_active"])
    log_action(actor=actor, action="tandems.trajectory.changed", target=trajectory, data={"active": is_active})
    return trajectory


def _lock_trajectory(trajectory: Trajectory) -> Trajectory:
    return Trajectory.objects.select_for_update().get(pk=trajectory.pk)


@transaction.atomic
def add_module(*, actor, trajectory: Trajectory, title: str, goal: str, materials: str = "") -> Module:
    """A new module at the end of the trajectory."""
    _lock_trajectory(trajectory)  # two coordinators adding at once get positions one after the other
    last = trajectory.modules.aggregate(last=Max("position"))["last"] or 0
    module = Module.objects.create(
        trajectory=trajectory, position=last + 1, title=title, goal=goal, materials=materials
    )
    log_action(actor=actor, action="tandems.module.created", target=module, data={"trajectory": trajectory.pk})
    return module


@transaction.atomic
def update_module(*, actor, module: Module, title: str, goal: str, materials: str) -> Module:
    module.title, module.goal, module.materials = title, goal, materials
    module.save(update_fields=["title", "goal", "materials"])
    log_action(actor=actor, action="tandems.module.changed", target=module)
    return module


@transaction.atomic
def move_module(*, actor, module: Module, up: bool) -> Module:
    """Swap the module with the one before (up) or after it. At the edge nothing changes."""
    _lock_trajectory(module.trajectory)
    module = Module.objects.get(pk=module.pk)
    siblings = Module.objects.filter(trajectory_id=module.trajectory_id)
    if up:
        other = siblings.filter(position__lt=module.position).order_by("-position").first()
    else:
        other = siblings.filter(position__gt=module.position).order_by("position").first()
    if other is None:
        return module
    mine, theirs = module.position, other.position
    # One position per module (a unique constraint): park this module at 0 while swapping.
    Module.objects.filter(pk=module.pk).update(position=0)
    Module.objects.filter(pk=other.pk).update(position=mine)
    Module.objects.filter(pk=module.pk).update(position=theirs)
    module.position = theirs
    log_action(actor=actor, action="tandems.module.moved", target=module, data={"position": theirs})
    return module


@transaction.atomic
def delete_module(*, actor, module: Module) -> None:
    """Only a module without sessions, reflections or tandems that did it can be deleted."""
    if module.sessions.exists() or module.reflections.exists() or ModuleProgress.objects.filter(module=module).exists():
        raise TrajectoryError(
            _("This module has sessions, reflections or tandems that did it. You cannot delete it any more.")
        )
    trajectory_id, pk = module.trajectory_id, module.pk
    module.delete()
    log_action(actor=actor, action="tandems.module.deleted", data={"trajectory": trajectory_id, "module": pk})


# --- sessions (each one a meeting) ----------------------------------------------------------


def session_title(module: Module) -> str:
    return f"{module.trajectory.title}: {module.title}"[: Meeting._meta.get_field("title").max_length]


@transaction.atomic
def create_session(
    *,
    actor,
    module: Module,
    led_by: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    online_url: str = "",
    location: str = "",
    capacity: int,
    visibility: str = Visibility.MEMBERS,
    publish: bool = False,
) -> TrajectorySession:
    """Plan the session's meeting (a meeting of the whole network) and link it to the module."""
    if visibility == Visibility.CIRCLE:
        raise TrajectoryError(_("Choose who may see the meeting."))
    try:
        meeting = planning.create_meeting(
            actor=actor,
            circle=None,
            title=session_title(module),
            description=module.goal,
            starts_at=starts_at,
            ends_at=ends_at,
            online_url=online_url,
            location=location,
            capacity=capacity,
            visibility=visibility,
            publish=publish,
        )
    except planning.PlanningError as error:
        raise TrajectoryError(error.message) from error
    session = TrajectorySession.objects.create(module=module, meeting=meeting, led_by=led_by)
    log_action(actor=actor, action="tandems.session.created", target=session, data={"meeting": meeting.pk})
    session_registration.register_enrolled_for(session=session, actor=actor)  # only when published and upcoming
    return session


@transaction.atomic
def update_session(*, actor, session: TrajectorySession, led_by: str, **meeting_fields) -> TrajectorySession:
    """Change who leads the session and, through the meetings service, its time and place."""
    if meeting_fields.get("visibility") == Visibility.CIRCLE:
        raise TrajectoryError(_("Choose who may see the meeting."))
    meeting = session.meeting
    changed = [name for name, value in meeting_fields.items() if getattr(meeting, name) != value]
    if changed:
        try:
            meeting = planning.update_meeting(actor=actor, meeting=meeting, **meeting_fields)
        except planning.PlanningError as error:
            raise TrajectoryError(error.message) from error
        if meeting.status == Meeting.Status.PUBLISHED and set(changed) & set(planning.NOTIFY_FIELDS):
            _tell_partners_about_session(session, meeting)
    if session.led_by != led_by:
        session.led_by = led_by
        session.save(update_fields=["led_by"])
    log_action(actor=actor, action="tandems.session.changed", target=session)
    return session


def _tell_partners_about_session(session: TrajectorySession, meeting: Meeting) -> None:
    """The partners of the tandems in the session's trajectory hear of its new time or place
    (those registered for it had the meeting's own email already)."""
    registered = Registration.objects.filter(
        meeting=meeting,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
        member__isnull=False,
    ).values_list("member_id", flat=True)
    enrolments = Enrolment.objects.filter(trajectory_id=session.module.trajectory_id).select_related(
        "tandem__expert__member", "tandem__professional__member"
    )
    skip = set(registered)
    notify(
        recipients=[
            member for enrolment in enrolments for member in partner_members(enrolment.tandem) if member.pk not in skip
        ],
        kind=Kind.TANDEM,
        message="tandem.session_changed",
        params={
            "trajectory": session.module.trajectory.title,
            "module": session.module.title,
            "starts_at": meeting.starts_at.isoformat(),
        },
        link=reverse("meetings:detail", args=[meeting.pk]),
    )


def _tell_partners_about_enrolment(
    tandem: Tandem, trajectory: Trajectory, *, message: str, link: str, email: bool = True
) -> None:
    notify(
        recipients=partner_members(tandem),
        kind=Kind.TANDEM,
        message=message,
        params={"trajectory": trajectory.title},
        link=link,
        email=email,
    )


# --- enrolment ------------------------------------------------------------------------------


@transaction.atomic
def enrol(*, actor, tandem: Tandem, trajectory: Trajectory, enrolled_on: datetime.date | None = None) -> Enrolment:
    """Enrol a tandem (not ended) in an active trajectory, once."""
    tandem = Tandem.objects.select_for_update(of=("self",)).get(pk=tandem.pk)
    if tandem.status == Tandem.Status.ENDED:
        raise TrajectoryError(_("This tandem has ended. It cannot join a trajectory."))
    if not trajectory.is_active:
        raise TrajectoryError(_("This trajectory is closed. Tandems cannot join it now."))
    if Enrolment.objects.filter(tandem=tandem, trajectory=trajectory).exists():
        raise TrajectoryError(_("This tandem already takes part in this trajectory."))
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                tandem=tandem, trajectory=trajectory, enrolled_on=enrolled_on or timezone.localdate()
            )
    except IntegrityError:  # enrolled at the same moment by someone else
        raise TrajectoryError(_("This tandem already takes part in this trajectory.")) from None
    log_action(actor=actor, action="tandems.enrolment.created", target=enrolment, data={"trajectory": trajectory.pk})
    # In the app only: the partners get their own email with the sessions they are registered for.
    _tell_partners_about_enrolment(
        tandem,
        trajectory,
        message="tandem.enrolled",
        link=reverse("tandems:enrolment_detail", args=[enrolment.pk]),
        email=False,
    )
    outcomes = session_registration.register_partners(enrolment=enrolment, actor=actor)
    session_registration.email_partners(enrolment=enrolment, outcomes=outcomes)
    return enrolment


@transaction.atomic
def withdraw(*, actor, enrolment: Enrolment) -> None:
    """Undo an enrolment made by mistake: only while nothing was recorded for it."""
    if enrolment.attendance.exists() or enrolment.progress.exists() or enrolment.reflections.exists():
        raise TrajectoryError(
            _("Attendance, reflections or modules are already recorded for this tandem. It cannot be withdrawn.")
        )
    pk, tandem_id = enrolment.pk, enrolment.tandem_id
    tandem, trajectory = enrolment.tandem, enrolment.trajectory
    enrolment.delete()
    log_action(actor=actor, action="tandems.enrolment.withdrawn", data={"enrolment": pk, "tandem": tandem_id})
    _tell_partners_about_enrolment(
        tandem,
        trajectory,
        message="tandem.withdrawn",
        link=reverse("tandems:trajectory_detail", args=[trajectory.slug]),
    )


# --- attendance -----------------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    *, actor, session: TrajectorySession, presence: dict[int, tuple[bool, bool]]
) -> list[SessionAttendance]:
    """Attendance of both partners of each enrolled tandem: {enrolment id: (expert, professional)}.

    Only enrolments in the session's trajectory; only for a session that has started and was not
    cancelled. All rows are written or none.
    """
    meeting = session.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise TrajectoryError(_("This session was cancelled. There is no attendance to record."))
    if meeting.starts_at > timezone.now():
        raise TrajectoryError(_("You can record attendance once the session has started."))
    trajectory_id = session.module.trajectory_id
    enrolments = {e.pk: e for e in Enrolment.objects.filter(trajectory_id=trajectory_id, pk__in=list(presence))}
    unknown = set(presence) - set(enrolments)
    if unknown:
        raise TrajectoryError(_("One of the tandems does not take part in this trajectory."))
    rows = []
    for enrolment_id, (expert, professional) in presence.items():
        row, _created = SessionAttendance.objects.update_or_create(
            session=session,
            enrolment=enrolments[enrolment_id],
            defaults={"expert_present": bool(expert), "professional_present": bool(professional)},
        )
        rows.append(row)
    log_action(
        actor=actor,
        action="tandems.attendance.recorded",
        target=session,
        data={
            "tandems": len(rows),
            "both_present": sum(1 for r in rows if r.expert_present and r.professional_present),
        },
    )
    return rows


# --- modules done and completion ------------------------------------------------------------


def _update_completion(enrolment: Enrolment) -> None:
    """Completed when every module of the trajectory is done: on the date of the last one."""
    module_ids = set(Module.objects.filter(trajectory_id=enrolment.trajectory_id).values_list("pk", flat=True))
    done = dict(enrolment.progress.values_list("module_id", "completed_on"))
    completed_on = max(done.values()) if module_ids and module_ids <= set(done) else None
    if enrolment.completed_on != completed_on:
        enrolment.completed_on = completed_on
        enrolment.save(update_fields=["completed_on"])


def _lock_enrolment(enrolment: Enrolment) -> Enrolment:
    locked = Enrolment.objects.select_for_update(of=("self",)).get(pk=enrolment.pk)
    locked.tandem = enrolment.tandem
    return locked


@transaction.atomic
def mark_module_done(*, actor, enrolment: Enrolment, module: Module, on: datetime.date) -> Enrolment:
    enrolment = _lock_enrolment(enrolment)
    if module.trajectory_id != enrolment.trajectory_id:
        raise TrajectoryError(_("This module is not part of the tandem's trajectory."))
    if on < enrolment.enrolled_on:
        raise TrajectoryError(_("The date cannot be before the tandem joined the trajectory."))
    if on > timezone.localdate():
        raise TrajectoryError(_("The date cannot be in the future."))
    if ModuleProgress.objects.filter(enrolment=enrolment, module=module).exists():
        raise TrajectoryError(_("This module is already marked as done."))
    ModuleProgress.objects.create(enrolment=enrolment, module=module, completed_on=on)
    _update_completion(enrolment)
    log_action(
        actor=actor,
        action="tandems.module.done",
        target=enrolment,
        data={"module": module.pk, "completed": enrolment.completed_on is not None},
    )
    return enrolment


@transaction.atomic
def undo_module_done(*, actor, enrolment: Enrolment, module: Module) -> Enrolment:
    enrolment = _lock_enrolment(enrolment)
    deleted, _rows = ModuleProgress.objects.filter(enrolment=enrolment, module=module).delete()
    if not deleted:
        raise TrajectoryError(_("This module was not marked as done."))
    _update_completion(enrolment)
    log_action(actor=actor, action="tandems.module.undone", target=enrolment, data={"module": module.pk})
    return enrolment


# --- reflections ----------------------------------------------------------------------------


@transaction.atomic
def write_reflection(
    *, actor, enrolment: Enrolment, module: Module, partner: str, text: str, is_shared: bool
) -> Reflection:
    """A partner writes (or rewrites) their own reflection on a module. `partner` is the writer's role,
    found by the access rules (expert or professional), never chosen by the writer."""
    if partner not in Reflection.Partner.values:
        raise TrajectoryError(_("Only the two partners of the tandem write reflections."))
    if module.trajectory_id != enrolment.trajectory_id:
        raise TrajectoryError(_("This module is not part of the tandem's trajectory."))
    text = text.strip()
    if not text:
        raise TrajectoryError(_("Write your reflection."))
    reflection, created = Reflection.objects.update_or_create(
        enrolment=enrolment,
        module=module,
        partner=partner,
        defaults={"text": text, "is_shared": is_shared, "author": actor},
    )
    log_action(
        actor=actor,
        action="tandems.reflection.written" if created else "tandems.reflection.changed",
        target=reflection,
        data={"module": module.pk, "shared": is_shared},
    )
    return reflection
