"""The state the registration box on a meeting page needs:
{% registration_state meeting registration can_organise state as box %} (state: selectors.PageState)."""

from django import template
from django.utils import timezone

from samenspel.meetings import access
from samenspel.meetings import registration as services
from samenspel.meetings.forms_registration import MemberRegistrationForm, VisitorRegistrationForm
from samenspel.meetings.models import Registration, Visibility

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_state(context, meeting, registration=None, can_organise=False, state=None):
    state = state or None  # a template without the page state passes ""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    authenticated = bool(user and user.is_authenticated)
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    state = {
        "counts": state.counts if state is not None else services.counts(meeting),
        "is_open": meeting.registration_is_open,
        "now": timezone.now(),
        "shows_online_link": bool(meeting.online_url) and (confirmed or bool(can_organise)),
        "position": services.waitlist_position(registration),
        # Which form the box shows: "member", "visitor" or None. The forms themselves are made only
        # when their cached rendering is missing (a template calls a callable when it resolves it).
        "form": None,
        "member_form": lambda: MemberRegistrationForm(auto_id="id_registration_%s"),
        "visitor_form": lambda: VisitorRegistrationForm(auto_id="id_visitor_%s"),
    }
    if registration is None and state["is_open"] and access.may_register(user, meeting):
        if authenticated:
            state["form"] = "member"
        elif meeting.visibility == Visibility.PUBLIC:
            state["form"] = "visitor"
    return state
