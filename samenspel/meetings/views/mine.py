"""The member's own meetings: upcoming and past registrations with their state and reports."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from samenspel.circles.selectors import circle_roles
from samenspel.members.access import require_member

from .. import mine

PAST_PER_PAGE = 20


@login_required
@require_safe
def my_meetings(request):
    """Approved members: their registrations, the coming ones in full and the past ones a page at a time."""
    user = request.user
    require_member(user)
    roles = circle_roles(user)
    page = Paginator(mine.past_registrations(user), PAST_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "upcoming": mine.decorate(user, mine.upcoming_registrations(user), roles),
        "past": mine.decorate(user, page.object_list, roles),
        "page": page,
    }
    response = render(request, "meetings/my_meetings.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
