"""Responding (the member), and the respondents page with chosen / not chosen (the poster)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core.roles import is_approved_member

from .. import access
from ..forms.responses import DecisionForm, ResponseForm
from ..models import Opportunity, Response
from ..selectors import responses as selectors
from ..services import responses as services


@require_http_methods(["GET", "HEAD", "POST"])
def respond(request, pk):
    """Visitors (public opportunities) see how to sign up; approved members get the form."""
    opportunity = access.get_opportunity_for(request.user, pk)
    context = {"opportunity": opportunity, "is_open": opportunity.is_open_for_responses()}
    if not request.user.is_authenticated:
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "opportunities/respond_sign_up.html", context)
    if not is_approved_member(request.user):
        raise PermissionDenied
    if selectors.response_of(request.user, opportunity) is not None:
        messages.info(request, _("You already responded to this opportunity. You can see your response below."))
        return redirect("opportunities:my_response", pk=opportunity.pk)
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and context["is_open"] and form.is_valid():
        try:
            services.respond(opportunity=opportunity, member=request.user, **form.share())
        except services.ResponseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you! Your response was sent. The poster will let you know."))
            return redirect("opportunities:my_response", pk=opportunity.pk)
    return render(request, "opportunities/respond.html", {**context, "form": form})


@login_required
@require_safe
def my_response(request, pk):
    """The member's own response: what they shared, its status, and the withdraw button."""
    opportunity = access.get_opportunity_for(request.user, pk)
    response = selectors.response_of(request.user, opportunity)
    if response is None:
        raise Http404
    return render(request, "opportunities/my_response.html", {"opportunity": opportunity, "response": response})


@login_required
@require_POST
def withdraw(request, pk):
    opportunity = access.get_opportunity_for(request.user, pk)
    response = selectors.response_of(request.user, opportunity)
    if response is None:
        raise Http404
    try:
        services.withdraw(response=response, member=request.user)
    except services.ResponseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your response is withdrawn. The poster no longer sees your details."))
    return redirect("opportunities:my_response", pk=opportunity.pk)


@login_required
@require_safe
def respondents(request, pk):
    """For the managers: every response with only what its member chose to share."""
    opportunity = access.get_opportunity_to_manage(request.user, pk)
    responses = list(selectors.responses_for_poster(opportunity))
    counts = dict.fromkeys(Response.Status.values, 0)
    for response in responses:
        counts[response.status] += 1
    context = {
        "opportunity": opportunity,
        "responses": responses,
        "counts": counts,
        "is_paid": opportunity.is_paid or opportunity.kind in Opportunity.PAID_KINDS,
    }
    return render(request, "opportunities/respondents.html", context)


@login_required
@require_POST
def decide(request, pk, response_pk):
    opportunity = access.get_opportunity_to_manage(request.user, pk)
    response = get_object_or_404(Response, pk=response_pk, opportunity=opportunity)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose “chosen” or “not chosen”."))
        return redirect("opportunities:responses", pk=opportunity.pk)
    try:
        services.decide(response=response, status=form.cleaned_data["status"], actor=request.user)
    except services.ResponseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved. The person gets a message and an email about it."))
    return redirect("opportunities:responses", pk=opportunity.pk)
