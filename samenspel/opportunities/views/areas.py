"""Coordinators' pages for the areas: the list with a form to add one, and one area's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspel.core.roles import require_coordinator

from ..forms.posting import AreaForm
from ..models import Area
from ..services import areas as services


def _posted(request) -> tuple:
    return (request.POST,) if request.method == "POST" else ()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def area_list(request):
    require_coordinator(request.user)
    form = AreaForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        services.create_area(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The area has been added."))
        return redirect("opportunities:areas")
    areas = Area.objects.annotate(opportunity_count=Count("opportunities")).order_by("position", "name_nl")
    status = 400 if request.method == "POST" else 200
    return render(request, "opportunities/areas.html", {"form": form, "areas": areas}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def area_edit(request, pk):
    require_coordinator(request.user)
    area = Area.objects.filter(pk=pk).first()
    if area is None:
        raise Http404
    if request.method == "POST" and request.POST.get("action") in ("deactivate", "activate"):
        active = request.POST["action"] == "activate"
        services.set_area_active(actor=request.user, area=area, active=active)
        if active:
            messages.success(request, _("The area can be chosen again."))
        else:
            messages.success(request, _("The area can no longer be chosen. Opportunities that have it keep it."))
        return redirect("opportunities:areas")
    form = AreaForm(*_posted(request), instance=area)
    if request.method == "POST" and form.is_valid():
        services.update_area(actor=request.user, area=area, **form.cleaned_data)
        messages.success(request, _("The area has been saved."))
        return redirect("opportunities:areas")
    status = 400 if request.method == "POST" else 200
    return render(request, "opportunities/area_edit.html", {"form": form, "area": area}, status=status)
