"""Template helpers for the afterwards box on the meeting page."""

from django import template

from samenspel.members.rules import is_approved_member

from .. import access
from ..models import BreakoutGroup, Report

register = template.Library()


@register.simple_tag(takes_context=True)
def afterwards_state(context, meeting, state=None, can_organise=None) -> dict:
    """Whether the report is published and readable by the viewer, and the groups they take notes for.

    state: the page's `selectors.PageState` (else read here); can_organise: known already (else asked).
    """
    state = state or None  # a template without the page state passes ""
    request = context.get("request")
    user = getattr(request, "user", None)
    report = state.report if state is not None else Report.objects.filter(meeting=meeting).first()
    my_groups = []
    takes_notes = state is None or getattr(user, "pk", None) in state.note_taker_ids
    if takes_notes and is_approved_member(user):
        my_groups = list(BreakoutGroup.objects.filter(meeting=meeting, note_taker=user).order_by("position", "id"))
    return {
        "published": bool(report and report.published_at),
        "may_read": access.may_read_report(user, meeting, report, organiser=can_organise),
        "my_groups": my_groups,
    }
