from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core.roles import is_coordinator, require_coordinator

from . import services
from .access import get_organisation_for, get_organisation_to_edit, get_team_to_edit
from .forms import OrganisationForm, TeamForm
from .models import Organisation


@require_safe
def organisation_list(request):
    organisations = Organisation.objects.annotate(team_count=Count("teams")).prefetch_related("teams")
    return render(
        request,
        "organisations/organisation_list.html",
        {"organisations": organisations, "can_manage": is_coordinator(request.user)},
    )


@require_safe
def organisation_detail(request, slug):
    organisation = get_organisation_for(request.user, slug)
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, "can_manage": is_coordinator(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request):
    require_coordinator(request.user)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.save_organisation(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The organisation has been added."))
        return redirect("organisations:detail", organisation.slug)
    return render(request, "organisations/organisation_form.html", {"form": form, "organisation": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request, slug):
    organisation = get_organisation_to_edit(request.user, slug)
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=organisation.pk))
    if request.method == "POST" and form.is_valid():
        organisation = services.save_organisation(actor=request.user, organisation=form.instance, **form.cleaned_data)
        messages.success(request, _("The organisation has been saved."))
        return redirect("organisations:detail", organisation.slug)
    return render(request, "organisations/organisation_form.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_create(request, slug):
    organisation = get_organisation_to_edit(request.user, slug)
    form = TeamForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.save_team(actor=request.user, organisation=organisation, **form.cleaned_data)
        messages.success(request, _("The team has been added."))
        return redirect("organisations:detail", organisation.slug)
    return render(request, "organisations/team_form.html", {"form": form, "organisation": organisation, "team": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_edit(request, slug, pk):
    organisation = get_organisation_to_edit(request.user, slug)
    team = get_team_to_edit(request.user, organisation, pk)
    form = TeamForm(request.POST or None, instance=team, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.save_team(actor=request.user, organisation=organisation, team=team, **form.cleaned_data)
        messages.success(request, _("The team has been saved."))
        return redirect("organisations:detail", organisation.slug)
    return render(request, "organisations/team_form.html", {"form": form, "organisation": organisation, "team": team})


@login_required
@require_POST
def team_delete(request, slug, pk):
    organisation = get_organisation_to_edit(request.user, slug)
    team = get_team_to_edit(request.user, organisation, pk)
    try:
        services.delete_team(actor=request.user, team=team)
    except services.TeamInUse as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The team has been removed."))
    return redirect("organisations:detail", organisation.slug)
