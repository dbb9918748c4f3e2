"""During and after a meeting: breakout groups, outcomes, attendance, the report and its attachments.

Writes are keyword-only services under @transaction.atomic that log to the audit trail; the
reads that pages need are here too (one query each, constant in the number of rows).
"""

import secrets
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.lib.errors import DomainError
from samenspel.lib.markdown import render_markdown
from samenspel.notifications.models import Kind
from samenspel.notifications.services import notify

from ..models import Attachment, BreakoutGroup, Meeting, ParticipantRole, Registration, Report, Visibility
from ..selectors import attendance_figures


class AfterwardsError(DomainError):
    """A domain error with a message a person can read."""


# --- reads --------------------------------------------------------------------------------


# --- breakout groups ----------------------------------------------------------------------


def _check_note_taker(meeting: Meeting, note_taker) -> None:
    if note_taker is None:
        return
    is_participant = Registration.objects.filter(
        meeting=meeting, member=note_taker, status=Registration.Status.CONFIRMED
    ).exists()
    if not is_participant:
        raise AfterwardsError(_("The note-taker must be a member who is registered for this meeting."))


@transaction.atomic
def save_group(
    *, meeting: Meeting, actor, name: str, question: str, note_taker=None, group: BreakoutGroup | None = None
) -> BreakoutGroup:
    """Add a group (group=None) or change one: a name, one question and an optional note-taker."""
    _check_note_taker(meeting, note_taker)
    if group is None:
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one position per new group
        last = BreakoutGroup.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
        group = BreakoutGroup.objects.create(
            meeting=meeting,
            name=name,
            question=question,
            note_taker=note_taker,
            position=0 if last is None else last + 1,
        )
        log_action(actor=actor, action="meeting.group.created", target=group, data={"meeting": meeting.pk})
        return group
    if group.meeting_id != meeting.pk:
        raise AfterwardsError(_("This group belongs to another meeting."))
    group.name, group.question, group.note_taker = name, question, note_taker
    group.save(update_fields=["name", "question", "note_taker"])
    log_action(actor=actor, action="meeting.group.changed", target=group, data={"meeting": meeting.pk})
    return group


@transaction.atomic
def delete_group(*, group: BreakoutGroup, actor) -> None:
    """Remove a group; its participants keep their registration without a group."""
    log_action(actor=actor, action="meeting.group.deleted", target=group, data={"meeting": group.meeting_id})
    group.delete()


def balanced_assignment(registrations, groups) -> dict[int, int]:
    """Spread each role round-robin over the groups; group sizes stay within 1 of each other.

    People are dealt out role by role (in the order of ParticipantRole, then no role), by id,
    with one pointer that carries on across roles: the group sizes differ by at most one,
    and within each role the numbers per group differ by at most one too. A note-taker always
    ends up in the group they take notes for: they swap places with someone in that group,
    of the same role where there is one, so the sizes do not change. Pure: no queries.
    """
    group_ids = [group.id for group in groups]
    if not group_ids:
        return {}
    role_order = {role: index for index, role in enumerate(ParticipantRole.values)}
    by_role: dict[str, list] = defaultdict(list)
    for registration in registrations:
        by_role[registration.role or ""].append(registration)
    roles = sorted(by_role, key=lambda role: (role_order.get(role, len(role_order)), role))
    assignment: dict[int, int] = {}
    pointer = 0
    for role in roles:
        for registration in sorted(by_role[role], key=lambda r: r.id):
            assignment[registration.id] = group_ids[pointer % len(group_ids)]
            pointer += 1
    _seat_note_takers(assignment, [r for role in roles for r in by_role[role]], groups)
    return assignment


def _seat_note_takers(assignment: dict[int, int], registrations: list, groups) -> None:
    """Move each note-taker into their own group, swapping with someone who takes no notes there."""
    note_group: dict[int, int] = {}  # member id -> the (first) group they take notes for
    for group in groups:
        member_id = getattr(group, "note_taker_id", None)
        if member_id is not None:
            note_group.setdefault(member_id, group.id)
    if not note_group:
        return
    seated: set[int] = set()  # registration ids that must stay where they are
    role_of = {r.id: r.role or "" for r in registrations}
    for registration in sorted(registrations, key=lambda r: r.id):
        target = note_group.get(getattr(registration, "member_id", None))
        if target is None:
            continue
        current = assignment[registration.id]
        if current != target:
            in_target = sorted(rid for rid, gid in assignment.items() if gid == target and rid not in seated)
            same_role = [rid for rid in in_target if role_of[rid] == role_of[registration.id]]
            swap = (same_role or in_target or [None])[0]
            if swap is not None:
                assignment[swap] = current
            assignment[registration.id] = target
        seated.add(registration.id)


def _apply_assignment(meeting: Meeting, assignment: dict[int, int | None]) -> int:
    registrations = list(
        Registration.objects.select_for_update().filter(meeting=meeting, status=Registration.Status.CONFIRMED)
    )
    changed = []
    for registration in registrations:
        if registration.id in assignment and registration.group_id != assignment[registration.id]:
            registration.group_id = assignment[registration.id]
            changed.append(registration)
    Registration.objects.bulk_update(changed, ["group"], batch_size=500)
    return len(changed)


@transaction.atomic
def assign_by_hand(*, meeting: Meeting, assignment: dict[int, int | None], actor) -> int:
    """Put participants in groups (None: no group). Every id must belong to this meeting."""
    group_ids = set(BreakoutGroup.objects.filter(meeting=meeting).values_list("id", flat=True))
    participant_ids = set(
        Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED).values_list("id", flat=True)
    )
    if not set(assignment) <= participant_ids:
        raise AfterwardsError(_("Someone in the list is not a participant of this meeting. Reload the page."))
    if not {group_id for group_id in assignment.values() if group_id is not None} <= group_ids:
        raise AfterwardsError(_("A group in the list does not belong to this meeting. Reload the page."))
    changed = _apply_assignment(meeting, assignment)
    log_action(actor=actor, action="meeting.groups.assigned", target=meeting, data={"changed": changed})
    return changed


@transaction.atomic
def assign_automatically(*, meeting: Meeting, actor) -> int:
    """Divide all confirmed participants over the groups, with the mix of roles balanced."""
    groups = list(BreakoutGroup.objects.filter(meeting=meeting).order_by("position", "id"))
    if not groups:
        raise AfterwardsError(_("Add a group first."))
    participants = Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED).only(
        "id", "role", "member_id"
    )
    changed = _apply_assignment(meeting, balanced_assignment(participants, groups))
    log_action(actor=actor, action="meeting.groups.assigned_automatically", target=meeting, data={"changed": changed})
    return changed


@transaction.atomic
def save_outcomes(*, group: BreakoutGroup, outcomes: str, actor) -> BreakoutGroup:
    """The note-taker's Markdown, stored with its sanitised HTML."""
    group.outcomes = outcomes
    group.outcomes_html = render_markdown(outcomes)
    group.save(update_fields=["outcomes", "outcomes_html"])
    log_action(actor=actor, action="meeting.group.outcomes_changed", target=group, data={"meeting": group.meeting_id})
    return group


# --- attendance -----------------------------------------------------------------------------


@transaction.atomic
def mark_attendance(*, meeting: Meeting, present_ids, actor) -> dict[str, int]:
    """Mark the confirmed participants in `present_ids` present and the others absent."""
    present_ids = set(present_ids)
    participants = Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED)
    if not present_ids <= set(participants.values_list("id", flat=True)):
        raise AfterwardsError(_("Someone in the list is not a participant of this meeting. Reload the page."))
    participants.filter(id__in=present_ids).update(attended=True)
    participants.exclude(id__in=present_ids).update(attended=False)
    figures = attendance_figures(meeting)
    log_action(actor=actor, action="meeting.attendance.marked", target=meeting, data=figures)
    return figures


# --- the report -------------------------------------------------------------------------------


def _report_for_update(meeting: Meeting) -> Report:
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one report per meeting
    report, _created = Report.objects.select_for_update().get_or_create(meeting=meeting)
    return report


@transaction.atomic
def save_report(*, meeting: Meeting, actor, introduction: str, decisions: str, follow_up: str) -> Report:
    report = _report_for_update(meeting)
    report.introduction, report.introduction_html = introduction, render_markdown(introduction)
    report.decisions, report.decisions_html = decisions, render_markdown(decisions)
    report.follow_up, report.follow_up_html = follow_up, render_markdown(follow_up)
    report.save()
    log_action(actor=actor, action="meeting.report.changed", target=report, data={"meeting": meeting.pk})
    return report


def _participant_registrations(meeting: Meeting) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(meeting=meeting)
        .filter(Q(status=Registration.Status.CONFIRMED) | Q(attended=True))
        .exclude(status=Registration.Status.UNCONFIRMED)
        .select_related("member")
    )


def _notify_participants(meeting: Meeting, report: Report) -> int:
    """Tell each participant who can open the report: members through a notification (emailed as
    they chose), visitors by email (only when the report is public). Returns how many were told."""
    report_url = settings.SITE_URL + reverse("meetings:report", args=[meeting.pk])
    members = []
    sent = 0
    for registration in _participant_registrations(meeting):
        if registration.member_id is not None:
            if registration.member.is_approved:
                members.append(registration.member)
            continue
        if report.visibility != Visibility.PUBLIC:
            continue  # a visitor has no account to open a report for participants or members
        send_templated_email(
            to=registration.contact_email,
            template="meetings/report_published",
            context={"name": registration.display_name, "meeting": meeting, "report_url": report_url},
            language=registration.language or "nl",
        )
        sent += 1
    told = notify(
        recipients=members,
        kind=Kind.REPORT,
        message="report.published",
        params={"meeting": meeting.title},
        link=reverse("meetings:report", args=[meeting.pk]),
    )
    return sent + len(told)


@transaction.atomic
def publish_report(*, meeting: Meeting, visibility: str, actor) -> Report:
    """Publish (or change who may read) the report; participants are emailed the first time."""
    if visibility not in {value for value, _label in Report._meta.get_field("visibility").choices}:
        raise AfterwardsError(_("Choose who may read the report."))
    report = _report_for_update(meeting)
    first_time = report.published_at is None
    report.visibility = visibility
    if first_time:
        report.published_at = timezone.now()
    report.save(update_fields=["visibility", "published_at", "updated_at"])
    notified = _notify_participants(meeting, report) if first_time else 0
    log_action(
        actor=actor,
        action="meeting.report.published" if first_time else "meeting.report.visibility_changed",
        target=report,
        data={"meeting": meeting.pk, "visibility": visibility, "notified": notified},
    )
    return report


@transaction.atomic
def unpublish_report(*, meeting: Meeting, actor) -> Report:
    report = _report_for_update(meeting)
    report.published_at = None
    report.save(update_fields=["published_at", "updated_at"])
    log_action(actor=actor, action="meeting.report.unpublished", target=report, data={"meeting": meeting.pk})
    return report


# --- attachments ------------------------------------------------------------------------------

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODP = "application/vnd.oasis.opendocument.presentation"
EXTENSIONS = {PDF: "pdf", PPTX: "pptx", ODP: "odp"}
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_RATIO = 100  # uncompressed / compressed; real presentations stay far below
MAX_ZIP_UNCOMPRESSED = 500 * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def check_attachment(uploaded) -> CheckedFile:
    """Decide the type by content: PDF (%PDF-), PPTX or ODP (zip with the right structure).

    Refuses empty and too large files, and zips that unpack to far more than they weigh.
    """
    size = uploaded.size or 0
    if size <= 0:
        raise AfterwardsError(_("The file is empty."))
    limit = settings.MEETING_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise AfterwardsError(
            _("The file is too large (%(size)s MB). The maximum is %(max)s MB.")
            % {"size": _megabytes(size), "max": _megabytes(limit)}
        )
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return CheckedFile(PDF, "pdf")
    wrong_type = AfterwardsError(
        _("This file is not a PDF, PPTX or ODP presentation. Save it as one of these and try again.")
    )
    if not head.startswith(b"PK\x03\x04"):
        raise wrong_type
    try:
        with zipfile.ZipFile(uploaded) as archive:
            entries = archive.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries)
            if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_ZIP_UNCOMPRESSED or unpacked > packed * MAX_ZIP_RATIO:
                raise AfterwardsError(_("This file unpacks to far more than it weighs. We do not accept it."))
            names = {entry.filename for entry in entries}
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100).strip()
                if mimetype == ODP.encode():
                    return CheckedFile(ODP, "odp")
                raise wrong_type
            if "[Content_Types].xml" in names and any(name.startswith("ppt/") for name in names):
                return CheckedFile(PPTX, "pptx")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise wrong_type from None
    finally:
        uploaded.seek(0)
    raise wrong_type


def safe_filename(name: str, extension: str) -> str:
    """An ASCII file name for downloads, built from the title; never a path."""
    stem = slugify(Path(name or "").stem)[:80] or "attachment"
    return f"{stem}.{extension}"


@transaction.atomic
def add_attachment(*, meeting: Meeting, uploaded, title: str, actor) -> Attachment:
    """Check the file by content, store it under a random name, and add it to the report."""
    checked = check_attachment(uploaded)
    report = _report_for_update(meeting)
    original = Path(uploaded.name or "").name[:255]
    attachment = Attachment(
        report=report,
        title=(title or Path(original).stem or _("Attachment"))[:150],
        original_name=original,
        content_type=checked.content_type,
        size=uploaded.size,
    )
    attachment.file.save(f"{secrets.token_hex(16)}.{checked.extension}", uploaded, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)  # no file without its row
        raise
    log_action(
        actor=actor,
        action="meeting.report.attachment_added",
        target=attachment,
        data={"meeting": meeting.pk, "type": checked.extension, "size": attachment.size},
    )
    return attachment


def download_name(attachment: Attachment) -> str:
    return safe_filename(attachment.title or attachment.original_name, EXTENSIONS.get(attachment.content_type, "bin"))


@transaction.atomic
def delete_attachment(*, attachment: Attachment, actor) -> None:
    log_action(
        actor=actor,
        action="meeting.report.attachment_deleted",
        target=attachment,
        data={"meeting": attachment.report.meeting_id},
    )
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
