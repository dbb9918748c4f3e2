"""The state the registration box on a meeting page needs: {% registration_state meeting registration as box %}."""

from django import template
from django.utils import timezone

from samenspel.meetings import access
from samenspel.meetings import registration as services
from samenspel.meetings.forms_registration import MemberRegistrationForm, VisitorRegistrationForm
from samenspel.meetings.models import Registration, Visibility

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_state(context, meeting, registration=None, can_organise=False):
    user = context.get("user") or getattr(context.get("request"), "user", None)
    authenticated = bool(user and user.is_authenticated)
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    state = {
        "counts": services.counts(meeting),
        "is_open": meeting.registration_is_open,
        "now": timezone.now(),
        "shows_online_link": bool(meeting.online_url) and (confirmed or bool(can_organise)),
        "position": services.waitlist_position(registration),
        "member_form": None,
        "visitor_form": None,
    }
    if registration is None and state["is_open"] and access.may_register(user, meeting):
        if authenticated:
            state["member_form"] = MemberRegistrationForm(auto_id="id_registration_%s")
        elif meeting.visibility == Visibility.PUBLIC:
            state["visitor_form"] = VisitorRegistrationForm(auto_id="id_visitor_%s")
    return state
