"""Views for planning meetings: list, detail, create/edit, series, publish, cancel, mark as held."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Min
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.circles.models import Circle
from samenspel.circles.selectors import circle_roles_on
from samenspel.core import parts as core_parts
from samenspel.core.cache_version import cache_key, cached, keyed
from samenspel.core.roles import is_approved_member
from samenspel.core.whole_page import visitor_page

from .. import access, selectors
from ..cards import cards_for, cards_html
from ..forms.planning import CancelForm, MeetingFilterForm, MeetingForm, SeriesForm
from ..forms.registration import MemberRegistrationForm, VisitorRegistrationForm
from ..models import BreakoutGroup, Registration, Visibility
from ..services import planning

PAGE_SIZE = 20

# The list without filters is the same for every viewer who may see the same meetings (visitors;
# members with the same circles; coordinators): its count and pages are kept in this process's
# cache under every meeting's version summed (`meeting:*`, which a save or deletion of a meeting
# and every raise of its revision bump, see revisions.py), until its first meeting ends. A member's
# own statuses on a page are kept under the same keys: every registration bumps its meeting.
LIST_KEYS = ("meeting:*",)


@visitor_page
@keyed("circle-name:*", *LIST_KEYS)  # the filter's circles and the list: read in one query
@require_safe
def meeting_list(request):
    circles = _filter_circles(request)
    # Without filters the form is not made at all: its rendering is cached (400 circles as choices
    # took 1-2 ms a request at 100x data).
    form = MeetingFilterForm(request.GET, circles=circles) if request.GET else None
    if form is not None:
        form.is_valid()  # invalid filters show an error and are left out
    filters = form.filters() if form is not None else MeetingFilterForm.NO_FILTERS
    roles = circle_roles_on(request)
    if set(request.GET) <= {"page"}:
        page, cards = _unfiltered_page(request, roles)
    else:
        meetings = selectors.meetings_for_list(request.user, roles=roles, **filters)
        page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
        # The viewer's own status on each card: rendered once per meeting, revision and status (cards.py).
        cards = cards_html(page.object_list, heading_level=3)
    context = {
        "form": form,
        "form_html": "" if form is not None else _filter_form_html(circles),
        "page": page,
        "cards": cards,
        "may_plan": access.may_plan_meetings(request.user, roles=roles),
    }
    return render(request, "meetings/meeting_list.html", context)


def _unfiltered_page(request, roles: dict[int, str]):
    """A page of the upcoming meetings the viewer may see, as `Paginator.get_page` gives it, and its
    cards. Kept in this process's cache under LIST_KEYS: the count, and per page only what the cards'
    key needs (each meeting's id and revision) for everyone who sees the same meetings; the viewer's
    own statuses on the page for each member. The meetings themselves are read only to render cards
    that are not kept yet."""
    user, now = request.user, timezone.now()
    audience = access.audience_of(user, roles=roles)

    def count_and_first_end():
        upcoming = selectors.meetings_for_list(user, roles=roles).order_by()
        found = upcoming.aggregate(count=Count("pk"), first_end=Min("ends_at"))
        return found["count"], found["first_end"]

    count, first_end = _fresh(request, (audience, "count"), count_and_first_end, now)
    page = Paginator(range(count), PAGE_SIZE).get_page(request.GET.get("page"))
    bottom = (page.number - 1) * PAGE_SIZE

    def rows():
        meetings = selectors.meetings_for_list(user, roles=roles, with_status=False)
        return list(meetings[bottom : bottom + PAGE_SIZE])

    # The page is keyed by the count's entry too: a list read again when a meeting ended gets new pages.
    shown = _fresh(request, (audience, "page", page.number, count, first_end), lambda: _revisions(rows()), now)
    ids = tuple(pk for pk, _revision in shown)
    statuses = {}
    if user.is_authenticated and ids:
        # Every registration bumps its meeting's version, which LIST_KEYS sums: exact for this member.
        statuses = _fresh(request, ("my-statuses", user.pk, ids), lambda: selectors.my_statuses(user, ids), now)

    def meetings():
        found = rows()
        for meeting in found:
            meeting.my_status = statuses.get(meeting.pk, "")
        return found

    cards = cards_for(((pk, revision, statuses.get(pk, "")) for pk, revision in shown), meetings, heading_level=3)
    return page, cards


def _revisions(meetings) -> tuple[tuple[int, int], ...]:
    return tuple((meeting.pk, meeting.revision) for meeting in meetings)


def _fresh(request, parts: tuple, compute, now):
    """`compute()` kept under LIST_KEYS, read again once the first meeting it counted has ended."""
    key = cache_key(request, ("meeting-list", *parts), keys=LIST_KEYS)
    entry = caches["pages"].get(key)
    if entry is None or (entry[1] is not None and entry[1] < now):
        value = compute()
        first_end = value[1] if parts[-1] == "count" else None
        entry = (value, first_end)
        caches["pages"].set(key, entry, LIST_PARTS_SECONDS)
    return entry[0]


# The list's parts are kept in this process's cache: a change makes new keys at once, so this only
# bounds how long parts that are no longer asked for take up room.
LIST_PARTS_SECONDS = 60 * 60


def _filter_circles(request) -> tuple[tuple[int, str], ...]:
    """The (id, name) of the active circles for the filter, from the cache under every circle's
    `circle-name` version (a circle's save bumps it: a new name, a circle closed or opened)."""

    def load():
        return tuple(Circle.objects.filter(is_active=True).order_by("name").values_list("pk", "name"))

    return cached(request, ("meeting-filter-circles",), load, keys=["circle-name:*"])


def _filter_form_html(circles) -> str:
    """The empty filter form: the same for everyone, but for the circles' names."""
    return core_parts.rendered(
        "meetings:meeting-filters",
        tuple(circles),
        "includes/form.html",
        lambda: {"form": MeetingFilterForm(circles=circles), "heading_level": 3},  # made on a miss only
    )


@visitor_page
@keyed("meeting:{pk}")  # every change the page shows bumps it (meetings.revisions)
@require_safe
def meeting_detail(request, pk):
    roles = circle_roles_on(request)
    meeting = selectors.meeting_for_page(request.user, pk, roles=roles)
    # What all viewers see alike (places, report, trajectory) is cached per meeting revision.
    state = selectors.page_state(meeting)
    can_organise = access.can_organise(request.user, meeting, roles=roles)
    registration = selectors.registration_of(request.user, meeting, state)
    context = {
        "meeting": meeting,
        "state": state,
        "can_organise": can_organise,
        "registration": registration,
        "places_left": max(meeting.capacity - state.confirmed, 0),
        # What this viewer may do is decided here, for every request; the template only shows it.
        "box": registration_box(request.user, meeting, registration, can_organise, state),
        "afterwards": afterwards_box(request.user, meeting, can_organise, state),
    }
    return render(request, "meetings/meeting_detail.html", context)


def registration_box(user, meeting, registration, can_organise: bool, state: selectors.PageState) -> dict:
    """What the registration box shows this viewer: places, the online link, which form."""
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    box = {
        "counts": state.counts,
        "is_open": meeting.registration_is_open,
        "now": timezone.now(),
        "shows_online_link": bool(meeting.online_url) and (confirmed or can_organise),
        "position": selectors.waitlist_position(registration),
        # Which form the box shows: "member", "visitor" or None. The forms themselves are made only
        # when their cached rendering is missing (a template calls a callable when it resolves it).
        "form": None,
        "member_form": lambda: MemberRegistrationForm(auto_id="id_registration_%s"),
        "visitor_form": lambda: VisitorRegistrationForm(auto_id="id_visitor_%s"),
    }
    if registration is None and box["is_open"] and access.may_register(user, meeting):
        if user.is_authenticated:
            box["form"] = "member"
        elif meeting.visibility == Visibility.PUBLIC:
            box["form"] = "visitor"
    return box


def afterwards_box(user, meeting, can_organise: bool, state: selectors.PageState) -> dict:
    """Whether the report is published and readable by this viewer, and the groups they take notes for."""
    report = state.report
    my_groups = []
    if user.pk in state.note_taker_ids and is_approved_member(user):
        my_groups = list(BreakoutGroup.objects.filter(meeting=meeting, note_taker=user).order_by("position", "id"))
    return {
        "published": bool(report and report.published_at),
        "may_read": access.may_read_report(user, meeting, report, organiser=can_organise),
        "my_groups": my_groups,
    }


def _require_planner(user) -> None:
    if not access.may_plan_meetings(user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request):
    _require_planner(request.user)
    initial = {}
    if request.method in ("GET", "HEAD") and request.GET.get("circle", "").isdigit():
        initial["circle"] = int(request.GET["circle"])
    form = MeetingForm(request.POST if request.method == "POST" else None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        circle = form.cleaned_data["circle"]
        access.require_organiser(request.user, circle=circle)  # circle None: coordinators only
        try:
            meeting = planning.create_meeting(actor=request.user, circle=circle, **form.meeting_fields())
        except planning.PlanningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is saved as a draft. Publish it when it is ready."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request, pk):
    meeting = access.get_meeting_to_organise(request.user, pk)
    if meeting.status not in (meeting.Status.DRAFT, meeting.Status.PUBLISHED):
        messages.error(request, _("A cancelled or held meeting cannot be changed."))
        return redirect("meetings:detail", pk=meeting.pk)
    form = MeetingForm(request.POST if request.method == "POST" else None, user=request.user, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            planning.update_meeting(actor=request.user, meeting=meeting, **form.meeting_fields())
        except planning.PlanningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def series_create(request):
    _require_planner(request.user)
    form = SeriesForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        access.require_organiser(request.user, circle=data["circle"])
        fields = {name: data[name] for name in form.fields}
        fields["location"] = fields["location"].strip()
        try:
            result = planning.create_series(actor=request.user, **fields)
        except planning.PlanningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(count)d meetings have been planned. You change or cancel them one at a time.")
                % {"count": len(result.meetings)},
            )
            return redirect("meetings:list")
    return render(request, "meetings/series_form.html", {"form": form})


def _status_action(request, pk, service, success: str):
    meeting = access.get_meeting_to_organise(request.user, pk)
    try:
        service(actor=request.user, meeting=meeting)
    except planning.PlanningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_publish(request, pk):
    return _status_action(request, pk, planning.publish_meeting, _("The meeting is published."))


@login_required
@require_POST
def meeting_mark_held(request, pk):
    return _status_action(request, pk, planning.mark_held, _("The meeting is marked as held."))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_cancel(request, pk):
    meeting = access.get_meeting_to_organise(request.user, pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            planning.cancel_meeting(actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"])
        except planning.PlanningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The meeting is cancelled. We email everyone who registered."))
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_cancel.html", {"form": form, "meeting": meeting})
