"""Every write about organisations and teams."""

from django.db import transaction

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


@transaction.atomic
def delete_team(*, actor, team: Team) -> None:
    log_action(
        actor=actor, action="organisation.team.deleted", target=team, data={"organisation": team.organisation_id}
    )
    team.delete()
