"""What paid work realised (the managers of the opportunity). Marking it filled: views.posting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import access
from ..forms.realised import RealisedWorkForm, initial_for
from ..models import RealisedWork
from ..selectors import responses as selectors
from ..services import realised as services


def _form(opportunity, data=None, initial=None) -> RealisedWorkForm:
    return RealisedWorkForm(data, initial=initial, chosen=list(selectors.chosen_responses(opportunity)))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def realised_list(request, pk):
    """The rows recorded so far and a form to add one."""
    opportunity = access.get_opportunity_to_manage(request.user, pk)
    is_paid = services.is_paid_work(opportunity)
    form = _form(opportunity, request.POST or None) if is_paid else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.record(opportunity=opportunity, actor=request.user, **form.values())
        except services.RealisedWorkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved. The work is counted in the figures."))
            return redirect("opportunities:realised", pk=opportunity.pk)
    rows = RealisedWork.objects.filter(opportunity=opportunity).select_related("member").order_by("ended_on", "pk")
    context = {"opportunity": opportunity, "is_paid": is_paid, "form": form, "rows": list(rows)}
    return render(request, "opportunities/realised.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def realised_edit(request, pk, row_pk):
    opportunity = access.get_opportunity_to_manage(request.user, pk)
    row = get_object_or_404(RealisedWork, pk=row_pk, opportunity=opportunity)
    form = _form(opportunity, request.POST or None, initial=initial_for(row))
    if request.method == "POST" and form.is_valid():
        try:
            services.update(row=row, actor=request.user, **form.values())
        except services.RealisedWorkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("opportunities:realised", pk=opportunity.pk)
    return render(request, "opportunities/realised_edit.html", {"opportunity": opportunity, "row": row, "form": form})


@login_required
@require_POST
def realised_delete(request, pk, row_pk):
    opportunity = access.get_opportunity_to_manage(request.user, pk)
    row = get_object_or_404(RealisedWork, pk=row_pk, opportunity=opportunity)
    services.delete(row=row, actor=request.user)
    messages.success(request, _("The row is deleted."))
    return redirect("opportunities:realised", pk=opportunity.pk)
