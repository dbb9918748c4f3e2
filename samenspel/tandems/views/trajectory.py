"""Views for the Tandem Ontwikkel Traject: trajectories, modules, sessions, enrolment, attendance,
progress, reflections and the certificate. Thin: access helper, form, one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core.roles import is_coordinator, require_coordinator
from samenspel.lib.markdown import render_markdown
from samenspel.members.access import require_member
from samenspel.organisations import access as organisation_access

from .. import access
from ..certificate import certificate_pdf
from ..forms.trajectory import (
    AttendanceForm,
    EnrolForm,
    ModuleDoneForm,
    ModuleForm,
    ReflectionForm,
    SessionForm,
    TrajectoryForm,
)
from ..models import Module, TrajectorySession
from ..selectors import trajectory as selectors_trajectory
from ..services import trajectory as services_trajectory

Error = services_trajectory.TrajectoryError


def _post_or_none(request):
    return request.POST if request.method == "POST" else None


# --- trajectories ---------------------------------------------------------------------------


@login_required
@require_safe
def trajectory_list(request):
    require_member(request.user)
    context = {
        "trajectories": list(selectors_trajectory.trajectories_for_list(request.user)),
        "own_enrolments": selectors_trajectory.own_enrolments(request.user),
        "may_manage": is_coordinator(request.user),
    }
    return render(request, "tandems/trajectory/trajectory_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def trajectory_create(request):
    require_coordinator(request.user)
    form = TrajectoryForm(_post_or_none(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trajectory = services_trajectory.create_trajectory(
                actor=request.user,
                title=data["title"].strip(),
                slug=data["slug"],
                description=data["description"].strip(),
                is_active=data["is_active"],
            )
        except Error as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The trajectory is saved. Now add its modules."))
            return redirect("tandems:trajectory_detail", slug=trajectory.slug)
    return render(request, "tandems/trajectory/trajectory_form.html", {"form": form, "trajectory": None})


@login_required
@require_safe
def trajectory_detail(request, slug):
    trajectory = access.get_trajectory_for(request.user, slug)
    modules = selectors_trajectory.modules_with_sessions(trajectory)
    for module in modules:
        module.materials_html = render_markdown(module.materials) if module.materials else ""
    enrollable = access.enrollable_tandems(request.user)
    context = {
        "trajectory": trajectory,
        "description_html": render_markdown(trajectory.description) if trajectory.description else "",
        "modules": modules,
        "enrolments": selectors_trajectory.enrolments_for(request.user, trajectory),
        "may_manage": is_coordinator(request.user),
        "may_enrol": trajectory.is_active and enrollable.exists(),
        "now": timezone.now(),
    }
    return render(request, "tandems/trajectory/trajectory_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def trajectory_edit(request, slug):
    trajectory = access.get_trajectory_to_manage(request.user, slug)
    form = TrajectoryForm(_post_or_none(request), trajectory=trajectory)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services_trajectory.update_trajectory(
            actor=request.user,
            trajectory=trajectory,
            title=data["title"].strip(),
            description=data["description"].strip(),
            is_active=data["is_active"],
        )
        messages.success(request, _("The trajectory has been saved."))
        return redirect("tandems:trajectory_detail", slug=trajectory.slug)
    return render(request, "tandems/trajectory/trajectory_form.html", {"form": form, "trajectory": trajectory})


# --- modules --------------------------------------------------------------------------------


def _module_to_manage(user, pk) -> Module:
    require_coordinator(user)
    try:
        return Module.objects.select_related("trajectory").get(pk=pk)
    except (Module.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _module_fields(form: ModuleForm) -> dict:
    """What add_module and update_module both take from a valid ModuleForm."""
    return {name: form.cleaned_data[name].strip() for name in ("title", "goal", "materials")}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def module_create(request, slug):
    trajectory = access.get_trajectory_to_manage(request.user, slug)
    form = ModuleForm(_post_or_none(request))
    if request.method == "POST" and form.is_valid():
        services_trajectory.add_module(
            actor=request.user,
            trajectory=trajectory,
            **_module_fields(form),
        )
        messages.success(request, _("The module has been added."))
        return redirect("tandems:trajectory_detail", slug=trajectory.slug)
    context = {"form": form, "trajectory": trajectory, "module": None}
    return render(request, "tandems/trajectory/module_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def module_edit(request, pk):
    module = _module_to_manage(request.user, pk)
    initial = {"title": module.title, "goal": module.goal, "materials": module.materials}
    form = ModuleForm(_post_or_none(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services_trajectory.update_module(
            actor=request.user,
            module=module,
            **_module_fields(form),
        )
        messages.success(request, _("The module has been saved."))
        return redirect("tandems:trajectory_detail", slug=module.trajectory.slug)
    context = {"form": form, "trajectory": module.trajectory, "module": module}
    return render(request, "tandems/trajectory/module_form.html", context)


@login_required
@require_POST
def module_move(request, pk):
    module = _module_to_manage(request.user, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose to move the module up or down."))
    else:
        services_trajectory.move_module(actor=request.user, module=module, up=direction == "up")
    return redirect("tandems:trajectory_detail", slug=module.trajectory.slug)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def module_delete(request, pk):
    module = _module_to_manage(request.user, pk)
    if request.method == "POST":
        try:
            services_trajectory.delete_module(actor=request.user, module=module)
        except Error as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The module has been deleted."))
        return redirect("tandems:trajectory_detail", slug=module.trajectory.slug)
    return render(request, "tandems/trajectory/module_delete.html", {"module": module})


# --- sessions -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_create(request, pk):
    module = _module_to_manage(request.user, pk)
    form = SessionForm(_post_or_none(request), initial={"capacity": 20})
    if request.method == "POST" and form.is_valid():
        try:
            session = services_trajectory.create_session(
                actor=request.user,
                module=module,
                led_by=form.cleaned_data["led_by"].strip(),
                publish=form.cleaned_data["publish"],
                **form.meeting_fields(),
            )
        except Error as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session is planned. It is in the meeting calendar too."))
            return redirect("meetings:detail", pk=session.meeting_id)
    return render(request, "tandems/trajectory/session_form.html", {"form": form, "module": module, "session": None})


def _session_to_manage(user, pk) -> TrajectorySession:
    require_coordinator(user)
    try:
        return TrajectorySession.objects.select_related("meeting", "module__trajectory").get(pk=pk)
    except (TrajectorySession.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_edit(request, pk):
    session = _session_to_manage(request.user, pk)
    form = SessionForm(_post_or_none(request), session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services_trajectory.update_session(
                actor=request.user, session=session, led_by=form.cleaned_data["led_by"].strip(), **form.meeting_fields()
            )
        except Error as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session has been saved."))
            return redirect("tandems:trajectory_detail", slug=session.module.trajectory.slug)
    context = {"form": form, "module": session.module, "session": session}
    return render(request, "tandems/trajectory/session_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_attendance(request, pk):
    session = _session_to_manage(request.user, pk)
    form = AttendanceForm(_post_or_none(request), sheet=selectors_trajectory.attendance_sheet(session))
    if request.method == "POST" and form.is_valid():
        try:
            services_trajectory.record_attendance(actor=request.user, session=session, presence=form.presence())
        except Error as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The attendance has been saved."))
            return redirect("tandems:trajectory_detail", slug=session.module.trajectory.slug)
    return render(request, "tandems/trajectory/attendance.html", {"form": form, "session": session})


# --- enrolment ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request, slug):
    trajectory = access.get_trajectory_for(request.user, slug)
    tandems = access.enrollable_tandems(request.user).exclude(enrolments__trajectory=trajectory)
    if not organisation_access.represented_organisations(request.user).exists():
        raise PermissionDenied
    form = EnrolForm(_post_or_none(request), tandems=tandems)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services_trajectory.enrol(
                actor=request.user, tandem=form.cleaned_data["tandem"], trajectory=trajectory
            )
        except Error as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The tandem takes part in the trajectory now."))
            return redirect("tandems:enrolment_detail", pk=enrolment.pk)
    context = {"form": form, "trajectory": trajectory, "has_tandems": tandems.exists()}
    return render(request, "tandems/trajectory/enrol.html", context)


@login_required
@require_safe
def enrolment_detail(request, pk):
    enrolment = access.get_enrolment_for(request.user, pk)
    tandem = enrolment.tandem
    rows = selectors_trajectory.enrolment_overview(request.user, enrolment)
    context = {
        "enrolment": enrolment,
        "tandem": tandem,
        "rows": rows,
        "done_count": sum(1 for row in rows if row.done),
        "partner_role": access.partner_role(request.user, tandem),
        "may_record_progress": access.may_record_progress(request.user, enrolment),
        "may_manage": access.may_manage_enrolment(request.user, enrolment),
        "may_download_certificate": enrolment.completed_on is not None
        and access.may_download_certificate(request.user, enrolment),
        "done_form": ModuleDoneForm(),
    }
    return render(request, "tandems/trajectory/enrolment_detail.html", context)


@login_required
@require_POST
def enrolment_withdraw(request, pk):
    enrolment = access.get_enrolment_for(request.user, pk)
    if not access.may_manage_enrolment(request.user, enrolment):
        raise PermissionDenied
    try:
        services_trajectory.withdraw(actor=request.user, enrolment=enrolment)
    except Error as error:
        messages.error(request, error.message)
        return redirect("tandems:enrolment_detail", pk=enrolment.pk)
    messages.success(request, _("The tandem no longer takes part in the trajectory."))
    return redirect("tandems:trajectory_detail", slug=enrolment.trajectory.slug)


def _module_of(enrolment, module_pk) -> Module:
    try:
        return Module.objects.get(pk=module_pk, trajectory_id=enrolment.trajectory_id)
    except (Module.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@login_required
@require_POST
def module_done(request, pk, module_pk):
    enrolment = access.get_enrolment_for(request.user, pk)
    if not access.may_record_progress(request.user, enrolment):
        raise PermissionDenied
    module = _module_of(enrolment, module_pk)
    form = ModuleDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["completed_on"]))
        return redirect("tandems:enrolment_detail", pk=enrolment.pk)
    try:
        enrolment = services_trajectory.mark_module_done(
            actor=request.user, enrolment=enrolment, module=module, on=form.cleaned_data["completed_on"]
        )
    except Error as error:
        messages.error(request, error.message)
    else:
        if enrolment.completed_on:
            messages.success(request, _("All modules are done. The tandem has completed the trajectory!"))
        else:
            messages.success(request, _("The module is marked as done."))
    return redirect("tandems:enrolment_detail", pk=enrolment.pk)


@login_required
@require_POST
def module_undo(request, pk, module_pk):
    enrolment = access.get_enrolment_for(request.user, pk)
    if not access.may_record_progress(request.user, enrolment):
        raise PermissionDenied
    module = _module_of(enrolment, module_pk)
    try:
        services_trajectory.undo_module_done(actor=request.user, enrolment=enrolment, module=module)
    except Error as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The module is no longer marked as done."))
    return redirect("tandems:enrolment_detail", pk=enrolment.pk)


# --- reflections and the certificate --------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reflection_edit(request, pk, module_pk):
    """A partner writes or changes their own reflection on a module. Nobody else writes one."""
    enrolment = access.get_enrolment_for(request.user, pk)
    partner = access.partner_role(request.user, enrolment.tandem)
    if partner is None:
        raise PermissionDenied
    module = _module_of(enrolment, module_pk)
    existing = enrolment.reflections.filter(module=module, partner=partner).first()
    initial = {"text": existing.text, "is_shared": existing.is_shared} if existing else {}
    form = ReflectionForm(_post_or_none(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_trajectory.write_reflection(
                actor=request.user,
                enrolment=enrolment,
                module=module,
                partner=partner,
                text=form.cleaned_data["text"],
                is_shared=form.cleaned_data["is_shared"],
            )
        except Error as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your reflection has been saved."))
            return redirect("tandems:enrolment_detail", pk=enrolment.pk)
    context = {"form": form, "enrolment": enrolment, "module": module, "existing": existing}
    return render(request, "tandems/trajectory/reflection_form.html", context)


@login_required
@require_safe
def certificate(request, pk):
    enrolment = access.get_enrolment_for(request.user, pk)
    if not access.may_download_certificate(request.user, enrolment):
        raise Http404  # the certificate names people: others do not learn it exists
    if enrolment.completed_on is None:
        raise Http404
    pdf = certificate_pdf(enrolment)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{enrolment.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
