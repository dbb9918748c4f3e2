"""Registration views: thin wrappers around samenspel.meetings.services.registration."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.meetings import selectors

from ..access import get_meeting_for, get_meeting_to_organise, may_see_access_needs
from ..forms.registration import CapacityForm, MemberRegistrationForm, RoleLimitsForm, VisitorRegistrationForm
from ..models import Registration, RoleLimit, Visibility
from ..services import registration as services


def _to_meeting(meeting):
    return redirect("meetings:detail", pk=meeting.pk)


def _status_message(request, registration: Registration) -> None:
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. We sent you an email with the details."))
    elif registration.status == Registration.Status.WAITLISTED:
        messages.info(
            request,
            _("The meeting is full. You are on the waitlist. We email you as soon as a place is free for you."),
        )


# --- members -----------------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk):
    meeting = get_meeting_for(request.user, pk)
    form = MemberRegistrationForm(request.POST)  # a posted member id or any other field is ignored
    if not form.is_valid():
        return render(request, "meetings/registration_member.html", {"meeting": meeting, "form": form}, status=400)
    try:
        registration = services.register_member(meeting=meeting, member=request.user, **form.cleaned_data)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        _status_message(request, registration)
    return _to_meeting(meeting)


@login_required
@require_POST
def cancel(request, pk):
    meeting = get_meeting_for(request.user, pk)
    try:
        services.cancel_own(meeting=meeting, member=request.user)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
    return _to_meeting(meeting)


# --- visitors (public meetings) ----------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def register_visitor(request, pk):
    meeting = get_meeting_for(request.user, pk)
    if request.user.is_authenticated:
        messages.info(request, _("You are logged in. Register with your account on this page."))
        return _to_meeting(meeting)
    if meeting.visibility != Visibility.PUBLIC:  # pragma: no cover - anonymous people see only public ones
        return _to_meeting(meeting)
    form = VisitorRegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(  # per client and per address: ACCOUNT_RATE_LIMITS in settings.py
            request, action="meeting_visitor_registration", key=form.cleaned_data["email"].strip().lower()
        ):
            form.add_error(
                None,
                _(
                    "Too many registrations were sent from here or for this email address. "
                    "No email was sent. Try again later."
                ),
            )
            return render(request, "meetings/registration_visitor.html", {"meeting": meeting, "form": form}, status=429)
        try:
            services.register_visitor(meeting=meeting, **form.cleaned_data)
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Almost done. We sent you an email. Click the link in it within 48 hours to confirm. "
                    "Until then, your registration does not count."
                ),
            )
            return _to_meeting(meeting)
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/registration_visitor.html", {"meeting": meeting, "form": form}, status=status)


_LINK_STATUS = {"unknown": 404, "expired": 410, "used": 200, "cancelled": 200}


def _link_invalid(request, error: services.LinkNotUsable, registration=None):
    context = {"reason": error.reason, "registration": registration}
    return render(request, "meetings/registration_link_invalid.html", context, status=_LINK_STATUS[error.reason])


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button; POST confirms. Link checkers in mailboxes that open links do not take seats."""
    registration = selectors.find_registration(token)
    try:
        services.check_confirmable(registration)
        if request.method == "POST":
            registration = services.confirm_visitor(token=token)
            return render(request, "meetings/registration_confirmed.html", {"registration": registration})
    except services.LinkNotUsable as error:
        return _link_invalid(request, error, registration)
    except services.RegistrationError as error:
        context = {"registration": registration, "error": error.message}
        return render(request, "meetings/registration_confirm.html", context, status=409)
    context = {"registration": registration, "expires_at": services.confirmation_expires_at(registration)}
    return render(request, "meetings/registration_confirm.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def cancel_by_link(request, token):
    registration = selectors.find_registration(token)
    if registration is None:
        return _link_invalid(request, services.LinkNotUsable("unknown"))
    if registration.status == Registration.Status.CANCELLED:
        return _link_invalid(request, services.LinkNotUsable("cancelled"), registration)
    error = None
    if request.method == "POST":
        try:
            services.cancel_registration(registration=registration, actor=registration.member)
        except services.RegistrationError as exc:
            error = exc.message
        else:
            return render(request, "meetings/registration_cancelled.html", {"registration": registration})
    context = {"registration": registration, "error": error}
    return render(request, "meetings/registration_cancel.html", context, status=409 if error else 200)


# --- organisers --------------------------------------------------------------------------------


def _participants_page(request, meeting, *, capacity_form=None, limits_form=None, status=200):
    limits = dict(RoleLimit.objects.filter(meeting=meeting).values_list("role", "maximum"))
    context = {
        "meeting": meeting,
        "lists": selectors.participants(meeting),
        "mix": selectors.role_mix(meeting),
        "show_access_needs": may_see_access_needs(request.user, meeting),
        "capacity_form": capacity_form or CapacityForm(initial={"capacity": meeting.capacity}),
        "limits_form": limits_form or RoleLimitsForm(limits=limits),
    }
    return render(request, "meetings/participants.html", context, status=status)


@login_required
@require_safe
def participants(request, pk):
    meeting = get_meeting_to_organise(request.user, pk)
    return _participants_page(request, meeting)


def _promoted_message(request, promoted) -> None:
    if promoted:
        text = ngettext(
            "%(count)s person moved from the waitlist to a place. They get an email.",
            "%(count)s people moved from the waitlist to a place. They get an email.",
            len(promoted),
        )
        messages.info(request, text % {"count": len(promoted)})


@login_required
@require_POST
def change_capacity(request, pk):
    meeting = get_meeting_to_organise(request.user, pk)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            promoted = services.change_capacity(
                meeting=meeting, capacity=form.cleaned_data["capacity"], actor=request.user
            )
        except services.RegistrationError as error:
            form.add_error("capacity", error.message)
        else:
            messages.success(request, _("The number of places is saved."))
            _promoted_message(request, promoted)
            return redirect("meetings:participants", pk=meeting.pk)
    return _participants_page(request, meeting, capacity_form=form, status=400)


@login_required
@require_POST
def change_role_limits(request, pk):
    meeting = get_meeting_to_organise(request.user, pk)
    form = RoleLimitsForm(request.POST)
    if form.is_valid():
        promoted = services.set_role_limits(meeting=meeting, limits=form.limits(), actor=request.user)
        messages.success(request, _("The maximum per role is saved."))
        _promoted_message(request, promoted)
        return redirect("meetings:participants", pk=meeting.pk)
    return _participants_page(request, meeting, limits_form=form, status=400)
