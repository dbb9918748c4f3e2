"""Reads about who is who around tandems: coach roles and member link requests."""

from __future__ import annotations

from samenspel.members.models import Member

from ..models import CoachRole, EmployedExpert, MemberLinkRequest, Professional


def _record_fields(record: EmployedExpert | Professional) -> dict:
    return {"expert": record} if isinstance(record, EmployedExpert) else {"professional": record}


def has_coach_role(member: Member | None) -> bool:
    return bool(member is not None and member.pk and CoachRole.objects.filter(member_id=member.pk).exists())


def pending_link_request(record: EmployedExpert | Professional) -> MemberLinkRequest | None:
    if record.pk is None:
        return None
    return (
        MemberLinkRequest.objects.filter(status=MemberLinkRequest.Status.PENDING, **_record_fields(record))
        .select_related("member")
        .first()
    )


def chosen_member(record: EmployedExpert | Professional | None) -> Member | None:
    """The member a record is linked to, or the one its pending request waits for: what "keep as it is"
    means when the record is saved again (the CSV import)."""
    if record is None:
        return None
    if record.member_id:
        return record.member
    pending = pending_link_request(record)
    return pending.member if pending is not None else None
