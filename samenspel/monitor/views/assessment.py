"""The three-level self-assessment (organisation representatives) and periods (coordinators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.core.roles import require_coordinator
from samenspel.organisations.access import represented_organisations
from samenspel.organisations.models import Organisation

from .. import access, indicators, selectors, services
from ..forms import AssessmentForm, CorrectionForm
from ..models import Correction, LevelAssessment, Period


@login_required
@require_safe
def assessment_list(request):
    """The organisations this person assesses, with the current period's state."""
    organisations = list(represented_organisations(request.user).order_by("name"))
    if not organisations:
        raise PermissionDenied
    period = services.current_period()
    done = dict(
        LevelAssessment.objects.filter(period=period, organisation__in=organisations)
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
    )
    rows = [(organisation, done.get(organisation.pk, 0)) for organisation in organisations]
    context = {"period": period, "period_label": selectors.period_label(period), "rows": rows, "levels": 3}
    return render(request, "monitor/assessment_list.html", context)


@login_required
@require_safe
def assessment_overview(request, slug):
    organisation = access.get_organisation_to_assess(request.user, slug)
    current = services.current_period()
    periods = list(Period.objects.filter(year__lte=current.year).order_by("-year", "-quarter"))
    periods = [p for p in periods if (p.year, p.quarter) <= (current.year, current.quarter)]
    found: dict[int, dict[str, LevelAssessment]] = {}
    for assessment in LevelAssessment.objects.filter(organisation=organisation, period__in=periods):
        found.setdefault(assessment.period_id, {})[assessment.level] = assessment
    rows = [
        (
            period,
            selectors.period_label(period),
            [found.get(period.pk, {}).get(level) for level in LevelAssessment.Level.values],
        )
        for period in periods
    ]
    context = {"organisation": organisation, "rows": rows, "levels": LevelAssessment.Level.choices}
    return render(request, "monitor/assessment_overview.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_edit(request, slug, year, quarter):
    organisation = access.get_organisation_to_assess(request.user, slug)
    current = services.current_period()
    if (year, quarter) > (current.year, current.quarter):
        raise Http404  # a quarter that has not begun
    period = access.get_period(year, quarter)
    assessments = {a.level: a for a in LevelAssessment.objects.filter(organisation=organisation, period=period)}
    if period.is_closed:
        if request.method == "POST":
            messages.error(
                request,
                _("This period is closed, so its assessment cannot change. Ask a coordinator to record a correction."),
            )
            return redirect("monitor:assessment_overview", slug=organisation.slug)
        context = {
            "organisation": organisation,
            "period": period,
            "period_label": selectors.period_label(period),
            "assessments": [assessments.get(level) for level in LevelAssessment.Level.values],
        }
        return render(request, "monitor/assessment_closed.html", context)
    form = AssessmentForm(request.POST if request.method == "POST" else None, assessments=assessments)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_assessments(
                actor=request.user, organisation=organisation, period=period, levels=form.levels()
            )
        except services.MonitorError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The assessment of the three levels is saved."))
            return redirect("monitor:assessment_overview", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "period": period,
        "period_label": selectors.period_label(period),
        "form": form,
    }
    return render(request, "monitor/assessment_form.html", context)


# --------------------------------------------------------------------------------------
# Periods (coordinators)
# --------------------------------------------------------------------------------------


@login_required
@require_safe
def period_list(request):
    require_coordinator(request.user)
    current = services.current_period()
    today = timezone.localdate()
    to_close = services.past_open_periods(today=today)  # makes missing past quarters, oldest first
    periods = list(Period.objects.select_related("closed_by").order_by("-year", "-quarter"))
    last_closed = next(((p.year, p.quarter) for p in periods if p.is_closed), None)
    computed = selectors.live(on=today, period=current)
    city = indicators.derive(computed.city)
    preview = [(i, selectors.cell(i.key, city, set())) for i in indicators.INDICATORS]
    corrections = list(
        Correction.objects.select_related("period", "organisation", "recorded_by").order_by("-recorded_at")[:50]
    )
    context = {
        "periods": [
            (
                p,
                selectors.period_label(p),
                not p.is_closed and today > p.ends_on,
                not p.is_closed and last_closed is not None and (p.year, p.quarter) < last_closed,  # skipped
            )
            for p in periods
        ],
        "to_close": [selectors.period_label(p) for p in to_close],
        "current": current,
        "current_label": selectors.period_label(current),
        "preview": preview,
        "today": today,
        "corrections": [(c, selectors.period_label(c.period), indicators.BY_KEY.get(c.indicator)) for c in corrections],
    }
    return render(request, "monitor/period_list.html", context)


@login_required
@require_POST
def period_close(request, year, quarter):
    require_coordinator(request.user)
    period = access.get_period(year, quarter)
    try:
        services.close_period(actor=request.user, period=period)
    except services.MonitorError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(period)s is closed. Its figures are frozen and shown on the public dashboard.")
            % {"period": selectors.period_label(period)},
        )
        older = [p for p in services.past_open_periods() if (p.year, p.quarter) < (period.year, period.quarter)]
        if older:
            messages.warning(
                request,
                _("Still open, so skipped on the dashboard: %(periods)s. Close them too if you can.")
                % {"periods": ", ".join(selectors.period_label(p) for p in older)},
            )
    return redirect("monitor:period_list")


@login_required
@require_POST
def periods_close_past(request):
    """Close every past quarter that is still open, oldest first."""
    require_coordinator(request.user)
    try:
        closed = services.close_past_periods(actor=request.user)
    except services.MonitorError as error:
        messages.error(request, error.message)
    else:
        if closed:
            labels = ", ".join(selectors.period_label(p) for p in closed)
            messages.success(
                request,
                _("Closed, oldest first: %(periods)s. Their figures are frozen and shown on the public dashboard.")
                % {"periods": labels},
            )
        else:
            messages.info(request, _("There is no past quarter left to close."))
    return redirect("monitor:period_list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def correction_create(request, year, quarter):
    require_coordinator(request.user)
    period = access.get_closed_period(year, quarter)
    figures = selectors.closed_period(year, quarter)
    choices = [(row.organisation_id, row.name) for row in figures.organisations]
    form = CorrectionForm(request.POST if request.method == "POST" else None, organisations=choices)
    if request.method == "POST" and form.is_valid():
        organisation = Organisation.objects.get(pk=form.cleaned_data["organisation"])
        try:
            services.record_correction(
                actor=request.user,
                period=period,
                organisation=organisation,
                indicator=form.cleaned_data["indicator"],
                new_value=form.cleaned_data["new_value"],
                reason=form.cleaned_data["reason"],
            )
        except services.MonitorError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The correction is recorded. The dashboard shows the corrected figure."))
            return redirect("monitor:period_list")
    context = {
        "period": period,
        "period_label": selectors.period_label(period),
        "form": form,
    }
    return render(request, "monitor/correction_form.html", context)
