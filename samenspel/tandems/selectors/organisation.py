"""Reads of an organisation's own data: the overview pages and the CSV export."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from samenspel.core.roles import is_municipality_viewer
from samenspel.organisations.access import represented_organisations
from samenspel.organisations.models import Organisation, Team

from ..import_check import COLUMNS, EXPERT, PROFESSIONAL, TANDEM
from ..models import EmployedExpert, Professional, Tandem, TandemStatusChange, Training


def readable_organisations(user) -> QuerySet[Organisation]:
    """The buurtteam organisations whose own data this person may read."""
    if is_municipality_viewer(user):
        return Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
    return represented_organisations(user)


def status_history(tandem: Tandem | None) -> list[TandemStatusChange]:
    """The tandem's status changes, oldest first (one query; none for a new tandem)."""
    if tandem is None:
        return []
    return list(TandemStatusChange.objects.filter(tandem=tandem).order_by("since", "id"))


def employed_on(day: datetime.date) -> Q:
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


@dataclass
class OrganisationRow:
    organisation: Organisation
    teams: int
    experts: int
    professionals: int
    tandems: int


def organisation_rows(user) -> list[OrganisationRow]:
    """Each readable organisation with a few counts: a constant number of queries."""
    today = timezone.localdate()
    organisations = list(readable_organisations(user).annotate(team_count=Count("teams")).order_by("name"))
    ids = [o.pk for o in organisations]

    def counts(queryset) -> dict[int, int]:
        return dict(
            queryset.filter(organisation_id__in=ids)
            .values_list("organisation_id")
            .annotate(n=Count("id"))
            .values_list("organisation_id", "n")
        )

    experts = counts(EmployedExpert.objects.filter(employed_on(today)))
    professionals = counts(Professional.objects.all())
    tandems = counts(Tandem.objects.exclude(status=Tandem.Status.ENDED))
    return [
        OrganisationRow(
            organisation=o,
            teams=o.team_count,
            experts=experts.get(o.pk, 0),
            professionals=professionals.get(o.pk, 0),
            tandems=tandems.get(o.pk, 0),
        )
        for o in organisations
    ]


def experts_of(organisation: Organisation) -> QuerySet[EmployedExpert]:
    return (
        EmployedExpert.objects.filter(organisation=organisation)
        .select_related("team", "member")
        .prefetch_related(Prefetch("trainings", queryset=Training.objects.order_by("started_on", "id")))
        .order_by("team__name", "initials", "id")
    )


def professionals_of(organisation: Organisation) -> QuerySet[Professional]:
    return (
        Professional.objects.filter(organisation=organisation)
        .select_related("team", "member")
        .order_by("team__name", "initials", "id")
    )


def tandems_of(organisation: Organisation) -> QuerySet[Tandem]:
    return (
        Tandem.objects.filter(organisation=organisation)
        .select_related("team", "expert__member", "professional__member", "coach")
        .order_by("team__name", "started_on", "id")
    )


@dataclass
class TeamRow:
    team: Team
    experts: int
    tandems: int


def team_rows(organisation: Organisation, experts, tandems) -> list[TeamRow]:
    """Per team: experts employed today and tandems that have not ended (from lists already loaded)."""
    today = timezone.localdate()
    employed: dict[int, int] = {}
    for expert in experts:
        if expert.started_on <= today and (expert.ended_on is None or expert.ended_on >= today):
            employed[expert.team_id] = employed.get(expert.team_id, 0) + 1
    open_tandems: dict[int, int] = {}
    for tandem in tandems:
        if tandem.status != Tandem.Status.ENDED:
            open_tandems[tandem.team_id] = open_tandems.get(tandem.team_id, 0) + 1
    return [
        TeamRow(team=team, experts=employed.get(team.pk, 0), tandems=open_tandems.get(team.pk, 0))
        for team in organisation.teams.order_by("name")
    ]


def export_rows(organisation: Organisation) -> list[list]:
    """The organisation's data in the columns of the CSV import, so an export can be edited and imported again.

    An expert with several trainings gets one row per training. The column `member` (the
    platform member's name) is for reading only: the import ignores it.
    """
    rows = []

    def row(**values) -> list:
        return [values.get(column, "") for column in COLUMNS]

    for expert in experts_of(organisation):
        person = {
            "role": EXPERT,
            "team": expert.team.name,
            "initials": expert.initials,
            "reference": expert.internal_reference,
            "member": expert.member.name if expert.member_id else "",
            "hours": expert.hours_per_week,
            "fte": expert.fte,
            "started": _iso(expert.started_on),
            "ended": _iso(expert.ended_on),
        }
        trainings = list(expert.trainings.all())
        if not trainings:
            rows.append(row(**person))
        for training in trainings:
            rows.append(
                row(
                    **person,
                    course=training.course,
                    course_started=_iso(training.started_on),
                    course_completed=_iso(training.completed_on),
                    certificate_date=_iso(training.certificate_on),
                )
            )
    for professional in professionals_of(organisation):
        rows.append(
            row(
                role=PROFESSIONAL,
                team=professional.team.name,
                initials=professional.initials,
                reference=professional.internal_reference,
                member=professional.member.name if professional.member_id else "",
            )
        )
    for tandem in tandems_of(organisation):
        rows.append(
            row(
                role=TANDEM,
                team=tandem.team.name,
                expert=tandem.expert.internal_reference,
                professional=tandem.professional.internal_reference,
                started=_iso(tandem.started_on),
                ended=_iso(tandem.ended_on),
                status=tandem.status,
            )
        )
    return rows


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""
