"""Who may see or change organisations and teams: one helper per object."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from samenspel.members.rules import is_coordinator

from .models import Organisation, Team


def get_organisation_for(user, slug: str) -> Organisation:
    """Organisations are public (name, kind, description, teams)."""
    try:
        return Organisation.objects.prefetch_related("teams").get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


def get_organisation_to_manage(user, slug: str) -> Organisation:
    if not is_coordinator(user):
        raise PermissionDenied
    return get_organisation_for(user, slug)


def get_team_to_manage(user, organisation: Organisation, pk: int) -> Team:
    if not is_coordinator(user):
        raise PermissionDenied
    try:
        return organisation.teams.get(pk=pk)
    except (Team.DoesNotExist, ValueError):
        raise Http404 from None
