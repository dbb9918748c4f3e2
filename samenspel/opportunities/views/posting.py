"""Views for posting: the list, the detail page, posting and editing, the poster's own list and
transitions, the coordinators' review, and the public form. Thin: the services write."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core.cache_version import cached, fragment_context, keyed
from samenspel.core.roles import is_approved_member, require_coordinator
from samenspel.core.whole_page import visitor_page

from .. import access
from ..cache_keys import AREAS, LISTING
from ..forms.posting import FilterForm, OpportunityForm, PublicOpportunityForm, RejectForm
from ..models import WEEKDAYS, Opportunity
from ..selectors import posting as selectors
from ..services import posting as services

PAGE_SIZE = 20
Status = Opportunity.Status


def _posted(request) -> tuple:
    return (request.POST,) if request.method == "POST" else ()


def _to_detail(opportunity):
    return redirect("opportunities:detail", pk=opportunity.pk)


# --- reading -----------------------------------------------------------------------------------


# The list's and the detail page's parts that are the same for every viewer are cached (see
# docs/opportunities.md, "Speed"): under the opportunities' versions (opportunities.cache_keys),
# the language, who may read what (visitors: public ones; members: all) and today's date (the
# deadline decides what is open). Who may post or manage is decided per request, outside them.
LIST_KEYS = (LISTING, AREAS, "theme:*")
DETAIL_KEYS = ("opportunity:{pk}", AREAS, "theme:*", "organisation:*")


def _filters_key(filters: dict) -> str:
    return "|".join(str(getattr(value, "pk", value)) for value in filters.values())


@visitor_page
@keyed(*LIST_KEYS)
@require_safe
def opportunity_list(request):
    form = FilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # an invalid filter shows its error and is left out
    filters = form.filters()
    filtered = any(value not in (None, "") for value in filters.values())
    # Lazy: the template runs it only when its cached fragment is missing.
    page = SimpleLazyObject(
        lambda: Paginator(selectors.open_opportunities(request.user, **filters), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    )
    context = {
        **fragment_context(request, *LIST_KEYS),
        "form": form,
        "form_cached": not filtered and not form.errors,  # then it renders the same for everyone
        "page": page,
        "opportunities": SimpleLazyObject(lambda: list(page.object_list)),
        "filtered": filtered,
        "may_post": access.may_post(request.user, rights=access.rights_on(request)),
        "is_member": is_approved_member(request.user),
        "today": timezone.localdate().isoformat(),
        "filters_key": _filters_key(filters),
        "page_key": request.GET.get("page", "")[:12],
    }
    return render(request, "opportunities/list.html", context)


@visitor_page
@keyed(*DETAIL_KEYS)
@require_safe
def opportunity_detail(request, pk):
    # The row (with its area, organisation, circle and themes) is the same for everyone: cached
    # under its versions. Who may read or manage it is decided for every request, never cached.
    keys = [key.format(pk=pk) for key in DETAIL_KEYS]
    opportunity = cached(request, ("opportunity", pk), lambda: access.load_opportunity(pk), keys=keys)
    rights = access.rights_on(request)
    if not access.may_read(request.user, opportunity, rights=rights):
        raise Http404
    may_manage = access.may_manage(request.user, opportunity, rights=rights)
    context = {
        **fragment_context(request, *keys),
        "opportunity": opportunity,
        "themes": opportunity.shown_themes,
        "days": [label for bit, label in WEEKDAYS if opportunity.days & bit],
        "may_manage": may_manage,
        "is_coordinator": request.user.is_authenticated and request.user.is_coordinator,
        "is_member": is_approved_member(request.user),
        "is_open": opportunity.is_open_for_responses(),
        "may_reopen": opportunity.status == Status.CLOSED and opportunity.respond_by >= timezone.localdate(),
    }
    return render(request, "opportunities/detail.html", context)


@login_required
@require_safe
def mine(request):
    access.require_may_post(request.user)
    opportunities = selectors.managed_opportunities(request.user)
    page = Paginator(opportunities, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "opportunities": page.object_list, "all": request.user.is_coordinator}
    return render(request, "opportunities/mine.html", context)


# --- posting -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_create(request):
    access.require_may_post(request.user)
    form = OpportunityForm(*_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.create_opportunity(
                actor=request.user, themes=form.cleaned_data["themes"], **form.opportunity_fields()
            )
        except services.PostingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your opportunity is saved as a draft. Send it for approval when it is ready."))
            return _to_detail(opportunity)
    status = 400 if request.method == "POST" else 200
    return render(request, "opportunities/form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_edit(request, pk):
    opportunity = access.get_opportunity_to_manage(request.user, pk)
    form = OpportunityForm(*_posted(request), user=request.user, opportunity=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_opportunity(
                actor=request.user,
                opportunity=opportunity,
                themes=form.cleaned_data["themes"],
                **form.opportunity_fields(),
            )
        except services.PostingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your changes are saved."))
            return _to_detail(opportunity)
    status = 400 if request.method == "POST" else 200
    return render(request, "opportunities/form.html", {"form": form, "opportunity": opportunity}, status=status)


def _transition(request, pk, action, success: str):
    opportunity = access.get_opportunity_to_manage(request.user, pk)
    try:
        result = action(actor=request.user, opportunity=opportunity)
    except services.PostingError as error:
        messages.error(request, error.message)
        return _to_detail(opportunity)
    messages.success(request, success)
    return _to_detail(result) if result is not None else redirect("opportunities:mine")


@login_required
@require_POST
def opportunity_submit(request, pk):
    return _transition(request, pk, services.submit_for_approval, _("Sent for approval. A coordinator checks it soon."))


@login_required
@require_POST
def opportunity_close(request, pk):
    return _transition(request, pk, services.close, _("The opportunity is closed. Nobody can respond any more."))


@login_required
@require_POST
def opportunity_fill(request, pk):
    return _transition(request, pk, services.mark_filled, _("The opportunity is marked as filled."))


@login_required
@require_POST
def opportunity_reopen(request, pk):
    return _transition(request, pk, services.reopen, _("The opportunity is open again until its deadline."))


@login_required
@require_POST
def opportunity_withdraw(request, pk):
    return _transition(
        request, pk, services.withdraw, _("Done. A draft is deleted; one waiting for approval is a draft again.")
    )


# --- approval ----------------------------------------------------------------------------------


@login_required
@require_safe
def review(request):
    require_coordinator(request.user)
    waiting = selectors.waiting_for_approval()
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "opportunities/review.html", {"page": page, "opportunities": page.object_list})


@login_required
@require_POST
def opportunity_approve(request, pk):
    require_coordinator(request.user)
    opportunity = access.get_opportunity_for(request.user, pk)
    try:
        services.approve(actor=request.user, opportunity=opportunity)
    except services.PostingError as error:
        messages.error(request, error.message)
        return _to_detail(opportunity)
    messages.success(request, _("The opportunity is published. We emailed the poster."))
    return redirect("opportunities:review")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_reject(request, pk):
    require_coordinator(request.user)
    opportunity = access.get_opportunity_for(request.user, pk)
    form = RejectForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.reject(actor=request.user, opportunity=opportunity, reason=form.cleaned_data["reason"])
        except services.PostingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The opportunity is a draft again. We emailed the poster your reason."))
            return redirect("opportunities:review")
    status = 400 if request.method == "POST" else 200
    return render(request, "opportunities/reject.html", {"form": form, "opportunity": opportunity}, status=status)


# --- the public form ---------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def public_submit(request):
    form = PublicOpportunityForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["contact_email"].strip().lower()
        # per client and per address: ACCOUNT_RATE_LIMITS in settings.py
        if not ratelimit.consume(request, action="opportunity_public_submit", key=email):
            form.add_error(
                None,
                _(
                    "Too many opportunities were sent from here or with this email address. Nothing was saved. Try again later."
                ),
            )
            return render(request, "opportunities/public_form.html", {"form": form}, status=429)
        try:
            services.submit_public(
                contact_name=form.cleaned_data["contact_name"],
                contact_email=form.cleaned_data["contact_email"],
                themes=form.cleaned_data["themes"],
                **form.opportunity_fields(),
            )
        except services.PostingError as error:
            form.add_error(None, error.message)
        else:
            return render(request, "opportunities/public_sent.html")
    status = 400 if request.method == "POST" else 200
    return render(request, "opportunities/public_form.html", {"form": form}, status=status)
