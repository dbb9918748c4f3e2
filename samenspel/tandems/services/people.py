"""Who is who around a tandem: the coach role, links between records and member accounts, and the
emails when a tandem's partners or coach change.

The rules that keep private reflections private:

- Coaches are members with the coach role (`CoachRole`). Coordinators give and take it; nobody
  gives it to themselves. Taking it away also takes the member off every tandem they coach.
- Linking an expert or professional record to a member account needs that member's own
  acceptance: `request_member_link` only writes a pending request and emails the member; the
  record stays without a member until the member accepts while logged in. Nobody asks a link to
  their own account, and only the invited member decides.
- Every change of a tandem's partner or coach is audited and emailed to the partners.

A broken rule raises `OrganisationDataError` (from services_organisation) with a readable message.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.lib.errors import DomainError
from samenspel.members.models import Member

from ..models import CoachRole, EmployedExpert, MemberLinkRequest, Professional, Tandem


class PeopleError(DomainError):
    """A rule about coaches or member links is broken; `message` can be shown to the person."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


# --- The coach role -------------------------------------------------------------------------


@transaction.atomic
def grant_coach_role(*, actor: Member, member: Member) -> CoachRole:
    """A coordinator makes an approved member a coach (someone else: nobody makes themselves coach)."""
    if member.pk == actor.pk:
        raise PeopleError(_("You cannot make yourself a coach. Ask another coordinator."), field="member")
    if not member.is_approved:
        raise PeopleError(_("Only an approved member can be a coach."), field="member")
    role, created = CoachRole.objects.get_or_create(member=member, defaults={"granted_by": actor})
    if not created:
        raise PeopleError(_("This member is a coach already."), field="member")
    log_action(actor=actor, action="tandems.coach_role.granted", target=role, data={"member": member.pk})
    return role


@transaction.atomic
def revoke_coach_role(*, actor: Member, role: CoachRole) -> int:
    """Take the coach role away. The member stops coaching every tandem they coach (partners get an email).

    Returns how many tandems lost their coach.
    """
    member = role.member
    tandems = list(
        Tandem.objects.select_for_update(of=("self",))
        .filter(coach=member)
        .select_related("organisation", "expert__member", "professional__member", "coach")
    )
    for tandem in tandems:
        tandem.coach = None
        tandem.save(update_fields=["coach"])
        log_action(
            actor=actor,
            action="tandems.tandem.coach_changed",
            target=tandem,
            data={"old": member.pk, "new": None, "reason": "coach_role_revoked"},
        )
        tell_partners_about_change(tandem=tandem, coach_changed=True)
    log_action(
        actor=actor,
        action="tandems.coach_role.revoked",
        target=member,
        data={"member": member.pk, "tandems": len(tandems)},
    )
    role.delete()
    return len(tandems)


# --- Emails about a tandem's people -------------------------------------------------------------


def partner_members(tandem: Tandem) -> list[Member]:
    return [person.member for person in (tandem.expert, tandem.professional) if person.member_id]


def tell_partners_about_change(
    *,
    tandem: Tandem,
    expert_changed: bool = False,
    professional_changed: bool = False,
    coach_changed: bool = False,
    former_members: list[Member] | None = None,
) -> None:
    """Email the tandem's partners (and partners who were just replaced) what changed, in their language.

    The emails are queued once the transaction commits, as all emails are.
    """
    recipients: dict[int, Member] = {}
    for member in [*partner_members(tandem), *(former_members or [])]:
        if member is not None and member.is_active:
            recipients.setdefault(member.pk, member)
    for member in recipients.values():
        send_templated_email(
            to=member.email,
            template="tandems/tandem_changed",
            context={
                "member": member,
                "organisation_name": tandem.organisation.name,
                "expert_label": tandem.expert.label,
                "professional_label": tandem.professional.label,
                "coach_name": tandem.coach.name if tandem.coach_id else "",
                "expert_changed": expert_changed,
                "professional_changed": professional_changed,
                "coach_changed": coach_changed,
                "still_partner": member.pk in {m.pk for m in partner_members(tandem)},
            },
            language=member.preferred_language,
        )


# --- Links between records and member accounts ----------------------------------------------


def _record_fields(record: EmployedExpert | Professional) -> dict:
    return {"expert": record} if isinstance(record, EmployedExpert) else {"professional": record}


def _kind(record: EmployedExpert | Professional) -> str:
    return "expert" if isinstance(record, EmployedExpert) else "professional"


def cancel_link_requests(*, actor, record: EmployedExpert | Professional) -> int:
    """Cancel the record's pending request (the representative chose someone else, or nobody)."""
    requests = list(
        MemberLinkRequest.objects.select_for_update().filter(
            status=MemberLinkRequest.Status.PENDING, **_record_fields(record)
        )
    )
    for request in requests:
        request.status = MemberLinkRequest.Status.CANCELLED
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_at"])
        log_action(
            actor=actor,
            action="tandems.member_link.cancelled",
            target=request,
            data={_kind(record): record.pk, "member": request.member_id},
        )
    return len(requests)


def _tandems_of(record: EmployedExpert | Professional):
    return record.tandems.select_related("organisation", "expert__member", "professional__member", "coach")


def unlink_member(*, actor, record: EmployedExpert | Professional) -> None:
    """Take the member link off a record at once (the member loses what it gave them). Partners are told."""
    former = record.member if record.member_id else None
    if former is None:
        return
    record.member = None
    record.save(update_fields=["member", "updated_at"])
    log_action(
        actor=actor,
        action="tandems.member_link.removed",
        target=record,
        data={_kind(record): record.pk, "member": former.pk},
    )
    for tandem in _tandems_of(record):
        tell_partners_about_change(
            tandem=tandem,
            expert_changed=isinstance(record, EmployedExpert),
            professional_changed=isinstance(record, Professional),
            former_members=[former],
        )


def request_member_link(*, actor, record: EmployedExpert | Professional, member: Member) -> MemberLinkRequest:
    """Ask `member` to confirm that they are the person of `record`. Nothing is linked until they accept.

    Call inside a transaction, after the record is saved. Replaces a pending request for the record.
    """
    if member.pk == actor.pk:
        raise PeopleError(
            _("You cannot link a record to your own account. Ask a coordinator or another representative."),
            field="member",
        )
    if not member.is_approved:
        raise PeopleError(_("This person is not an approved member."), field="member")
    cancel_link_requests(actor=actor, record=record)
    request = MemberLinkRequest.objects.create(member=member, requested_by=actor, **_record_fields(record))
    log_action(
        actor=actor,
        action="tandems.member_link.requested",
        target=request,
        data={_kind(record): record.pk, "member": member.pk},
    )
    path = reverse("tandems:link_request", kwargs={"pk": request.pk})
    send_templated_email(
        to=member.email,
        template="tandems/link_request",
        context={
            "member": member,
            "organisation_name": record.organisation.name,
            "team_name": record.team.name,
            "is_expert": isinstance(record, EmployedExpert),
            "requested_by_name": actor.name if getattr(actor, "pk", None) else "",
            "path": path,
        },
        language=member.preferred_language,
    )
    return request


def _lock_pending(request: MemberLinkRequest, member: Member) -> MemberLinkRequest:
    locked = MemberLinkRequest.objects.select_for_update().filter(pk=request.pk).first()
    if locked is None or locked.member_id != member.pk:
        raise PeopleError(_("This request is not for you."))
    if locked.status != MemberLinkRequest.Status.PENDING:
        raise PeopleError(_("This request has been answered or withdrawn already."))
    return locked


@transaction.atomic
def accept_member_link(*, member: Member, request: MemberLinkRequest) -> EmployedExpert | Professional:
    """The invited member, logged in, confirms: the record is linked to their account now."""
    request = _lock_pending(request, member)
    model = EmployedExpert if request.expert_id else Professional
    record = (
        model.objects.select_for_update()
        .select_related("organisation", "team")
        .get(pk=request.expert_id or request.professional_id)
    )
    if not member.is_approved:
        raise PeopleError(_("Only an approved member can accept this request."))
    if model.objects.filter(organisation=record.organisation, member=member).exclude(pk=record.pk).exists():
        raise PeopleError(
            _("You are already recorded in this organisation. Ask the organisation to change that record instead.")
        )
    request.status = MemberLinkRequest.Status.ACCEPTED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    former = record.member if record.member_id else None
    record.member = member
    record.save(update_fields=["member", "updated_at"])
    log_action(
        actor=member,
        action="tandems.member_link.accepted",
        target=request,
        data={_kind(record): record.pk, "member": member.pk, "former_member": former.pk if former else None},
    )
    for tandem in _tandems_of(record):
        tell_partners_about_change(
            tandem=tandem,
            expert_changed=model is EmployedExpert,
            professional_changed=model is Professional,
            former_members=[former] if former else None,
        )
    return record


@transaction.atomic
def decline_member_link(*, member: Member, request: MemberLinkRequest) -> MemberLinkRequest:
    """The invited member says no: nothing is linked."""
    request = _lock_pending(request, member)
    request.status = MemberLinkRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    log_action(
        actor=member,
        action="tandems.member_link.declined",
        target=request,
        data={"expert": request.expert_id, "professional": request.professional_id, "member": member.pk},
    )
    return request
