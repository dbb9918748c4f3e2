"""Who may see and change the motion monitor.

- The public dashboard and open data: everyone (city totals and a row per organisation; no
  per-team or per-person figure; numbers below 5 that could point at a person: "fewer than 5").
- Per-team detail: coordinators and the municipality viewer; an organisation's representatives
  for their own organisation only.
- The three-level self-assessment: the organisation's representatives (and coordinators).
- Closing a period and recording corrections: coordinators.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from samenspel.core.roles import is_coordinator, is_municipality_viewer
from samenspel.organisations.access import get_organisation_to_read, may_manage_organisation
from samenspel.organisations.models import Organisation

from .models import Period


def may_see_team_detail(user, organisation=None) -> bool:
    if is_coordinator(user) or is_municipality_viewer(user):
        return True
    return organisation is not None and may_manage_organisation(user, organisation)


def require_team_detail(user, organisation=None) -> None:
    if not may_see_team_detail(user, organisation):
        raise PermissionDenied


def may_assess(user, organisation) -> bool:
    return may_manage_organisation(user, organisation)


def get_organisation_for_detail(user, slug: str) -> Organisation:
    """An organisation's non-public per-team figures: coordinators, the municipality viewer and its own
    representatives; for everyone else the organisation's detail does not exist (404)."""
    organisation = Organisation.objects.filter(slug=slug, kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS).first()
    if organisation is None or not may_see_team_detail(user, organisation):
        raise Http404
    return organisation


def get_organisation_to_assess(user, slug: str) -> Organisation:
    """The three-level assessment: the organisation's representatives and coordinators write it. The
    municipality viewer reads the organisation's data (403 here); anyone else gets 404."""
    organisation = get_organisation_to_read(user, slug)
    if not may_assess(user, organisation):
        raise PermissionDenied
    return organisation


def get_period(year: int, quarter: int) -> Period:
    try:
        return Period.objects.get(year=year, quarter=quarter)
    except Period.DoesNotExist:
        raise Http404 from None


def get_closed_period(year: int, quarter: int) -> Period:
    period = get_period(year, quarter)
    if not period.is_closed:
        raise Http404
    return period
