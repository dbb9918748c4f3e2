"""The motion monitor's indicators, computed from the organisations' own data (samenspel.tandems).

Nothing here is typed in twice: every figure is counted from the experts, trainings, tandems,
enrolments and three-level assessments the organisations keep up to date. A figure is always
"as of" one day: the last day of a period (quarter) when the period is closed, or today for the
live preview.

- `compute(on=..., period=...)` counts everything for every neighbourhood-team organisation and
  its teams in a fixed number of queries (five), whatever the number of organisations and teams.
- `aggregate(...)` adds organisation figures up to the city's (also after corrections).
- `derive(...)` adds the shares, `motion_status(...)` the status of the motion's three requests.
- `publish(...)` applies the small-number rule for what is shown in public.

The definitions are in INDICATORS; the explanation page and the exports read them from there.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from samenspel.organisations.models import Organisation, Team
from samenspel.tandems.models import FULL_TIME_HOURS, EmployedExpert, Enrolment, Tandem, TandemStatusChange, Training

from .models import LevelAssessment, Period

# Numbers of people from 1 to SMALL_NUMBER - 1 are shown in public as "fewer than 5".
SMALL_NUMBER = 5


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    explanation: str
    # "count" (people or tandems: the small-number rule applies), "teams" (never hidden),
    # "fte", "share" (0..1), "level" (1..4, the city: an average)
    kind: str
    # For shares: numerator and denominator keys. For fte: the count it belongs to.
    of: tuple[str, ...] = ()
    correctable: bool = True


LEVELS = [
    ("level_board", LevelAssessment.Level.BOARD),
    ("level_team_leaders", LevelAssessment.Level.TEAM_LEADERS),
    ("level_professionals", LevelAssessment.Level.PROFESSIONALS),
]

INDICATORS: list[Indicator] = [
    Indicator(
        "teams",
        _("Teams"),
        _("The number of neighbourhood teams of the organisation, as they are listed on the platform today."),
        "teams",
    ),
    Indicator(
        "teams_with_expert",
        _("Teams with an expert by experience"),
        _("Teams where at least one expert by experience was employed on the last day of the period."),
        "teams",
    ),
    Indicator(
        "teams_without_expert",
        _("Teams without an expert by experience"),
        _("Teams minus teams with an expert by experience."),
        "teams",
        correctable=False,
    ),
    Indicator(
        "experts_employed",
        _("Experts by experience employed"),
        _(
            "People employed as an expert by experience on the last day of the period: their employment "
            "started on or before that day and had not ended before it."
        ),
        "count",
    ),
    Indicator(
        "experts_fte",
        _("Experts by experience in FTE"),
        _("The hours per week of the employed experts by experience added up, divided by 36 (one full-time job)."),
        "fte",
        of=("experts_employed",),
    ),
    Indicator(
        "experts_trained",
        _("Experts by experience trained"),
        _(
            "Employed experts by experience who completed a training as an expert by experience on or "
            "before the last day of the period."
        ),
        "count",
    ),
    Indicator(
        "share_trained",
        _("Share trained"),
        _("Experts by experience trained, divided by experts by experience employed."),
        "share",
        of=("experts_trained", "experts_employed"),
        correctable=False,
    ),
    Indicator(
        "tandems_formed",
        _("Tandems"),
        _(
            "Tandems of an expert by experience and a professional that had started on or before the last "
            "day of the period and had not ended before it."
        ),
        "count",
    ),
    Indicator(
        "tandems_in_trajectory",
        _("Tandems in the trajectory"),
        _("Of these tandems: those enrolled in a learning trajectory that they had not completed yet."),
        "count",
    ),
    Indicator(
        "tandems_through_trajectory",
        _("Tandems through the trajectory"),
        _("Of these tandems: those that completed a learning trajectory on or before the last day of the period."),
        "count",
    ),
    Indicator(
        "share_in_trajectory",
        _("Share of tandems in the trajectory"),
        _("Tandems in the trajectory, divided by tandems."),
        "share",
        of=("tandems_in_trajectory", "tandems_formed"),
        correctable=False,
    ),
    Indicator(
        "share_through_trajectory",
        _("Share of tandems through the trajectory"),
        _("Tandems through the trajectory, divided by tandems."),
        "share",
        of=("tandems_through_trajectory", "tandems_formed"),
        correctable=False,
    ),
    Indicator(
        "level_board",
        _("Three levels: board"),
        _(
            "The organisation's own assessment of its board in this period: 1 aware, 2 committed, "
            "3 implementing, 4 embedded. For the city: the average of the organisations that filled it in."
        ),
        "level",
    ),
    Indicator(
        "level_team_leaders",
        _("Three levels: team leaders"),
        _("The same scale, for the team leaders."),
        "level",
    ),
    Indicator(
        "level_professionals",
        _("Three levels: professionals"),
        _("The same scale, for the professionals."),
        "level",
    ),
]
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
# The figures stored in a snapshot; the others are derived from them.
STORED = [i.key for i in INDICATORS if i.kind not in ("share",) and i.key != "teams_without_expert"]
COUNT_KEYS = [i.key for i in INDICATORS if i.kind == "count"]
CORRECTABLE = [i for i in INDICATORS if i.correctable]
# Figures kept per team (not public: the municipality viewer and the organisation see them).
TEAM_KEYS = ["experts_employed", "experts_fte", "experts_trained", "tandems_formed", "tandems_in_trajectory"]
TEAM_KEYS += ["tandems_through_trajectory"]


def fte(hours: Decimal) -> float:
    return float((Decimal(hours) / FULL_TIME_HOURS).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# --------------------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------------------


@dataclass
class TeamFigures:
    pk: int
    name: str
    figures: dict = field(default_factory=dict)


@dataclass
class OrganisationFigures:
    organisation: Organisation
    figures: dict = field(default_factory=dict)
    teams: list[TeamFigures] = field(default_factory=list)


@dataclass
class Computed:
    on: datetime.date
    organisations: list[OrganisationFigures]
    city: dict


def _empty_team() -> dict:
    return {
        "experts_employed": 0,
        "hours": Decimal(0),
        "experts_trained": 0,
        "tandems_formed": 0,
        "tandems_in_trajectory": 0,
        "tandems_through_trajectory": 0,
    }


def compute(*, on: datetime.date, period: Period | None = None) -> Computed:
    """Every organisation's and team's figures as of `on` (five queries).

    `period`: whose three-level assessments count (none when not given).
    """
    organisations = list(Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS).order_by("name"))
    teams = list(
        Team.objects.filter(organisation__kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
        .order_by("name", "pk")
        .values_list("pk", "name", "organisation_id")
    )
    employed = Q(started_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gte=on))
    trained = Training.objects.filter(expert=OuterRef("pk"), completed_on__isnull=False, completed_on__lte=on)
    experts = (
        EmployedExpert.objects.filter(employed, organisation__kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
        .annotate(trained=Exists(trained))
        .values_list("organisation_id", "team_id", "hours_per_week", "trained")
    )
    # A tandem counts when it had started and its status on `on` was not "ended": the status of its
    # latest change on or before `on` (TandemStatusChange), so past quarters stay right when a
    # tandem ends or starts again later. Without history: an end date after `on`, or no end date
    # and not marked as ended.
    status_then = Subquery(
        TandemStatusChange.objects.filter(tandem=OuterRef("pk"), since__lte=on)
        .order_by("-since", "-id")
        .values("status")[:1]
    )
    has_history = Exists(TandemStatusChange.objects.filter(tandem=OuterRef("pk")))
    without_history = Q(ended_on__gt=on) | (Q(ended_on__isnull=True) & ~Q(status=Tandem.Status.ENDED))
    running = Q(started_on__lte=on) & (
        (Q(has_history=True) & Q(status_then__isnull=False) & ~Q(status_then=Tandem.Status.ENDED))
        | (Q(has_history=False) & without_history)
    )
    through = Enrolment.objects.filter(tandem=OuterRef("pk"), completed_on__isnull=False, completed_on__lte=on)
    inside = Enrolment.objects.filter(tandem=OuterRef("pk"), enrolled_on__lte=on).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gt=on)
    )
    tandems = (
        Tandem.objects.filter(organisation__kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
        .annotate(status_then=status_then, has_history=has_history)
        .filter(running)
        .annotate(through=Exists(through), inside=Exists(inside))
        .values_list("organisation_id", "team_id", "through", "inside")
    )
    levels: dict[int, dict[str, int]] = {}
    if period is not None:
        for organisation_id, level, step in LevelAssessment.objects.filter(period=period).values_list(
            "organisation_id", "level", "step"
        ):
            levels.setdefault(organisation_id, {})[level] = step

    per_team: dict[int, dict] = {pk: _empty_team() for pk, _name, _org in teams}
    for _org, team_id, hours, is_trained in experts:
        team = per_team.setdefault(team_id, _empty_team())
        team["experts_employed"] += 1
        team["hours"] += hours
        team["experts_trained"] += int(is_trained)
    for _org, team_id, is_through, is_inside in tandems:
        team = per_team.setdefault(team_id, _empty_team())
        team["tandems_formed"] += 1
        # A tandem that completed one trajectory and is in another counts as through.
        team["tandems_through_trajectory"] += int(is_through)
        team["tandems_in_trajectory"] += int(is_inside and not is_through)

    teams_of: dict[int, list[TeamFigures]] = {}
    for pk, name, organisation_id in teams:
        raw = per_team[pk]
        figures = {
            "experts_employed": raw["experts_employed"],
            "experts_fte": fte(raw["hours"]),
            "experts_trained": raw["experts_trained"],
            "tandems_formed": raw["tandems_formed"],
            "tandems_in_trajectory": raw["tandems_in_trajectory"],
            "tandems_through_trajectory": raw["tandems_through_trajectory"],
            "hours": raw["hours"],
        }
        teams_of.setdefault(organisation_id, []).append(TeamFigures(pk=pk, name=name, figures=figures))

    results = []
    for organisation in organisations:
        its_teams = teams_of.get(organisation.pk, [])
        hours = sum((team.figures.pop("hours") for team in its_teams), Decimal(0))
        figures = {
            "teams": len(its_teams),
            "teams_with_expert": sum(1 for team in its_teams if team.figures["experts_employed"]),
            "experts_employed": sum(team.figures["experts_employed"] for team in its_teams),
            "experts_fte": fte(hours),
            "experts_trained": sum(team.figures["experts_trained"] for team in its_teams),
            "tandems_formed": sum(team.figures["tandems_formed"] for team in its_teams),
            "tandems_in_trajectory": sum(team.figures["tandems_in_trajectory"] for team in its_teams),
            "tandems_through_trajectory": sum(team.figures["tandems_through_trajectory"] for team in its_teams),
        }
        assessed = levels.get(organisation.pk, {})
        for key, level in LEVELS:
            figures[key] = assessed.get(level)
        results.append(OrganisationFigures(organisation=organisation, figures=figures, teams=its_teams))
    return Computed(on=on, organisations=results, city=aggregate([r.figures for r in results]))


def aggregate(organisation_figures: list[dict]) -> dict:
    """The city's figures: counts added up, levels averaged over the organisations that filled them in."""
    city: dict = {}
    for key in STORED:
        indicator = BY_KEY[key]
        values = [figures.get(key) for figures in organisation_figures]
        if indicator.kind == "level":
            given = [value for value in values if value is not None]
            city[key] = round(sum(given) / len(given), 1) if given else None
        elif indicator.kind == "fte":
            city[key] = round(sum(value or 0 for value in values), 2)
        else:
            city[key] = sum(value or 0 for value in values)
    return city


def derive(figures: dict) -> dict:
    """The stored figures plus the derived ones (teams without an expert, shares)."""
    result = dict(figures)
    result["teams_without_expert"] = (figures.get("teams") or 0) - (figures.get("teams_with_expert") or 0)
    for indicator in INDICATORS:
        if indicator.kind == "share":
            numerator, denominator = (figures.get(key) or 0 for key in indicator.of)
            result[indicator.key] = round(numerator / denominator, 4) if denominator else None
    return result


def apply_corrections(figures: dict, corrections) -> dict:
    """A snapshot's figures with its corrections applied in the order they were recorded."""
    result = dict(figures)
    for correction in corrections:
        result[correction.indicator] = correction.new_value
    return result


# --------------------------------------------------------------------------------------
# The motion's three requests
# --------------------------------------------------------------------------------------

MET = "met"
UNDER_WAY = "under_way"
NOT_STARTED = "not_started"
STATUS_LABELS = {
    MET: _("Carried out"),
    UNDER_WAY: _("Under way"),
    NOT_STARTED: _("Not started"),
}

REQUESTS = [
    (
        "a",
        _(
            "Every neighbourhood-team organisation employs experts by experience, who work in a tandem "
            "with the neighbourhood-team professionals."
        ),
    ),
    ("b", _("These experts by experience are trained as experts by experience.")),
    (
        "c",
        _(
            "In the learning trajectories for the neighbourhood teams, professionals and experts by "
            "experience learn together, in tandems."
        ),
    ),
]


@dataclass(frozen=True)
class RequestStatus:
    letter: str
    text: str
    status: str
    # (label, key of the city figure, or a plain "x of y" pair of organisation counts)
    figures: tuple

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _status(done: int, total: int, started: int) -> str:
    if total and done == total:
        return MET
    return UNDER_WAY if started else NOT_STARTED


def motion_status(organisation_figures: list[dict], city: dict) -> list[RequestStatus]:
    """The status of requests a, b and c, with the figures that support it.

    a: carried out when every organisation employs an expert by experience and has a tandem;
    b: when every employed expert by experience is trained;
    c: when every tandem is in or through the learning trajectory.
    Under way when part of it is done, not started when nothing is.
    """
    n = len(organisation_figures)
    with_tandem = sum(1 for f in organisation_figures if f.get("experts_employed") and f.get("tandems_formed"))
    with_expert = sum(1 for f in organisation_figures if f.get("experts_employed"))
    city = derive(city)
    employed, trained = city["experts_employed"] or 0, city["experts_trained"] or 0
    formed = city["tandems_formed"] or 0
    learning = (city["tandems_in_trajectory"] or 0) + (city["tandems_through_trajectory"] or 0)
    text = dict(REQUESTS)
    return [
        RequestStatus(
            "a",
            text["a"],
            _status(with_tandem, n, with_expert),
            (
                ("organisations", _("Organisations with an expert by experience in a tandem"), with_tandem, n),
                ("city", "experts_employed"),
                ("city", "tandems_formed"),
                ("city", "teams_with_expert"),
            ),
        ),
        RequestStatus(
            "b",
            text["b"],
            _status(trained, employed, trained),
            (("city", "experts_trained"), ("city", "experts_employed"), ("city", "share_trained")),
        ),
        RequestStatus(
            "c",
            text["c"],
            _status(learning, formed, learning),
            (
                ("city", "tandems_in_trajectory"),
                ("city", "tandems_through_trajectory"),
                ("city", "share_in_trajectory"),
                ("city", "share_through_trajectory"),
            ),
        ),
    ]


# --------------------------------------------------------------------------------------
# The small-number rule
# --------------------------------------------------------------------------------------


def is_small(value) -> bool:
    return value is not None and 0 < value < SMALL_NUMBER


def hidden_keys(figures: dict) -> set[str]:
    """Which of these (derived) figures may not be shown in public.

    Counts of people or tandems from 1 to 4; the FTE of fewer than 5 people; a share whose
    numerator or denominator is hidden (30% of 10 gives the 3 away).
    """
    hidden = {key for key in COUNT_KEYS if is_small(figures.get(key))}
    for indicator in INDICATORS:
        if indicator.kind == "fte" and set(indicator.of) & hidden:
            hidden.add(indicator.key)
        if indicator.kind == "share" and set(indicator.of) & hidden:
            hidden.add(indicator.key)
    return hidden


def hide_across(rows: list[dict]) -> list[set[str]]:
    """The hidden keys of each organisation row, with the complementary rule.

    When exactly one organisation hides a count, the city total and the other rows would give it
    away; then the smallest other non-zero value of that count is hidden too.
    """
    hidden = [hidden_keys(row) for row in rows]
    for key in COUNT_KEYS:
        alone = [i for i, keys in enumerate(hidden) if key in keys]
        if len(alone) != 1:
            continue
        others = [(rows[i].get(key) or 0, i) for i in range(len(rows)) if i != alone[0] and rows[i].get(key)]
        if others:
            _value, index = min(others)
            hidden[index].add(key)
    for keys in hidden:
        for indicator in INDICATORS:
            if indicator.kind in ("fte", "share") and set(indicator.of) & keys:
                keys.add(indicator.key)
    return hidden
