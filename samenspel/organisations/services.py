"""Every write about organisations and teams."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action

from .models import Organisation, Team


@transaction.atomic
def save_organisation(*, actor, organisation: Organisation | None = None, **fields) -> Organisation:
    created = organisation is None
    organisation = organisation or Organisation()
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    log_action(
        actor=actor,
        action="organisation.created" if created else "organisation.updated",
        target=organisation,
        data={"fields": sorted(fields)},
    )
    return organisation


@transaction.atomic
def save_team(*, actor, organisation: Organisation, team: Team | None = None, name: str, area: str) -> Team:
    created = team is None
    team = team or Team(organisation=organisation)
    team.name = name
    team.area = area
    team.full_clean()
    team.save()
    log_action(actor=actor, action="organisation.team.created" if created else "organisation.team.updated", target=team)
    return team


class TeamInUse(Exception):
    """A team that people or tandems still point at cannot be removed."""


@transaction.atomic
def delete_team(*, actor, team: Team) -> None:
    log_action(
        actor=actor, action="organisation.team.deleted", target=team, data={"organisation": team.organisation_id}
    )
    try:
        with transaction.atomic():
            team.delete()
    except ProtectedError as error:
        raise TeamInUse(
            _("This team still has experts by experience, professionals or tandems. Move them to another team first.")
        ) from error
