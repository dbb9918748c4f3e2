"""The newsletter on the home page (registered with samenspel.core.home): editions that wait for
the circles' updates (coordinators) and updates asked of a circle lead (kartrekkers)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.core.home import Item, first

from .selectors import editions_waiting_for_updates, requests_waiting_for


def editions_waiting(user, scope) -> list[Item]:
    """Coordinators: editions in preparation with updates still missing. One query."""
    editions, more = first(editions_waiting_for_updates())
    items = [
        Item(
            title=edition.title,
            url=reverse("newsletter:manage", args=[edition.pk]),
            text=ngettext(
                "%(count)d circle has not sent its update yet.",
                "%(count)d circles have not sent their update yet.",
                edition.missing_count,
            )
            % {"count": edition.missing_count},
            count=edition.missing_count,
            when=edition.deadline,
            when_label=_("Deadline"),
        )
        for edition in editions
    ]
    if more:
        items.append(Item(title=_("More editions waiting for updates"), url=reverse("newsletter:manage_list")))
    return items


def updates_requested(user, circles) -> list[Item]:
    """Kartrekkers: an update asked for the newsletter, per circle they lead, with its deadline. One query."""
    requests, more = first(requests_waiting_for(user))
    items = [
        Item(
            title=_("Write the update of %(circle)s for the newsletter") % {"circle": request.circle.name},
            url=reverse("newsletter:request", args=[request.pk]),
            text=request.edition.title,
            when=request.edition.deadline,
            when_label=_("Deadline"),
        )
        for request in requests
    ]
    if more:
        items.append(Item(title=_("More updates asked for the newsletter"), url=reverse("newsletter:requests")))
    return items
