"""Views for an organisation's own data: experts by experience, training, professionals, tandems, CSV.

Representatives work on their own organisation, coordinators on every buurtteam organisation;
the municipality viewer reads (403 on changes). Anyone else gets 404 for an organisation.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core.roles import is_coordinator, is_municipality_viewer
from samenspel.lib.csvfiles import CSVError, write_rows
from samenspel.members.access import require_member
from samenspel.organisations import access as organisation_access

from .. import access, import_check
from ..forms.organisation import ExpertForm, ImportForm, ProfessionalForm, TandemForm, TrainingForm
from ..selectors import organisation as selectors
from ..selectors.people import pending_link_request
from ..services import imports
from ..services import organisation as services
from ..services.organisation import OrganisationDataError


def _posted(request, files=False) -> tuple:
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _form_error(form, error: OrganisationDataError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _save_form(request, form, save, *, saved_message: str, concurrent: bool = False):
    """On a valid POST, run `save()` and say `saved_message`; return what was saved.

    Returns None when there is nothing to save yet or the form now shows why it was not saved: a
    rule the service checks, or (with `concurrent`) someone who changed the same data at that moment.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save()
    except OrganisationDataError as error:
        _form_error(form, error)
        return None
    except IntegrityError:
        if not concurrent:
            raise
        form.add_error(None, _("Someone changed this data at the same moment. Check it and save again."))
        return None
    messages.success(request, saved_message)
    return saved


def _say_link_asked(request, record) -> None:
    asked = pending_link_request(record)
    if asked is not None:
        messages.info(
            request,
            _("%(name)s has been asked by email to confirm the link. Until then the record has no linked member.")
            % {"name": asked.member.name},
        )


# --- Overview -----------------------------------------------------------------------------


def old_address(request, to, **kwargs):
    """An old `/tandems/organisations/<slug>/…` address: a permanent redirect to the page's new address.

    It redirects for any slug and id without looking them up, so it tells nobody whether an
    organisation exists; the new page does the access check (login, 403, 404). The query string
    is kept; a form sent to an old address is sent on as it was (308, same method and body).
    """
    url = reverse(f"tandems:{to}", kwargs=kwargs)
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return HttpResponsePermanentRedirect(url, preserve_request=request.method not in ("GET", "HEAD"))


@login_required
@require_safe
def organisation_list(request):
    require_member(request.user)
    rows = selectors.organisation_rows(request.user)
    if not rows and not (is_coordinator(request.user) or is_municipality_viewer(request.user)):
        raise PermissionDenied  # nothing to read: this page is for representatives and the network's staff
    return render(request, "tandems/organisation/organisation_list.html", {"rows": rows})


@login_required
@require_safe
def organisation_detail(request, organisation):
    organisation = organisation_access.get_organisation_to_read(request.user, organisation)
    experts = list(selectors.experts_of(organisation))
    tandems = list(selectors.tandems_of(organisation))
    context = {
        "organisation": organisation,
        "experts": experts,
        "professionals": selectors.professionals_of(organisation),
        "tandems": tandems,
        "teams": selectors.team_rows(organisation, experts, tandems),
        "today": timezone.localdate(),
        "can_manage": organisation_access.may_manage_organisation(request.user, organisation),
    }
    return render(request, "tandems/organisation/organisation_detail.html", context)


# --- Experts by experience ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def expert_create(request, organisation):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    return _expert_form(request, organisation, None)


@login_required
@require_safe
def expert_detail(request, organisation, expert_pk):
    organisation = organisation_access.get_organisation_to_read(request.user, organisation)
    expert = access.get_expert_in(organisation, expert_pk)
    context = {
        "organisation": organisation,
        "expert": expert,
        "trainings": expert.trainings.order_by("started_on", "id"),
        "tandems": expert.tandems.select_related("professional__member", "team", "coach").order_by("started_on"),
        "can_manage": organisation_access.may_manage_organisation(request.user, organisation),
        "link_request": pending_link_request(expert),
    }
    return render(request, "tandems/organisation/expert_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def expert_edit(request, organisation, expert_pk):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    expert = access.get_expert_in(organisation, expert_pk)
    return _expert_form(request, organisation, expert)


def _expert_form(request, organisation, expert):
    form = ExpertForm(*_posted(request), organisation=organisation, instance=expert, actor=request.user)
    saved = _save_form(
        request,
        form,
        lambda: services.save_expert(
            actor=request.user, organisation=organisation, expert=expert, **form.expert_fields()
        ),
        saved_message=_("The expert by experience has been added. Add their training here.")
        if expert is None
        else _("The expert by experience has been saved."),
        concurrent=True,
    )
    if saved is not None:
        _say_link_asked(request, saved)
        return redirect("tandems:expert_detail", organisation=organisation.slug, expert_pk=saved.pk)
    context = {"form": form, "organisation": organisation, "expert": expert}
    return render(request, "tandems/organisation/expert_form.html", context)


@login_required
@require_POST
def expert_delete(request, organisation, expert_pk):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    expert = access.get_expert_in(organisation, expert_pk)
    try:
        services.delete_expert(actor=request.user, expert=expert)
    except OrganisationDataError as error:
        messages.error(request, error.message)
        return redirect("tandems:expert_detail", organisation=organisation.slug, expert_pk=expert.pk)
    messages.success(request, _("The expert by experience has been removed."))
    return redirect("tandems:org_detail", organisation=organisation.slug)


# --- Training -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def training_create(request, organisation, expert_pk):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    expert = access.get_expert_in(organisation, expert_pk)
    return _training_form(request, organisation, expert, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def training_edit(request, organisation, expert_pk, training_pk):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    expert = access.get_expert_in(organisation, expert_pk)
    training = access.get_training_of(expert, training_pk)
    return _training_form(request, organisation, expert, training)


def _training_form(request, organisation, expert, training):
    form = TrainingForm(*_posted(request), instance=training)
    saved = _save_form(
        request,
        form,
        lambda: services.save_training(actor=request.user, expert=expert, training=training, **form.cleaned_data),
        saved_message=_("The training has been saved."),
    )
    if saved is not None:
        return redirect("tandems:expert_detail", organisation=organisation.slug, expert_pk=expert.pk)
    context = {"form": form, "organisation": organisation, "expert": expert, "training": training}
    return render(request, "tandems/organisation/training_form.html", context)


@login_required
@require_POST
def training_delete(request, organisation, expert_pk, training_pk):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    expert = access.get_expert_in(organisation, expert_pk)
    training = access.get_training_of(expert, training_pk)
    services.delete_training(actor=request.user, training=training)
    messages.success(request, _("The training has been removed."))
    return redirect("tandems:expert_detail", organisation=organisation.slug, expert_pk=expert.pk)


# --- Professionals --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def professional_create(request, organisation):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    return _professional_form(request, organisation, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def professional_edit(request, organisation, professional_pk):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    professional = access.get_professional_in(organisation, professional_pk)
    return _professional_form(request, organisation, professional)


def _professional_form(request, organisation, professional):
    form = ProfessionalForm(*_posted(request), organisation=organisation, instance=professional, actor=request.user)
    saved = _save_form(
        request,
        form,
        lambda: services.save_professional(
            actor=request.user, organisation=organisation, professional=professional, **form.person_fields()
        ),
        saved_message=_("The professional has been saved."),
        concurrent=True,
    )
    if saved is not None:
        _say_link_asked(request, saved)
        return redirect("tandems:org_detail", organisation=organisation.slug)
    context = {"form": form, "organisation": organisation, "professional": professional}
    return render(request, "tandems/organisation/professional_form.html", context)


@login_required
@require_POST
def professional_delete(request, organisation, professional_pk):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    professional = access.get_professional_in(organisation, professional_pk)
    try:
        services.delete_professional(actor=request.user, professional=professional)
    except OrganisationDataError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The professional has been removed."))
    return redirect("tandems:org_detail", organisation=organisation.slug)


# --- Tandems --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tandem_create(request, organisation):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    return _tandem_form(request, organisation, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tandem_edit(request, organisation, tandem_pk):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    tandem = access.get_tandem_in(organisation, tandem_pk)
    return _tandem_form(request, organisation, tandem)


def _tandem_form(request, organisation, tandem):
    form = TandemForm(*_posted(request), organisation=organisation, instance=tandem, actor=request.user)
    saved = _save_form(
        request,
        form,
        lambda: services.save_tandem(
            actor=request.user, organisation=organisation, tandem=tandem, **form.tandem_fields()
        ),
        saved_message=_("The tandem has been saved."),
    )
    if saved is not None:
        return redirect("tandems:org_detail", organisation=organisation.slug)
    history = selectors.status_history(tandem)
    context = {"form": form, "organisation": organisation, "tandem": tandem, "history": history}
    return render(request, "tandems/organisation/tandem_form.html", context)


# --- CSV import and export ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_import(request, organisation):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    form = ImportForm(*_posted(request, files=True))
    plan = None
    if request.method == "POST" and form.is_valid():
        try:
            plan = import_check.read_organisation_file(form.cleaned_data["file"], organisation=organisation)
        except CSVError as error:
            form.add_error("file", str(error))
        else:
            if plan.is_valid:
                try:
                    result = imports.import_organisation_data(plan=plan, actor=request.user)
                except imports.ImportFailed as failure:
                    plan.problems.append(failure.problem)
                else:
                    messages.success(
                        request,
                        _(
                            "Import done. Experts by experience: %(experts_created)s new, %(experts_updated)s "
                            "updated. Trainings: %(trainings)s. Professionals: %(professionals_created)s new, "
                            "%(professionals_updated)s updated. Tandems: %(tandems_created)s new, "
                            "%(tandems_updated)s updated."
                        )
                        % vars(result),
                    )
                    return redirect("tandems:org_detail", organisation=organisation.slug)
    context = {"form": form, "plan": plan, "organisation": organisation, "columns": import_check.COLUMNS}
    return render(request, "tandems/organisation/import.html", context)


@login_required
@require_safe
def organisation_export(request, organisation):
    organisation = organisation_access.get_organisation_to_manage(request.user, organisation)
    rows = selectors.export_rows(organisation)
    services.record_export(actor=request.user, organisation=organisation, rows=len(rows))
    response = HttpResponse(write_rows(rows, import_check.COLUMNS), content_type="text/csv; charset=utf-8")
    filename = f"{organisation.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
