"""Bulk entry of an organisation's own data by CSV: read and check every row before anything is saved.

One file, one row per record; the column `role` says what a row is:

- `expert` (or `ervaringsdeskundige`): an employed expert by experience: team, initials,
  reference, hours (or fte), started, ended, and optionally one training (course,
  course_started, course_completed, certificate_date). Repeat the row with another course to
  add a second training: the person's own columns must then be the same.
- `professional`: team, initials, reference.
- `tandem`: team, expert and professional (their references, in this file or already
  recorded), started, ended, status (forming, active, paused, ended).

People are found again by their internal reference: a reference that is already recorded
updates that person; a new one adds a person. Trainings are found by course name, tandems by
their two partners and start date. Nothing is ever removed by an import.

`read_organisation_file` returns an `ImportPlan` with the checked rows and a list of problems
per row; `import_organisation_data` saves a plan only when it has no problems, in one
transaction, so a file with one bad row imports nothing. The export writes the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.lib.csvfiles import RowProblem

from ..import_check import ImportPlan
from ..models import EmployedExpert, Professional, Tandem
from ..selectors import people
from . import organisation as services


@dataclass
class ImportResult:
    experts_created: int = 0
    experts_updated: int = 0
    professionals_created: int = 0
    professionals_updated: int = 0
    trainings: int = 0
    tandems_created: int = 0
    tandems_updated: int = 0


class ImportFailed(Exception):
    """A row broke a rule only the database could see; nothing was saved."""

    def __init__(self, problem: RowProblem):
        super().__init__(problem.messages[0])
        self.problem = problem


# --- Saving -------------------------------------------------------------------------------


@transaction.atomic
def import_organisation_data(*, plan: ImportPlan, actor) -> ImportResult:
    """Save a checked plan, all or nothing. Raises ImportFailed (and saves nothing) when a row breaks a rule."""
    if not plan.is_valid:
        raise ValueError("An import plan with problems cannot be saved.")
    organisation = plan.organisation
    result = ImportResult()
    experts = {
        e.internal_reference.casefold(): e
        for e in EmployedExpert.objects.select_for_update(of=("self",))
        .filter(organisation=organisation)
        .exclude(internal_reference="")
    }
    professionals = {
        p.internal_reference.casefold(): p
        for p in Professional.objects.select_for_update(of=("self",))
        .filter(organisation=organisation)
        .exclude(internal_reference="")
    }
    row = 0
    try:
        for key, person in plan.experts.items():
            row = person.row
            existing = experts.get(key)
            experts[key] = services.save_expert(
                actor=actor,
                organisation=organisation,
                expert=existing,
                team=person.team,
                member=people.chosen_member(existing),
                initials=person.initials,
                internal_reference=person.reference,
                hours_per_week=person.hours,
                started_on=person.started_on,
                ended_on=person.ended_on,
            )
            if existing:
                result.experts_updated += 1
            else:
                result.experts_created += 1
            trainings = {t.course.casefold(): t for t in experts[key].trainings.all()} if existing else {}
            for training in person.trainings:
                row = training.row
                services.save_training(
                    actor=actor,
                    expert=experts[key],
                    training=trainings.get(training.course.casefold()),
                    course=training.course,
                    started_on=training.started_on,
                    completed_on=training.completed_on,
                    certificate_on=training.certificate_on,
                )
                result.trainings += 1
        for key, person in plan.professionals.items():
            row = person.row
            existing = professionals.get(key)
            professionals[key] = services.save_professional(
                actor=actor,
                organisation=organisation,
                professional=existing,
                team=person.team,
                member=people.chosen_member(existing),
                initials=person.initials,
                internal_reference=person.reference,
            )
            if existing:
                result.professionals_updated += 1
            else:
                result.professionals_created += 1
        for tandem_row in plan.tandems:
            row = tandem_row.row
            expert = experts[tandem_row.expert.casefold()]
            professional = professionals[tandem_row.professional.casefold()]
            existing = Tandem.objects.filter(
                organisation=organisation,
                expert=expert,
                professional=professional,
                started_on=tandem_row.started_on,
            ).first()
            services.save_tandem(
                actor=actor,
                organisation=organisation,
                tandem=existing,
                expert=expert,
                professional=professional,
                team=tandem_row.team,
                started_on=tandem_row.started_on,
                status=tandem_row.status,
                ended_on=tandem_row.ended_on,
                coach=existing.coach if existing else None,
            )
            if existing:
                result.tandems_updated += 1
            else:
                result.tandems_created += 1
    except services.OrganisationDataError as error:
        raise ImportFailed(RowProblem(row=row, messages=[error.message])) from error
    except IntegrityError as error:
        message = _("Someone changed this data at the same moment. Upload the file again.")
        raise ImportFailed(RowProblem(row=row, messages=[message])) from error
    log_action(
        actor=actor,
        action="tandems.organisation.imported",
        target=organisation,
        data=vars(result),
    )
    return result
