"""`{% response_of_viewer opportunity as my_response %}`: the viewer's own response, for the detail page."""

from django import template

from ..selectors.responses import response_of

register = template.Library()


@register.simple_tag(takes_context=True)
def response_of_viewer(context, opportunity):
    """The viewer's response to `opportunity` (one query for a member, none for a visitor), or None."""
    return response_of(context["request"].user, opportunity)
