"""Reading and checking an organisation's CSV file: every row is checked before anything is saved.

The file's columns and rows are described in `services/imports.py`, which saves a checked plan.
Nothing here writes: `read_organisation_file` returns an `ImportPlan` with the checked rows and
the problems per row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from samenspel.lib.csvfiles import CSVError, RowProblem, read_upload, short_value
from samenspel.organisations.models import Organisation, Team

from .models import FULL_TIME_HOURS, EmployedExpert, Professional, Tandem, Training
from .services import organisation as services

REQUIRED_COLUMNS = ["role", "team"]
OPTIONAL_COLUMNS = [
    "initials",
    "reference",
    "member",
    "hours",
    "fte",
    "started",
    "ended",
    "course",
    "course_started",
    "course_completed",
    "certificate_date",
    "expert",
    "professional",
    "status",
]
COLUMNS = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]  # also the columns of the export, in this order
EXPERT, PROFESSIONAL, TANDEM = "expert", "professional", "tandem"
ROLE_WORDS = {
    "expert": EXPERT,
    "ervaringsdeskundige": EXPERT,
    "ed": EXPERT,
    "professional": PROFESSIONAL,
    "buurtteamprofessional": PROFESSIONAL,
    "tandem": TANDEM,
}
STATUS_WORDS = {
    "forming": Tandem.Status.FORMING,
    "in vorming": Tandem.Status.FORMING,
    "vormen": Tandem.Status.FORMING,
    "active": Tandem.Status.ACTIVE,
    "actief": Tandem.Status.ACTIVE,
    "paused": Tandem.Status.PAUSED,
    "gepauzeerd": Tandem.Status.PAUSED,
    "pauze": Tandem.Status.PAUSED,
    "ended": Tandem.Status.ENDED,
    "beëindigd": Tandem.Status.ENDED,
    "gestopt": Tandem.Status.ENDED,
}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
INITIALS_MAX = EmployedExpert._meta.get_field("initials").max_length
REFERENCE_MAX = EmployedExpert._meta.get_field("internal_reference").max_length
COURSE_MAX = Training._meta.get_field("course").max_length
FIRST_DATA_ROW = 2  # row 1 holds the column names, as a spreadsheet shows it
MAX_ROWS = 5000


@dataclass
class TrainingRow:
    course: str
    started_on: datetime.date
    completed_on: datetime.date | None
    certificate_on: datetime.date | None
    row: int


@dataclass
class PersonRow:
    role: str
    team: Team
    initials: str
    reference: str
    row: int
    hours: Decimal | None = None
    started_on: datetime.date | None = None
    ended_on: datetime.date | None = None
    trainings: list[TrainingRow] = field(default_factory=list)

    def same_person_fields(self, other: PersonRow) -> bool:
        keys = ("role", "team", "initials", "hours", "started_on", "ended_on")
        return all(getattr(self, key) == getattr(other, key) for key in keys)


@dataclass
class TandemRow:
    team: Team
    expert: str
    professional: str
    started_on: datetime.date
    ended_on: datetime.date | None
    status: str
    row: int


@dataclass
class ImportPlan:
    organisation: Organisation
    experts: dict[str, PersonRow] = field(default_factory=dict)  # by casefolded reference
    professionals: dict[str, PersonRow] = field(default_factory=dict)
    tandems: list[TandemRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.experts or self.professionals or self.tandems)

    @property
    def row_count(self) -> int:
        return len(self.experts) + len(self.professionals) + len(self.tandems)


# --- Reading and checking -----------------------------------------------------------------


def read_organisation_file(uploaded_file, *, organisation: Organisation) -> ImportPlan:
    """Read the upload and check every row. Raises CSVError for a problem with the whole file."""
    raw_rows = read_upload(
        uploaded_file,
        max_bytes=settings.MEMBER_IMPORT_MAX_BYTES,
        required_columns=REQUIRED_COLUMNS,
        optional_columns=OPTIONAL_COLUMNS,
    )
    if len(raw_rows) > MAX_ROWS:
        raise CSVError(_("The file has too many rows: at most %(max)s.") % {"max": MAX_ROWS})
    plan = check_rows(raw_rows, organisation=organisation)
    if not plan.row_count and not plan.problems:
        raise CSVError(_("The file has no rows with data."))
    return plan


def check_rows(raw_rows: list[dict[str, str]], *, organisation: Organisation) -> ImportPlan:
    teams = {team.name.casefold(): team for team in organisation.teams.all()}
    known_experts = {
        ref.casefold()
        for ref in EmployedExpert.objects.filter(organisation=organisation)
        .exclude(internal_reference="")
        .values_list("internal_reference", flat=True)
    }
    known_professionals = {
        ref.casefold()
        for ref in Professional.objects.filter(organisation=organisation)
        .exclude(internal_reference="")
        .values_list("internal_reference", flat=True)
    }
    plan = ImportPlan(organisation=organisation)
    tandem_rows: list[tuple[TandemRow, list[str]]] = []
    for index, raw in enumerate(raw_rows):
        number = index + FIRST_DATA_ROW
        if not any(raw.values()):
            continue  # an empty line
        messages: list[str] = []
        role = ROLE_WORDS.get(raw.get("role", "").strip().casefold())
        team = _team(raw, teams, messages)
        if role is None:
            messages.append(
                _("The role '%(value)s' is unknown. Use expert, professional or tandem.")
                % {"value": short_value(raw.get("role", ""))}
            )
        elif role == TANDEM:
            tandem = _tandem_row(raw, team, number, messages)
            if tandem is not None:
                tandem_rows.append((tandem, messages))
                continue
        else:
            person = _person_row(raw, role, team, number, messages)
            if person is not None and not messages:
                _add_person(plan, person, messages)
        if messages:
            plan.problems.append(RowProblem(row=number, messages=messages))

    # Tandems last: their partners may be anywhere in the file.
    for tandem, messages in tandem_rows:
        expert_key, professional_key = tandem.expert.casefold(), tandem.professional.casefold()
        if expert_key not in plan.experts and expert_key not in known_experts:
            messages.append(
                _("The expert by experience with reference '%(value)s' is not in this file or in your data.")
                % {"value": short_value(tandem.expert)}
            )
        if professional_key not in plan.professionals and professional_key not in known_professionals:
            messages.append(
                _("The professional with reference '%(value)s' is not in this file or in your data.")
                % {"value": short_value(tandem.professional)}
            )
        if expert_key == professional_key:
            messages.append(
                _("The expert by experience and the professional are the same person. A tandem is two people.")
            )
        expert = plan.experts.get(expert_key)
        if expert and expert.ended_on and tandem.started_on > expert.ended_on:
            messages.append(_("The tandem starts after the employment of the expert by experience has ended."))
        duplicate = next(
            (
                other
                for other in plan.tandems
                if (other.expert.casefold(), other.professional.casefold(), other.started_on)
                == (expert_key, professional_key, tandem.started_on)
            ),
            None,
        )
        if duplicate is not None:
            messages.append(_("This tandem is already in row %(row)s.") % {"row": duplicate.row})
        if messages:
            plan.problems.append(RowProblem(row=tandem.row, messages=messages))
        else:
            plan.tandems.append(tandem)
    # Same reference as expert and as professional: one person cannot be both sides.
    for key in plan.experts.keys() & plan.professionals.keys():
        row = plan.professionals[key].row
        plan.problems.append(
            RowProblem(
                row=row,
                messages=[
                    _("The reference '%(value)s' is also used for an expert by experience in row %(other)s.")
                    % {"value": short_value(plan.professionals[key].reference), "other": plan.experts[key].row}
                ],
            )
        )
    plan.problems.sort(key=lambda problem: problem.row)
    return plan


def _team(raw, teams, messages) -> Team | None:
    name = " ".join(raw.get("team", "").split())
    if not name:
        messages.append(_("The team is empty."))
        return None
    team = teams.get(name.casefold())
    if team is None:
        messages.append(_("The team '%(value)s' is unknown in this organisation.") % {"value": short_value(name)})
    return team


def _person_row(raw, role, team, number, messages) -> PersonRow | None:
    initials = " ".join(raw.get("initials", "").split())
    reference = " ".join(raw.get("reference", "").split())
    if not initials:
        messages.append(_("The initials are empty."))
    elif len(initials) > INITIALS_MAX:
        messages.append(_("The initials are too long: at most %(max)s characters.") % {"max": INITIALS_MAX})
    if not reference:
        messages.append(_("The reference is empty. The import uses it to find the person again."))
    elif len(reference) > REFERENCE_MAX:
        messages.append(_("The reference is too long: at most %(max)s characters.") % {"max": REFERENCE_MAX})
    person = PersonRow(role=role, team=team, initials=initials, reference=reference, row=number)
    if role == PROFESSIONAL:
        only_experts = [
            column
            for column in ("hours", "fte", "started", "ended", "course", "course_started", "course_completed")
            if raw.get(column)
        ]
        if only_experts:
            messages.append(
                _("A professional has no %(columns)s: leave these empty.") % {"columns": ", ".join(only_experts)}
            )
        return person
    person.hours = _hours(raw, messages)
    person.started_on = _date(raw, "started", messages, required=True)
    person.ended_on = _date(raw, "ended", messages)
    if person.started_on and person.ended_on and person.ended_on < person.started_on:
        messages.append(_("The end of the employment is before its start."))
    training = _training(raw, number, messages)
    if training is not None:
        person.trainings.append(training)
    return person


def _add_person(plan: ImportPlan, person: PersonRow, messages: list[str]) -> None:
    rows = plan.experts if person.role == EXPERT else plan.professionals
    key = person.reference.casefold()
    existing = rows.get(key)
    if existing is None:
        rows[key] = person
        return
    if person.role == EXPERT and existing.same_person_fields(person) and person.trainings:
        courses = {training.course.casefold() for training in existing.trainings}
        if person.trainings[0].course.casefold() in courses:
            messages.append(
                _("The course '%(value)s' is already in row %(row)s for this person.")
                % {"value": short_value(person.trainings[0].course), "row": existing.row}
            )
        else:
            existing.trainings.extend(person.trainings)
        return
    messages.append(
        _(
            "The reference '%(value)s' is already in row %(row)s. One person, one row (add a training with the same details)."
        )
        % {"value": short_value(person.reference), "row": existing.row}
    )


def _hours(raw, messages) -> Decimal | None:
    hours_text, fte_text = raw.get("hours", ""), raw.get("fte", "")
    hours = None
    if hours_text:
        hours = _decimal(hours_text)
        if hours is None:
            messages.append(_("The hours '%(value)s' are not a number.") % {"value": short_value(hours_text)})
            return None
    elif fte_text:
        fte = _decimal(fte_text)
        if fte is None:
            messages.append(_("The FTE '%(value)s' is not a number.") % {"value": short_value(fte_text)})
            return None
        hours = fte * FULL_TIME_HOURS
    else:
        messages.append(_("Fill in the hours per week, or the FTE."))
        return None
    hours = hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if hours < services.HOURS_MIN or hours > services.HOURS_MAX:
        messages.append(
            _("%(hours)s hours a week is not possible: fill in between %(min)s and %(max)s.")
            % {"hours": hours, "min": services.HOURS_MIN, "max": services.HOURS_MAX}
        )
        return None
    return hours


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _date(raw, column, messages, *, required=False) -> datetime.date | None:
    text = raw.get(column, "").strip()
    if not text:
        if required:
            messages.append(_("The column %(column)s is empty: fill in a date.") % {"column": column})
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    messages.append(
        _("'%(value)s' in column %(column)s is not a date. Use 2024-03-31 or 31-03-2024.")
        % {"value": short_value(text), "column": column}
    )
    return None


def _training(raw, number, messages) -> TrainingRow | None:
    course = " ".join(raw.get("course", "").split())
    started = _date(raw, "course_started", messages, required=bool(course))
    completed = _date(raw, "course_completed", messages)
    certificate = _date(raw, "certificate_date", messages)
    if not course:
        if started or completed or certificate:
            messages.append(_("Fill in the name of the course, or leave its dates empty."))
        return None
    if len(course) > COURSE_MAX:
        messages.append(_("The course name is too long: at most %(max)s characters.") % {"max": COURSE_MAX})
    if started and completed and completed < started:
        messages.append(_("The course is completed before it started."))
    if started and certificate and certificate < started:
        messages.append(_("The certificate date is before the start of the course."))
    if certificate and not completed:
        messages.append(_("Fill in when the course was completed."))
    if started is None:
        return None
    return TrainingRow(
        course=course, started_on=started, completed_on=completed, certificate_on=certificate, row=number
    )


def _tandem_row(raw, team, number, messages) -> TandemRow | None:
    expert = " ".join(raw.get("expert", "").split())
    professional = " ".join(raw.get("professional", "").split())
    if not expert:
        messages.append(_("The column expert is empty: fill in the reference of the expert by experience."))
    if not professional:
        messages.append(_("The column professional is empty: fill in the reference of the professional."))
    started = _date(raw, "started", messages, required=True)
    ended = _date(raw, "ended", messages)
    status_text = raw.get("status", "").strip().casefold()
    status = STATUS_WORDS.get(status_text) if status_text else Tandem.Status.FORMING
    if status is None:
        messages.append(
            _("The status '%(value)s' is unknown. Use forming, active, paused or ended.")
            % {"value": short_value(raw.get("status", ""))}
        )
    if started and ended and ended < started:
        messages.append(_("The end of the tandem is before its start."))
    if status == Tandem.Status.ENDED and started and not ended:
        messages.append(_("Fill in the end date of a tandem that has ended."))
    if status and status != Tandem.Status.ENDED and ended:
        messages.append(_("Only a tandem that has ended has an end date."))
    if messages or team is None or started is None or status is None:
        return None
    return TandemRow(
        team=team,
        expert=expert,
        professional=professional,
        started_on=started,
        ended_on=ended,
        status=status,
        row=number,
    )
