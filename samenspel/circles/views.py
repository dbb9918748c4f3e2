from allauth.account.adapter import get_adapter as get_account_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.consultations.selectors.circles import circle_documents_for, open_circle_rounds_for
from samenspel.core import circle_page, parts
from samenspel.core.cache_version import cached, fragment_context, keyed
from samenspel.core.roles import is_approved_member, is_coordinator, require_coordinator
from samenspel.core.whole_page import visitor_page
from samenspel.lib.errors import DomainError
from samenspel.meetings.selectors import upcoming_for_circle_members_only_on_page, upcoming_on_page
from samenspel.members.models import Member

from . import access, selectors, services
from .access import get_circle_for
from .cache_keys import CARDS_KEY
from .cards import cards_html
from .forms import CircleForm, CircleMessageForm, CircleUpdateForm, DecisionForm, InviteForm, JoinForm, LeadForm
from .models import Circle, CircleMembership

LATEST_UPDATES_ON_PAGE = 10
UPDATES_PAGE_SIZE = 20
MEMBERS_PAGE_SIZE = 50


@visitor_page
@keyed(CARDS_KEY)
@require_safe
def circle_list(request):
    # Lazy: put together only when the template's cached fragment is missing (circles.cards).
    context = {"cards": SimpleLazyObject(lambda: cards_html(heading_level=2)), **fragment_context(request, CARDS_KEY)}
    return render(request, "circles/circle_list.html", context)


UPCOMING_ON_CIRCLE_PAGE = 3


@visitor_page
@keyed("circle:{slug}", "circle-card:{slug}", "circle-name:{slug}")
@require_safe
def circle_detail(request, slug):
    # The circle (with its member count and leads) is the same for everyone: cached under its
    # card's version, which every change to it, its memberships and its leads' names bumps, and a
    # new update does not (circles.cache_keys). Who may see it is decided for every request, never
    # cached (an unknown slug is not cached either). The page's fragment: under `circle:<slug>`.
    keys = (f"circle:{slug}",)
    circle = access.visible_circle(
        request.user,
        cached(request, ("circle", slug), lambda: selectors.circle_with_counts(slug), keys=[f"circle-card:{slug}"]),
    )
    membership = access.membership_of(request.user, circle)
    can_manage = access.can_manage_circle(request.user, circle, membership)
    # Run only when the template's cached fragment of the updates is missing.
    updates = SimpleLazyObject(lambda: list(selectors.updates_of(circle)[: LATEST_UPDATES_ON_PAGE + 1]))
    meetings = upcoming_on_page(request, circle=circle, limit=UPCOMING_ON_CIRCLE_PAGE)
    is_lead = access.is_circle_lead(request.user, circle, membership)
    members_only = (
        []
        if access.is_active_member(request.user, circle, membership) or is_coordinator(request.user)
        else upcoming_for_circle_members_only_on_page(
            request, circle, hide={m.pk for m in meetings}, limit=UPCOMING_ON_CIRCLE_PAGE
        )
    )
    # The circle's own consultations: only for its members and coordinators (no queries for others).
    sees_consultations = is_coordinator(request.user) or access.is_active_member(request.user, circle, membership)
    context = {
        **fragment_context(request, *keys),
        "circle": circle,
        "membership": membership,
        "is_approved": is_approved_member(request.user),
        "is_coordinator": is_coordinator(request.user),
        "is_lead": is_lead,
        "circle_documents": circle_documents_for(request.user, circle) if sees_consultations else [],
        "circle_rounds": open_circle_rounds_for(request.user, circle) if sees_consultations else [],
        "can_manage": can_manage,
        "can_invite": access.can_invite(request.user, circle, membership),
        "updates": updates,
        "latest_updates_on_page": LATEST_UPDATES_ON_PAGE,
        "meetings": meetings,
        # Members-only meetings the viewer may not open: named, with how to join the circle.
        "members_only_meetings": members_only,
        "members_only_html": _members_only_html(members_only, circle.join_policy),
        "request_count": selectors.pending_request_count(circle) if can_manage else 0,
        "join_form": JoinForm(),
        # What other apps add (opportunities: the circle's own figures).
        "extra_sections": circle_page.sections_for(request, circle),
    }
    return render(request, "circles/circle_detail.html", context)


def _members_only_html(meetings, join_policy: str) -> str:
    """The members-only meetings a viewer may not open, rendered once per meeting revisions (a
    meeting's title or time raises its revision) and the circle's way of joining."""
    if not meetings:
        return ""
    key = (join_policy, *((meeting.pk, meeting.revision) for meeting in meetings))
    template = "circles/includes/members_only_meetings.html"
    return parts.rendered(
        "circles:members-only", key, template, lambda: {"meetings": meetings, "join_policy": join_policy}
    )


@require_safe
def circle_updates(request, slug):
    circle = get_circle_for(request.user, slug)
    page = Paginator(selectors.updates_of(circle), UPDATES_PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = access.can_manage_circle(request.user, circle)
    return render(request, "circles/update_list.html", {"circle": circle, "page": page, "can_manage": can_manage})


# --- joining and leaving -------------------------------------------------------------------


@login_required
@require_POST
def join(request, slug):
    circle = get_circle_for(request.user, slug)
    access.require_member(request.user)
    form = JoinForm(request.POST)
    if not form.is_valid():
        return render(request, "circles/join_form.html", {"circle": circle, "form": form})
    membership, created = services.join_circle(circle=circle, member=request.user, **form.cleaned_data)
    if membership.status == CircleMembership.Status.REQUESTED:
        messages.success(request, _("You asked to join. A circle lead will decide soon. You will get an email."))
    elif created:
        messages.success(request, _("Welcome! You are now a member of this circle."))
    else:
        messages.info(request, _("You are already a member of this circle."))
    return redirect("circles:detail", slug=circle.slug)


@require_safe
def sign_up_for_circle(request, slug):
    """A visitor joins the network from a circle page: the circle is remembered in the session.

    After a coordinator approves the sign-up, they are in the circle (or their request waits for
    the circle lead, in a circle that works on request). Someone with an account goes back to the circle.
    """
    circle = get_circle_for(request.user, slug)
    if request.user.is_authenticated:
        return redirect("circles:detail", slug=circle.slug)
    services.remember_circle_for_sign_up(session=request.session, circle=circle)
    return redirect("account_signup")


@login_required
@require_POST
def leave(request, slug):
    circle = get_circle_for(request.user, slug)
    access.require_member(request.user)
    try:
        membership = services.leave_circle(circle=circle, member=request.user)
    except services.CircleError as error:
        messages.error(request, error.message)
    else:
        if membership.status == CircleMembership.Status.REQUESTED:
            messages.success(request, _("Your request to join has been withdrawn."))
        else:
            messages.success(request, _("You have left the circle."))
    return redirect("circles:detail", slug=circle.slug)


@login_required
@require_safe
def members(request, slug):
    """Who is in the circle, for its kartrekkers: name, role, since when; themes as each member allows."""
    circle = get_circle_for(request.user, slug)
    access.require_can_see_members(request.user, circle)
    page = Paginator(selectors.members_of(circle), MEMBERS_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(m, access.visible_themes(request.user, m.member)) for m in page.object_list]
    return render(request, "circles/members.html", {"circle": circle, "page": page, "rows": rows})


@login_required
@require_safe
def requests(request, slug):
    circle = get_circle_for(request.user, slug)
    access.require_circle_lead(request.user, circle)
    return render(request, "circles/requests.html", {"circle": circle, "requests": selectors.pending_requests(circle)})


@login_required
@require_POST
def request_decide(request, slug, pk):
    circle = get_circle_for(request.user, slug)
    membership = access.get_request_for(request.user, circle, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose approve or refuse."))
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.decide_request(membership=membership, approve=approve, actor=request.user)
    except services.CircleError as error:
        messages.error(request, error.message)
    else:
        if approve:
            messages.success(request, _("%(name)s is now a member of the circle.") % {"name": membership.member.name})
        else:
            messages.success(request, _("The request of %(name)s was refused.") % {"name": membership.member.name})
    return redirect("circles:requests", slug=circle.slug)


# --- updates ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def update_create(request, slug):
    circle = get_circle_for(request.user, slug)
    access.require_circle_lead(request.user, circle)
    form = CircleUpdateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.post_update(circle=circle, author=request.user, **form.cleaned_data)
        messages.success(request, _("Your update has been posted."))
        return redirect("circles:detail", slug=circle.slug)
    return render(request, "circles/update_form.html", {"circle": circle, "form": form, "update": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def update_edit(request, slug, pk):
    circle = get_circle_for(request.user, slug)
    update = access.get_update_for(request.user, circle, pk)
    initial = {"title": update.title, "body": update.body}
    form = CircleUpdateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.edit_update(update=update, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The update has been saved."))
        return redirect("circles:detail", slug=circle.slug)
    return render(request, "circles/update_form.html", {"circle": circle, "form": form, "update": update})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def update_delete(request, slug, pk):
    circle = get_circle_for(request.user, slug)
    update = access.get_update_for(request.user, circle, pk)
    if request.method == "POST":
        services.delete_update(update=update, actor=request.user)
        messages.success(request, _("The update has been deleted."))
        return redirect("circles:detail", slug=circle.slug)
    return render(request, "circles/update_delete.html", {"circle": circle, "update": update})


# --- messages to the whole circle -------------------------------------------------------------

MESSAGES_PAGE_SIZE = 20


@login_required
@require_safe
def circle_messages(request, slug):
    """What the kartrekkers wrote to the circle, newest first: for its members (also those who chose no email)."""
    circle = get_circle_for(request.user, slug)
    membership = access.membership_of(request.user, circle)
    if not access.can_read_messages(request.user, circle, membership):
        raise PermissionDenied
    page = Paginator(selectors.messages_of(circle), MESSAGES_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "circle": circle,
        "page": page,
        "can_write": access.can_write_to_circle(request.user, circle, membership),
    }
    return render(request, "circles/message_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def message_create(request, slug):
    circle = get_circle_for(request.user, slug)
    access.require_circle_lead(request.user, circle)
    form = CircleMessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.write_to_circle(circle=circle, author=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Your message has been sent to %(count)d member.",
                    "Your message has been sent to %(count)d members.",
                    message.recipient_count,
                )
                % {"count": message.recipient_count},
            )
            return redirect("circles:messages", slug=circle.slug)
    return render(request, "circles/message_form.html", {"circle": circle, "form": form})


# --- circle leads and circles (coordinators) ------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def leads(request, slug):
    circle = get_circle_for(request.user, slug)
    require_coordinator(request.user)
    if request.method == "POST":
        form = LeadForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(_("This request is not valid."))
        membership = access.get_active_membership_for(request.user, circle, form.cleaned_data["member"])
        make_lead = form.cleaned_data["make_lead"]
        services.set_lead(circle=circle, member=membership.member, is_lead=make_lead, actor=request.user)
        if make_lead:
            messages.success(request, _("%(name)s is now a circle lead.") % {"name": membership.member.name})
        else:
            messages.success(request, _("%(name)s is no longer a circle lead.") % {"name": membership.member.name})
        return redirect("circles:leads", slug=circle.slug)
    page = Paginator(selectors.active_members(circle), MEMBERS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "circles/leads.html", {"circle": circle, "page": page})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def circle_create(request):
    require_coordinator(request.user)
    form = CircleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        circle = services.create_circle(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The circle has been created."))
        return redirect("circles:detail", slug=circle.slug)
    return render(request, "circles/circle_form.html", {"form": form, "circle": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def circle_edit(request, slug):
    circle = get_circle_for(request.user, slug)
    require_coordinator(request.user)
    form = CircleForm(request.POST if request.method == "POST" else None, instance=circle)
    if request.method == "POST" and form.is_valid():
        circle = services.edit_circle(circle=circle, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The circle has been saved."))
        return redirect("circles:detail", slug=circle.slug)
    return render(request, "circles/circle_form.html", {"form": form, "circle": circle})


@login_required
@require_safe
def overview(request):
    """The circles' "stand van zaken": every member may read it (the network shares it with all)."""
    access.require_member(request.user)
    return render(request, "circles/overview.html", {"rows": selectors.overview()})


# --- invitations ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invite(request, slug):
    circle = get_circle_for(request.user, slug)
    access.require_can_invite(request.user, circle)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                circle=circle,
                inviter=request.user,
                email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                language=translation.get_language() or "nl",
            )
        except services.TooManyInvitations as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you! We have sent the invitation."))
            return redirect("circles:detail", slug=circle.slug)
    return render(
        request,
        "circles/invite.html",
        {"circle": circle, "form": form, "valid_days": settings.INVITATION_VALID_DAYS},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    """The page an invitation link opens: it explains the invitation; accepting is a POST.

    Only the person the invitation was sent to (logged in with that email address) can accept.
    A visitor is asked to log in or make an account; the invitation is remembered for sign-up.
    """
    invitation = selectors.find_invitation(token)
    if invitation is None:
        return render(request, "circles/invitation_invalid.html", {"reason": "unknown"}, status=404)
    if not selectors.invitation_is_usable(invitation):
        reason = "used" if invitation.used_at else "expired"
        return render(request, "circles/invitation_invalid.html", {"reason": reason}, status=410)
    circle = invitation.circle
    context = {
        "invitation": invitation,
        "circle": circle,
        "on_request": circle.join_policy == Circle.JoinPolicy.ON_REQUEST,
    }
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        request.session[services.INVITATION_SESSION_KEY] = token  # used by sign-up; joins nothing by itself
        if invitation.email:  # the link came to this address: sign-up shows it and needs no confirmation
            get_account_adapter(request).stash_verified_email(request, invitation.email)
        return render(request, "circles/invitation.html", {**context, "state": "visitor"})
    if request.user.status == Member.Status.REFUSED or not request.user.is_active:
        raise PermissionDenied
    if request.method in ("GET", "HEAD"):
        if not selectors.is_invitee(invitation, request.user):
            refusal = services.InvitationForSomeoneElse().message
            return render(
                request, "circles/invitation.html", {**context, "state": "refused", "refusal": refusal}, status=403
            )
        membership = access.membership_of(request.user, circle)
        state = "member" if membership and membership.status == CircleMembership.Status.ACTIVE else "invitee"
        return render(request, "circles/invitation.html", {**context, "state": state})
    try:
        membership = services.accept_invitation(invitation=invitation, member=request.user)
    except services.InvitationForSomeoneElse as error:
        return render(
            request, "circles/invitation.html", {**context, "state": "refused", "refusal": error.message}, status=403
        )
    except services.InvitationNotUsable:
        return render(request, "circles/invitation_invalid.html", {"reason": "used"}, status=410)
    if membership.status == CircleMembership.Status.REQUESTED:
        messages.success(request, _("You asked to join. A circle lead will decide soon. You will get an email."))
    else:
        messages.success(request, _("Welcome! You are now a member of %(circle)s.") % {"circle": circle.name})
    return redirect("circles:detail", slug=circle.slug)
