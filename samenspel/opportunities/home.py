"""Opportunities on the home page (registered with samenspel.core.home): what waits for a coordinator."""

from django.urls import reverse
from django.utils.translation import ngettext

from samenspel.core.home import Item

from .selectors.posting import count_waiting_for_approval


def waiting_for_approval(user, scope) -> list[Item]:
    """Coordinators: opportunities waiting for approval. One query."""
    count = count_waiting_for_approval()
    if not count:
        return []
    text = ngettext(
        "%(count)d opportunity is waiting for approval",
        "%(count)d opportunities are waiting for approval",
        count,
    ) % {"count": count}
    return [Item(title=text, url=reverse("opportunities:review"), text=text, count=count)]
