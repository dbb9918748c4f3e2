"""Who may see or change an organisation: the one place for organisation access.

Tandems and the monitor call these helpers; no other module decides who represents an
organisation.

- An organisation's public page (name, kind, description, teams): everyone.
- Its profile and teams (create, edit, delete): coordinators (`get_organisation_to_edit`).
- Its own data (motion data, tandems, the self-assessment), for neighbourhood-team
  organisations only: its representatives and the coordinators manage it; the municipality
  viewer reads every organisation's data (403 on writes); anyone else gets 404
  (`get_organisation_to_read`, `get_organisation_to_manage`).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from samenspel.core.roles import is_approved_member, is_coordinator, is_municipality_viewer, require_coordinator

from .models import Organisation, Team

# --- the public page, the profile and the teams ----------------------------------------------


def get_organisation_for(user, slug: str) -> Organisation:
    """Organisations are public (name, kind, description, teams)."""
    try:
        return Organisation.objects.prefetch_related("teams").get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


def get_organisation_to_edit(user, slug: str) -> Organisation:
    """The organisation's profile and teams: coordinators only (others 403)."""
    require_coordinator(user)
    return get_organisation_for(user, slug)


def get_team_to_edit(user, organisation: Organisation, pk: int) -> Team:
    require_coordinator(user)
    try:
        return organisation.teams.get(pk=pk)
    except (Team.DoesNotExist, ValueError):
        raise Http404 from None


# --- representation and the organisation's own data -----------------------------------------


def represented_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose own data `user` manages: the ones they represent (every one, for
    coordinators), neighbourhood-team organisations only."""
    if is_coordinator(user):
        return Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
    if not is_approved_member(user):
        return Organisation.objects.none()
    return user.represented_organisations.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)


def may_manage_organisation(user, organisation: Organisation) -> bool:
    return represented_organisations(user).filter(pk=organisation.pk).exists()


def may_read_organisation(user, organisation: Organisation) -> bool:
    return is_municipality_viewer(user) or may_manage_organisation(user, organisation)


def get_organisation_to_read(user, slug: str) -> Organisation:
    """An organisation's own data, for its representatives, coordinators and the municipality viewer; else 404."""
    try:
        organisation = Organisation.objects.get(slug=slug, kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
    except Organisation.DoesNotExist:
        raise Http404 from None
    if not may_read_organisation(user, organisation):
        raise Http404
    return organisation


def get_organisation_to_manage(user, slug: str) -> Organisation:
    """For writing: representatives and coordinators. The municipality viewer may read (403 on writes)."""
    organisation = get_organisation_to_read(user, slug)
    if not may_manage_organisation(user, organisation):
        raise PermissionDenied
    return organisation
