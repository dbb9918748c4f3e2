"""Views for breakout groups, outcomes, attendance and the report: parse, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.circles.access import get_circle_for
from samenspel.lib.downloads import protected_download
from samenspel.meetings import selectors

from .. import access
from ..forms.afterwards import (
    AssignmentForm,
    AttachmentForm,
    CheckinForm,
    GroupForm,
    OutcomesForm,
    PublishForm,
    ReportForm,
)
from ..models import Attachment, BreakoutGroup, Report
from ..services import afterwards


def _group_of(meeting, group_pk) -> BreakoutGroup:
    group = BreakoutGroup.objects.select_related("note_taker").filter(meeting=meeting, pk=group_pk).first()
    if group is None:
        raise Http404
    return group


# --- breakout groups ------------------------------------------------------------------------


def _groups_page(request, meeting, *, group_form=None, assignment_form=None, status=200):
    groups = list(selectors.groups_of(meeting))
    participants = list(selectors.participants_of(meeting))
    context = {
        "meeting": meeting,
        "groups": groups,
        "participants": participants,
        "group_form": group_form or GroupForm(meeting=meeting),
        "assignment_form": assignment_form or AssignmentForm(participants=participants, groups=groups),
    }
    return render(request, "meetings/groups.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def groups(request, pk):
    """The organisers' page: the groups, a form to add one, and who is in which group."""
    meeting = access.get_meeting_to_organise(request.user, pk)
    if request.method in ("GET", "HEAD"):
        return _groups_page(request, meeting)
    form = GroupForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            afterwards.save_group(meeting=meeting, actor=request.user, **form.cleaned_data)
        except afterwards.AfterwardsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The group has been added."))
            return redirect("meetings:groups", pk=meeting.pk)
    return _groups_page(request, meeting, group_form=form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_edit(request, pk, group_pk):
    meeting = access.get_meeting_to_organise(request.user, pk)
    group = _group_of(meeting, group_pk)
    initial = {"name": group.name, "question": group.question, "note_taker": group.note_taker_id}
    form = GroupForm(request.POST if request.method == "POST" else None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            afterwards.save_group(meeting=meeting, group=group, actor=request.user, **form.cleaned_data)
        except afterwards.AfterwardsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The group has been saved."))
            return redirect("meetings:groups", pk=meeting.pk)
    context = {"meeting": meeting, "group": group, "form": form}
    return render(request, "meetings/groups_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_delete(request, pk, group_pk):
    meeting = access.get_meeting_to_organise(request.user, pk)
    group = _group_of(meeting, group_pk)
    if request.method == "POST":
        afterwards.delete_group(group=group, actor=request.user)
        messages.success(request, _("The group has been removed."))
        return redirect("meetings:groups", pk=meeting.pk)
    return render(request, "meetings/groups_delete.html", {"meeting": meeting, "group": group})


@login_required
@require_POST
def group_assign(request, pk):
    """Assign by hand: one select per participant, one form."""
    meeting = access.get_meeting_to_organise(request.user, pk)
    groups = list(selectors.groups_of(meeting))
    participants = list(selectors.participants_of(meeting))
    form = AssignmentForm(request.POST, participants=participants, groups=groups)
    if form.is_valid():
        try:
            afterwards.assign_by_hand(meeting=meeting, assignment=form.assignment(), actor=request.user)
        except afterwards.AfterwardsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The groups have been saved."))
            return redirect("meetings:groups", pk=meeting.pk)
    return _groups_page(request, meeting, assignment_form=form, status=400)


@login_required
@require_POST
def group_auto_assign(request, pk):
    """Divide everyone over the groups with the roles mixed."""
    meeting = access.get_meeting_to_organise(request.user, pk)
    try:
        afterwards.assign_automatically(meeting=meeting, actor=request.user)
    except afterwards.AfterwardsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Everyone has been put in a group, with the roles mixed."))
    return redirect("meetings:groups", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_outcomes(request, pk, group_pk):
    """The note-taker (or an organiser) writes what the group found."""
    group = access.get_group_for_outcomes(request.user, pk, group_pk)
    meeting = group.meeting
    form = OutcomesForm(request.POST if request.method == "POST" else None, initial={"outcomes": group.outcomes})
    if request.method == "POST" and form.is_valid():
        afterwards.save_outcomes(group=group, outcomes=form.cleaned_data["outcomes"], actor=request.user)
        messages.success(request, _("The outcomes have been saved."))
        return redirect("meetings:group_outcomes", pk=meeting.pk, group_pk=group.pk)
    context = {
        "meeting": meeting,
        "group": group,
        "form": form,
        "can_organise": access.can_organise(request.user, meeting),
    }
    return render(request, "meetings/groups_outcomes.html", context, status=400 if form.errors else 200)


# --- attendance -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request, pk):
    """The check-in list (printable) with a checkbox per person; saving marks who was present."""
    meeting = access.get_meeting_to_organise(request.user, pk)
    participants = list(selectors.participants_of(meeting))
    error = None
    if request.method == "POST":
        form = CheckinForm(request.POST, participants=participants)
        if form.is_valid():
            try:
                afterwards.mark_attendance(
                    meeting=meeting, present_ids=form.cleaned_data["present"], actor=request.user
                )
            except afterwards.AfterwardsError as exc:
                error = exc.message
            else:
                messages.success(request, _("Attendance has been saved."))
                return redirect("meetings:checkin", pk=meeting.pk)
        else:
            error = _("Someone in the list is not a participant of this meeting. Reload the page.")
    context = {
        "meeting": meeting,
        "participants": participants,
        "figures": selectors.attendance_figures(meeting),
        "error": error,
    }
    return render(request, "meetings/checkin.html", context, status=400 if error else 200)


@login_required
@require_safe
def circle_attendance(request, slug):
    """Attendance per meeting of one circle, for its organisers."""
    circle = get_circle_for(request.user, slug)
    access.require_organiser(request.user, circle=circle)
    meetings = selectors.circle_attendance(circle)
    return render(request, "meetings/attendance.html", {"circle": circle, "meetings": meetings})


# --- the report -------------------------------------------------------------------------------


@require_safe
def report(request, pk):
    """The report: for organisers always, for others once published and if they may read it."""
    report = access.get_report_for(request.user, pk)
    meeting = report.meeting
    context = {
        "meeting": meeting,
        "report": report,
        "groups": list(selectors.groups_of(meeting)),
        "attachments": selectors.attachments_of(report),
        "can_organise": access.can_organise(request.user, meeting),
        "sees_meeting": access.may_see(request.user, meeting),  # a public report of a members' meeting
    }
    return render(request, "meetings/report.html", context)


def _report_edit_page(request, meeting, *, report_form=None, attachment_form=None, status=200):
    report = selectors.report_of(meeting)
    if report_form is None:
        initial = {}
        if report is not None:
            initial = {
                "introduction": report.introduction,
                "decisions": report.decisions,
                "follow_up": report.follow_up,
            }
        report_form = ReportForm(initial=initial)
    context = {
        "meeting": meeting,
        "report": report,
        "form": report_form,
        "attachment_form": attachment_form or AttachmentForm(),
        "publish_form": PublishForm(initial={"visibility": report.visibility if report else "participants"}),
        "groups": list(selectors.groups_of(meeting)),
        "attachments": selectors.attachments_of(report),
    }
    return render(request, "meetings/report_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_edit(request, pk):
    meeting = access.get_meeting_to_organise(request.user, pk)
    if request.method in ("GET", "HEAD"):
        return _report_edit_page(request, meeting)
    form = ReportForm(request.POST)
    if form.is_valid():
        afterwards.save_report(meeting=meeting, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The report has been saved."))
        return redirect("meetings:report_edit", pk=meeting.pk)
    return _report_edit_page(request, meeting, report_form=form, status=400)


@login_required
@require_POST
def report_publish(request, pk):
    meeting = access.get_meeting_to_organise(request.user, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who may read the report."))
        return redirect("meetings:report_edit", pk=meeting.pk)
    already = Report.objects.filter(meeting=meeting, published_at__isnull=False).exists()
    afterwards.publish_report(meeting=meeting, visibility=form.cleaned_data["visibility"], actor=request.user)
    if already:
        messages.success(request, _("Who may read the report has been changed."))
    else:
        messages.success(request, _("The report has been published. The participants get an email."))
    return redirect("meetings:report_edit", pk=meeting.pk)


@login_required
@require_POST
def report_unpublish(request, pk):
    meeting = access.get_meeting_to_organise(request.user, pk)
    afterwards.unpublish_report(meeting=meeting, actor=request.user)
    messages.success(request, _("The report is no longer published."))
    return redirect("meetings:report_edit", pk=meeting.pk)


@login_required
@require_POST
def attachment_add(request, pk):
    meeting = access.get_meeting_to_organise(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            afterwards.add_attachment(
                meeting=meeting,
                uploaded=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                actor=request.user,
            )
        except afterwards.AfterwardsError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("The file has been added to the report."))
            return redirect("meetings:report_edit", pk=meeting.pk)
    return _report_edit_page(request, meeting, attachment_form=form, status=400)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    meeting = access.get_meeting_to_organise(request.user, pk)
    attachment = Attachment.objects.select_related("report").filter(report__meeting=meeting, pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    afterwards.delete_attachment(attachment=attachment, actor=request.user)
    messages.success(request, _("The file has been removed from the report."))
    return redirect("meetings:report_edit", pk=meeting.pk)


@require_safe
def attachment(request, pk):
    """Serve a report's file to those who may read the report, as a download with a safe type."""
    attachment = access.get_attachment_for(request.user, pk)
    return protected_download(
        attachment.file, filename=afterwards.download_name(attachment), content_type=attachment.content_type
    )


# --- the archive ------------------------------------------------------------------------------

ARCHIVE_FIRST_YEAR = 2000


@require_safe
def archive(request):
    """Past meetings: the years there are; the newest year's meetings are one click away."""
    years = selectors.archive_years(request.user)
    if years:
        return redirect("meetings:archive_year", year=years[0][0])
    return render(request, "meetings/archive.html", {"years": [], "months": [], "year": None})


@require_safe
def archive_year(request, year):
    """One year of past meetings, by month, with a link to each report the viewer may read."""
    if not ARCHIVE_FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    context = {
        "year": year,
        "years": selectors.archive_years(request.user),
        "months": selectors.archive_of(request.user, year),
    }
    return render(request, "meetings/archive.html", context)
