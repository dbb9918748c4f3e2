"""Reads for the Tandem Ontwikkel Traject: lists with counts in one query, and the overviews of a
trajectory and of one tandem's enrolment (modules, sessions, attendance, progress, reflections)."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from samenspel.core.roles import is_coordinator

from .. import access
from ..models import Enrolment, Module, ModuleProgress, Reflection, SessionAttendance, Trajectory, TrajectorySession


def trajectories_for_list(user) -> QuerySet[Trajectory]:
    """Active trajectories (all of them for coordinators) with their numbers of modules and tandems."""
    trajectories = Trajectory.objects.all() if is_coordinator(user) else Trajectory.objects.filter(is_active=True)
    return trajectories.annotate(
        module_count=Count("modules", distinct=True), enrolment_count=Count("enrolments", distinct=True)
    ).order_by("-is_active", "title")


def _sessions() -> QuerySet[TrajectorySession]:
    return TrajectorySession.objects.select_related("meeting").order_by("meeting__starts_at", "pk")


def modules_with_sessions(trajectory: Trajectory) -> list[Module]:
    """The modules in order, each with its sessions (and their meetings) in date order: two queries."""
    return list(trajectory.modules.order_by("position").prefetch_related(Prefetch("sessions", queryset=_sessions())))


def enrolments_for(user, trajectory: Trajectory) -> list[Enrolment]:
    """The enrolments in `trajectory` whose tandem `user` may see, with `done_count` (modules done)."""
    tandems = access.visible_tandems_for(user)
    return list(
        Enrolment.objects.filter(trajectory=trajectory, tandem__in=tandems.values("pk"))
        .select_related(
            "tandem__organisation", "tandem__team", "tandem__expert__member", "tandem__professional__member"
        )
        .annotate(done_count=Count("progress", distinct=True))
        .order_by("tandem__organisation__name", "tandem__team__name", "pk")
    )


def own_enrolments(user) -> list[Enrolment]:
    """The enrolments of tandems in which `user` is a partner or the coach (for 'my trajectory')."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Enrolment.objects.filter(
            Q(tandem__expert__member=user)
            | Q(tandem__professional__member=user)
            | Q(tandem__coach=user, tandem__coach__tandem_coach_role__isnull=False)
        )
        .select_related(
            "trajectory",
            "tandem__organisation",
            "tandem__team",
            "tandem__expert__member",
            "tandem__professional__member",
        )
        .annotate(done_count=Count("progress", distinct=True), module_count=Count("trajectory__modules", distinct=True))
        .order_by("trajectory__title", "pk")
    )


@dataclass
class ModuleRow:
    """One module of an enrolment overview."""

    module: Module
    sessions: list = field(default_factory=list)  # (session, attendance or None)
    done: ModuleProgress | None = None
    reflections: list[Reflection] = field(default_factory=list)  # only those the viewer may read
    written_by: set = field(default_factory=set)  # partner roles that wrote one (shown as a fact only)


def enrolment_overview(user, enrolment: Enrolment) -> list[ModuleRow]:
    """Per module: its sessions with this tandem's attendance, whether it is done, and the reflections
    the viewer may read. A fixed number of queries, whatever the number of modules and sessions."""
    modules = modules_with_sessions(enrolment.trajectory)
    attendance = {a.session_id: a for a in SessionAttendance.objects.filter(enrolment=enrolment)}
    progress = {p.module_id: p for p in ModuleProgress.objects.filter(enrolment=enrolment)}
    rows = {module.pk: ModuleRow(module=module, done=progress.get(module.pk)) for module in modules}
    for module in modules:
        rows[module.pk].sessions = [(session, attendance.get(session.pk)) for session in module.sessions.all()]
    may_read = access.reflection_reader(user, enrolment.tandem)
    for reflection in Reflection.objects.filter(enrolment=enrolment).select_related("author"):
        row = rows.get(reflection.module_id)
        if row is None:
            continue
        row.written_by.add(reflection.partner)
        if may_read(reflection):
            row.reflections.append(reflection)
    return list(rows.values())


def attendance_sheet(session: TrajectorySession) -> list[tuple[Enrolment, SessionAttendance | None]]:
    """Every enrolment in the session's trajectory with its attendance at this session (or None)."""
    enrolments = list(
        Enrolment.objects.filter(trajectory_id=session.module.trajectory_id)
        .select_related(
            "tandem__organisation", "tandem__team", "tandem__expert__member", "tandem__professional__member"
        )
        .order_by("tandem__organisation__name", "tandem__team__name", "pk")
    )
    attendance = {a.enrolment_id: a for a in SessionAttendance.objects.filter(session=session)}
    return [(enrolment, attendance.get(enrolment.pk)) for enrolment in enrolments]
