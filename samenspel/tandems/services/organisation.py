"""Every write about an organisation's own data: experts, their training, professionals and tandems.

The forms check what a person typed; these functions check the rules that must always hold,
whoever calls them (a view, the CSV import, the demo):

- a person is a platform member, or has initials (and, best, an internal reference);
- the team, the member links and the tandem's partners belong to the organisation;
- the same person is not recorded twice in one organisation (same member or same reference);
- an end date is never before its start date;
- a tandem pairs two different people of the same organisation;
- a member account is linked to a record only when that member accepts (`services_people`): choosing
  a member here asks them; nobody links a record to their own account, puts themselves in a tandem
  or makes themselves its coach; a coach has the coach role; partner and coach changes are emailed.

A broken rule raises `OrganisationDataError` with a message a person can read, and nothing is saved.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.lib.errors import DomainError
from samenspel.members.models import Member
from samenspel.organisations.models import Organisation, Team

from ..models import EmployedExpert, Professional, Tandem, Training
from ..selectors import people as people_selectors
from . import people
from .history import record_status

HOURS_MIN = Decimal("0.5")
HOURS_MAX = Decimal("40")
INITIALS_MAX = EmployedExpert._meta.get_field("initials").max_length


class OrganisationDataError(DomainError):
    """A rule about an organisation's data is broken. `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


# --- Shared checks ------------------------------------------------------------------------


def _check_team(organisation: Organisation, team: Team) -> None:
    if team is None or team.organisation_id != organisation.pk:
        raise OrganisationDataError(_("Choose a team of this organisation."), field="team")


def _check_person(
    model,
    *,
    organisation: Organisation,
    member: Member | None,
    initials: str,
    reference: str,
    exclude_pk=None,
    new_link: bool = False,
    actor=None,
) -> None:
    if member is None and not initials:
        raise OrganisationDataError(
            _("Choose a platform member, or fill in the initials of the person."), field="initials"
        )
    others = model.objects.filter(organisation=organisation)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if member is not None and new_link and actor is not None and member.pk == actor.pk:
        raise OrganisationDataError(
            _("You cannot link a record to your own account. Ask a coordinator or another representative."),
            field="member",
        )
    if member is not None:
        if not member.is_approved:
            raise OrganisationDataError(_("This person is not an approved member."), field="member")
        if others.filter(member=member).exists():
            raise OrganisationDataError(
                _("This member is already recorded in this organisation. Change that record instead."), field="member"
            )
        if new_link and others.filter(link_requests__member=member, link_requests__status="pending").exists():
            raise OrganisationDataError(
                _("This member has already been asked to confirm another record in this organisation."),
                field="member",
            )
    if reference and others.filter(internal_reference__iexact=reference).exists():
        raise OrganisationDataError(
            _("The internal reference %(reference)s is already used in this organisation.") % {"reference": reference},
            field="internal_reference",
        )


def _check_dates(started_on: datetime.date | None, ended_on: datetime.date | None, *, field: str = "ended_on") -> None:
    if started_on and ended_on and ended_on < started_on:
        raise OrganisationDataError(_("The end date is before the start date."), field=field)


def _check_hours(hours: Decimal) -> None:
    if hours is None or hours < HOURS_MIN or hours > HOURS_MAX:
        raise OrganisationDataError(
            _("Fill in the hours per week: between %(min)s and %(max)s.") % {"min": HOURS_MIN, "max": HOURS_MAX},
            field="hours_per_week",
        )


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _initials_of(name: str) -> str:
    """ "Mohamed Amrani" → "M.A.": what a record shows until the member accepts the link."""
    letters = "".join(f"{part[0].upper()}." for part in name.split() if part[:1].isalpha())
    return letters[:INITIALS_MAX] or "?"


def _link_choice(record, member: Member | None) -> tuple[bool, Member | None]:
    """Whether choosing `member` for `record` changes its link, and the member the record keeps now.

    The record keeps its linked member, or the member its pending request waits for, when the form
    shows them again; any other member is only asked (a request), never linked at once.
    """
    if record is None:
        return member is not None, None
    current = record.member if record.member_id else None
    if member is None:
        return current is not None or people_selectors.pending_link_request(record) is not None, None
    if current is not None and current.pk == member.pk:
        return False, current
    pending = people_selectors.pending_link_request(record)
    if current is None and pending is not None and pending.member_id == member.pk:
        return False, None
    return True, None


def _apply_link(*, actor, record, member: Member | None) -> None:
    """After saving a record whose link changes: end the old link, cancel a pending request, ask `member`."""
    people.unlink_member(actor=actor, record=record)
    people.cancel_link_requests(actor=actor, record=record)
    if member is not None:
        try:
            people.request_member_link(actor=actor, record=record, member=member)
        except people.PeopleError as error:
            raise OrganisationDataError(error.message, field=error.field) from error


# --- Experts by experience ------------------------------------------------------------------


@transaction.atomic
def save_expert(
    *,
    actor,
    organisation: Organisation,
    expert: EmployedExpert | None = None,
    team: Team,
    member: Member | None = None,
    initials: str = "",
    internal_reference: str = "",
    hours_per_week: Decimal,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
) -> EmployedExpert:
    """Add an employed expert by experience, or change one."""
    created = expert is None
    if expert is not None and expert.organisation_id != organisation.pk:
        raise OrganisationDataError(_("This person does not belong to this organisation."))
    initials, internal_reference = _clean(initials), _clean(internal_reference)
    _check_team(organisation, team)
    link_changes, keep_member = _link_choice(expert, member)
    _check_person(
        EmployedExpert,
        organisation=organisation,
        member=member,
        initials=initials,
        reference=internal_reference,
        exclude_pk=None if created else expert.pk,
        new_link=link_changes,
        actor=actor,
    )
    if member is not None and keep_member is None and not initials:
        initials = _initials_of(member.name)
    _check_hours(hours_per_week)
    _check_dates(started_on, ended_on)
    expert = expert or EmployedExpert(organisation=organisation)
    fields = {
        "team": team,
        "member": expert.member if expert.member_id else None,
        "initials": initials,
        "internal_reference": internal_reference,
        "hours_per_week": hours_per_week,
        "started_on": started_on,
        "ended_on": ended_on,
    }
    changed = sorted(fields) if created else [name for name, value in fields.items() if getattr(expert, name) != value]
    for name, value in fields.items():
        setattr(expert, name, value)
    expert.save()
    if link_changes:
        _apply_link(actor=actor, record=expert, member=member)
        changed = sorted({*changed, "member"})
    log_action(
        actor=actor,
        action="tandems.expert.created" if created else "tandems.expert.updated",
        target=expert,
        data={"organisation": organisation.pk, "fields": sorted(changed)},
    )
    return expert


@transaction.atomic
def delete_expert(*, actor, expert: EmployedExpert) -> None:
    """Remove a record made by mistake. An expert in a tandem stays: end the employment instead."""
    if expert.tandems.exists():
        raise OrganisationDataError(
            _("This person is in a tandem. End the tandem and the employment instead of removing the person.")
        )
    log_action(
        actor=actor, action="tandems.expert.deleted", target=expert, data={"organisation": expert.organisation_id}
    )
    expert.delete()


# --- Training -----------------------------------------------------------------------------


@transaction.atomic
def save_training(
    *,
    actor,
    expert: EmployedExpert,
    training: Training | None = None,
    course: str,
    started_on: datetime.date,
    completed_on: datetime.date | None = None,
    certificate_on: datetime.date | None = None,
) -> Training:
    created = training is None
    if training is not None and training.expert_id != expert.pk:
        raise OrganisationDataError(_("This training belongs to someone else."))
    course = _clean(course)
    if not course:
        raise OrganisationDataError(_("Fill in the name of the course."), field="course")
    _check_dates(started_on, completed_on, field="completed_on")
    if certificate_on and started_on and certificate_on < started_on:
        raise OrganisationDataError(
            _("The certificate date is before the start of the course."), field="certificate_on"
        )
    if certificate_on and not completed_on:
        raise OrganisationDataError(_("Fill in when the course was completed."), field="completed_on")
    training = training or Training(expert=expert)
    training.course = course
    training.started_on = started_on
    training.completed_on = completed_on
    training.certificate_on = certificate_on
    training.save()
    log_action(
        actor=actor,
        action="tandems.training.created" if created else "tandems.training.updated",
        target=training,
        data={"expert": expert.pk, "completed": completed_on is not None},
    )
    return training


@transaction.atomic
def delete_training(*, actor, training: Training) -> None:
    log_action(actor=actor, action="tandems.training.deleted", target=training, data={"expert": training.expert_id})
    training.delete()


# --- Professionals --------------------------------------------------------------------------


@transaction.atomic
def save_professional(
    *,
    actor,
    organisation: Organisation,
    professional: Professional | None = None,
    team: Team,
    member: Member | None = None,
    initials: str = "",
    internal_reference: str = "",
) -> Professional:
    created = professional is None
    if professional is not None and professional.organisation_id != organisation.pk:
        raise OrganisationDataError(_("This person does not belong to this organisation."))
    initials, internal_reference = _clean(initials), _clean(internal_reference)
    _check_team(organisation, team)
    link_changes, keep_member = _link_choice(professional, member)
    _check_person(
        Professional,
        organisation=organisation,
        member=member,
        initials=initials,
        reference=internal_reference,
        exclude_pk=None if created else professional.pk,
        new_link=link_changes,
        actor=actor,
    )
    if member is not None and keep_member is None and not initials:
        initials = _initials_of(member.name)
    professional = professional or Professional(organisation=organisation)
    professional.team = team
    professional.initials = initials
    professional.internal_reference = internal_reference
    professional.save()
    if link_changes:
        _apply_link(actor=actor, record=professional, member=member)
    log_action(
        actor=actor,
        action="tandems.professional.created" if created else "tandems.professional.updated",
        target=professional,
        data={"organisation": organisation.pk},
    )
    return professional


@transaction.atomic
def delete_professional(*, actor, professional: Professional) -> None:
    if professional.tandems.exists():
        raise OrganisationDataError(_("This person is in a tandem. End the tandem instead of removing the person."))
    log_action(
        actor=actor,
        action="tandems.professional.deleted",
        target=professional,
        data={"organisation": professional.organisation_id},
    )
    professional.delete()


# --- Tandems --------------------------------------------------------------------------------


def _same_person(expert: EmployedExpert, professional: Professional) -> bool:
    if expert.member_id and expert.member_id == professional.member_id:
        return True
    return bool(
        expert.internal_reference and expert.internal_reference.casefold() == professional.internal_reference.casefold()
    )


@transaction.atomic
def save_tandem(
    *,
    actor,
    organisation: Organisation,
    tandem: Tandem | None = None,
    expert: EmployedExpert,
    professional: Professional,
    team: Team,
    started_on: datetime.date,
    status: str = Tandem.Status.FORMING,
    ended_on: datetime.date | None = None,
    coach: Member | None = None,
) -> Tandem:
    """Form a tandem of an expert by experience and a professional of one organisation, or change it."""
    created = tandem is None
    if tandem is not None and tandem.organisation_id != organisation.pk:
        raise OrganisationDataError(_("This tandem does not belong to this organisation."))
    if expert.organisation_id != organisation.pk:
        raise OrganisationDataError(_("The expert by experience works for another organisation."), field="expert")
    if professional.organisation_id != organisation.pk:
        raise OrganisationDataError(_("The professional works for another organisation."), field="professional")
    if _same_person(expert, professional):
        raise OrganisationDataError(
            _("The expert by experience and the professional are the same person. A tandem is two people."),
            field="professional",
        )
    _check_team(organisation, team)
    if status not in Tandem.Status.values:
        raise OrganisationDataError(_("Choose a status."), field="status")
    _check_dates(started_on, ended_on)
    if status == Tandem.Status.ENDED and ended_on is None:
        raise OrganisationDataError(_("Fill in the end date of a tandem that has ended."), field="ended_on")
    if status != Tandem.Status.ENDED and ended_on is not None:
        raise OrganisationDataError(_("Only a tandem that has ended has an end date."), field="ended_on")
    if expert.ended_on and started_on > expert.ended_on:
        raise OrganisationDataError(
            _("The tandem starts after the employment of the expert by experience has ended."), field="started_on"
        )
    old_expert_id = None if created else tandem.expert_id
    old_professional_id = None if created else tandem.professional_id
    old_coach_id = None if created else tandem.coach_id
    _check_people(
        actor=actor,
        expert=expert if expert.pk != old_expert_id else None,
        professional=professional if professional.pk != old_professional_id else None,
    )
    coach_changes = (coach.pk if coach else None) != old_coach_id
    if coach is not None and coach_changes:
        _check_coach(actor=actor, coach=coach, expert=expert, professional=professional)
    open_pairs = Tandem.objects.filter(expert=expert, professional=professional).exclude(status=Tandem.Status.ENDED)
    if tandem is not None:
        open_pairs = open_pairs.exclude(pk=tandem.pk)
    if status != Tandem.Status.ENDED and open_pairs.exists():
        raise OrganisationDataError(_("These two people already form a tandem."), field="professional")
    tandem = tandem or Tandem(organisation=organisation)
    old_status = tandem.status if not created else None
    former_members = [] if created else [p.member for p in (tandem.expert, tandem.professional) if p.member_id]
    tandem.expert = expert
    tandem.professional = professional
    tandem.team = team
    tandem.started_on = started_on
    tandem.ended_on = ended_on
    tandem.status = status
    tandem.coach = coach
    tandem.save()
    record_status(tandem, old_status=old_status)
    log_action(
        actor=actor,
        action="tandems.tandem.created" if created else "tandems.tandem.updated",
        target=tandem,
        data={"organisation": organisation.pk, "status": status, "old_status": old_status},
    )
    if not created:
        _record_people_changes(
            actor=actor,
            tandem=tandem,
            old={"expert": old_expert_id, "professional": old_professional_id, "coach": old_coach_id},
            former_members=former_members,
        )
    return tandem


def _check_people(*, actor, expert: EmployedExpert | None, professional: Professional | None) -> None:
    """Nobody puts themselves in a tandem (a partner reads the tandem's private reflections)."""
    actor_pk = getattr(actor, "pk", None)
    if actor_pk is None:
        return
    for person, field in ((expert, "expert"), (professional, "professional")):
        if person is not None and person.member_id == actor_pk:
            raise OrganisationDataError(
                _("You cannot put yourself in a tandem. Ask a coordinator or another representative."), field=field
            )


def _check_coach(*, actor, coach: Member, expert: EmployedExpert, professional: Professional) -> None:
    if getattr(actor, "pk", None) == coach.pk:
        raise OrganisationDataError(_("You cannot make yourself the coach of a tandem."), field="coach")
    if not coach.is_approved:
        raise OrganisationDataError(_("The coach must be an approved member."), field="coach")
    if not people_selectors.has_coach_role(coach):
        raise OrganisationDataError(
            _("Only members with the coach role can coach a tandem. The coordinators give that role."), field="coach"
        )
    if coach.pk in {expert.member_id, professional.member_id}:
        raise OrganisationDataError(_("The coach cannot be one of the two partners."), field="coach")


def _record_people_changes(*, actor, tandem: Tandem, old: dict, former_members: list[Member]) -> None:
    """One audit row per changed partner or coach, and an email to the partners (old and new)."""
    new = {"expert": tandem.expert_id, "professional": tandem.professional_id, "coach": tandem.coach_id}
    changed = {name for name in new if new[name] != old[name]}
    for name in sorted(changed):
        log_action(
            actor=actor,
            action="tandems.tandem.coach_changed" if name == "coach" else "tandems.tandem.partner_changed",
            target=tandem,
            data={"role": name, "old": old[name], "new": new[name]},
        )
    if changed:
        still = {tandem.expert.member_id, tandem.professional.member_id}
        people.tell_partners_about_change(
            tandem=tandem,
            expert_changed="expert" in changed,
            professional_changed="professional" in changed,
            coach_changed="coach" in changed,
            former_members=[member for member in former_members if member.pk not in still],
        )


def record_export(*, actor, organisation: Organisation, rows: int) -> None:
    """Exports of personal data are logged (who, which organisation, how many rows)."""
    log_action(actor=actor, action="tandems.organisation.exported", target=organisation, data={"rows": rows})
