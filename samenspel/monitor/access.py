"""Who may see and change the motion monitor.

- The public dashboard and open data: everyone (city totals and a row per organisation; no
  per-team or per-person figure; numbers below 5 that could point at a person: "fewer than 5").
- Per-team detail: coordinators and the municipality viewer; an organisation's representatives
  for their own organisation only.
- The three-level self-assessment: the organisation's representatives (and coordinators).
- Closing a period and recording corrections: coordinators.
"""

from django.core.exceptions import PermissionDenied

from samenspel.members.rules import is_coordinator, is_municipality_viewer
from samenspel.tandems.access import may_manage_organisation


def may_see_team_detail(user, organisation=None) -> bool:
    if is_coordinator(user) or is_municipality_viewer(user):
        return True
    return organisation is not None and may_manage_organisation(user, organisation)


def require_team_detail(user, organisation=None) -> None:
    if not may_see_team_detail(user, organisation):
        raise PermissionDenied


def may_assess(user, organisation) -> bool:
    return may_manage_organisation(user, organisation)


def require_coordinator(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied
