"""The public dashboard, the indicator explanation, open data (CSV, XLSX) and the non-public detail."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from samenspel.core.cache_version import cached, keyed
from samenspel.core.roles import is_coordinator, is_municipality_viewer
from samenspel.core.whole_page import visitor_page
from samenspel.lib.http import conditional_response
from samenspel.organisations.access import represented_organisations

from .. import access, dashboard, exports, extra_figures, indicators, selectors, services
from ..exports import open_data_version
from ..models import LevelAssessment, Period


@visitor_page
@keyed(*exports.cache_keys())
@require_safe
def dashboard_page(request):
    """Public: the motion, its three requests, city totals, a row per organisation, trends."""

    def body():
        context = dashboard.build(selectors.closed_periods())
        return render_to_string("monitor/includes/dashboard_body.html", context, request=request)

    user = request.user
    coordinator = is_coordinator(user)
    represents = not coordinator and user.is_authenticated and represented_organisations(user).exists()
    context = {
        "body": cached(request, ("monitor.dashboard",), body, keys=exports.cache_keys()),
        "requests": indicators.REQUESTS,
        "is_coordinator": coordinator,
        "may_assess": coordinator or represents,
        "may_see_detail": coordinator or represents or is_municipality_viewer(user),
    }
    return render(request, "monitor/dashboard.html", context)


@require_safe
def indicator_list(request):
    return render(
        request,
        "monitor/indicators.html",
        {
            "indicators": indicators.INDICATORS,
            "extra": extra_figures.explained(),
            "small_number": indicators.SMALL_NUMBER,
            "requests": indicators.REQUESTS,
        },
    )


@require_safe
def open_data(request):
    return render(request, "monitor/open_data.html", {"periods": selectors.closed_period_list()[::-1]})


def _export(request, year, quarter, kind):
    """A closed period's open data file, or 304 when the client has it (no figures read or written)."""
    if not Period.objects.filter(year=year, quarter=quarter, closed_at__isnull=False).exists():
        raise Http404

    def compute():
        figures = selectors.closed_period(year, quarter)
        if figures is None:
            raise Http404
        return exports.as_csv(figures) if kind == "csv" else exports.as_xlsx(figures)

    def build():
        content = cached(request, ("monitor.export", kind, year, quarter), compute, keys=exports.cache_keys())
        content_type = (
            "text/csv; charset=utf-8"
            if kind == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="samenspel-monitor-{year}-Q{quarter}.{kind}"'
        return response

    return conditional_response(request, open_data_version(request, kind, year, quarter), build=build)


@keyed(*exports.cache_keys())
@require_safe
def export_csv(request, year, quarter):
    return _export(request, year, quarter, "csv")


@keyed(*exports.cache_keys())
@require_safe
def export_xlsx(request, year, quarter):
    return _export(request, year, quarter, "xlsx")


# --------------------------------------------------------------------------------------
# Not public: the detail per team
# --------------------------------------------------------------------------------------


def _detail_organisations(user):
    if is_coordinator(user) or is_municipality_viewer(user):
        from samenspel.organisations.models import Organisation

        return Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
    return represented_organisations(user)


@login_required
@require_safe
def detail_list(request):
    """Today's figures per organisation (live, not yet frozen), for whom may see the detail."""
    allowed = {o.pk for o in _detail_organisations(request.user)}
    if not allowed:
        raise PermissionDenied
    period = services.current_period()
    computed = selectors.live(on=timezone.localdate(), period=period)
    rows = [
        (r, [selectors.cell(k, indicators.derive(r.figures), set()) for k in dashboard.ORGANISATION_COLUMNS])
        for r in computed.organisations
        if r.organisation.pk in allowed
    ]
    context = {
        "period": period,
        "period_label": selectors.period_label(period),
        "rows": rows,
        "columns": [indicators.BY_KEY[k] for k in dashboard.ORGANISATION_COLUMNS],
        "on": computed.on,
    }
    return render(request, "monitor/detail_list.html", context)


TEAM_COLUMNS = indicators.TEAM_KEYS


@login_required
@require_safe
def detail(request, slug):
    """One organisation's figures per team: live for the current period, frozen for a closed one."""
    organisation = access.get_organisation_for_detail(request.user, slug)
    closed = selectors.closed_period_list()
    choice = request.GET.get("period", "")
    chosen = next((p for p in closed if f"{p.year}-{p.quarter}" == choice), None)
    if chosen is not None:
        figures = selectors.closed_period(chosen.year, chosen.quarter)
        row = next((r for r in figures.organisations if r.organisation_id == organisation.pk), None)
        teams = [(team["name"], team) for team in (row.teams if row else [])]
        period, on = chosen, chosen.ends_on
        organisation_figures = row.figures if row else {}
        corrected = row.corrected if row else set()
    else:
        period = services.current_period()
        on = timezone.localdate()
        computed = selectors.live(on=on, period=period)
        found = next((r for r in computed.organisations if r.organisation.pk == organisation.pk), None)
        teams = [(team.name, team.figures) for team in (found.teams if found else [])]
        organisation_figures = indicators.derive(found.figures) if found else {}
        corrected = set()
    team_rows = [(name, [selectors.cell(k, figures, set()) for k in TEAM_COLUMNS]) for name, figures in teams]
    assessments = list(
        LevelAssessment.objects.filter(organisation=organisation, period=period).select_related("updated_by")
    )
    context = {
        "organisation": organisation,
        "period": period,
        "period_label": selectors.period_label(period),
        "is_live": chosen is None,
        "on": on,
        "closed": closed[::-1],
        "team_columns": [indicators.BY_KEY[k] for k in TEAM_COLUMNS],
        "team_rows": team_rows,
        "summary": [
            (i, selectors.cell(i.key, organisation_figures, set(), corrected))
            for i in indicators.INDICATORS
            if organisation_figures
        ],
        "assessments": assessments,
    }
    return render(request, "monitor/detail.html", context)
