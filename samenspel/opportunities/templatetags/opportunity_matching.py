"""`{% match_summary_for opportunity as summary %}`: how many members fit, for who manages it; "" for anyone else."""

from django import template

from ..access import may_manage
from ..selectors.matching import match_count, match_summary

register = template.Library()


@register.simple_tag(takes_context=True)
def match_summary_for(context, opportunity) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if opportunity is None or not may_manage(user, opportunity):
        return ""
    return match_summary(match_count(opportunity))
