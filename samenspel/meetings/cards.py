"""Meeting cards (templates/meetings/includes/meeting_cards.html), rendered once per what they show.

A card shows its meeting, the meeting's circle and places taken, and the viewer's own status if
the list has it (`my_status`). Every change to the meeting, its circle or its registrations
raises the meeting's revision (revisions.py), so (id, revision, status) of each card is the key:
the same cards in the same language give the same HTML, whoever asks and on whichever page.
"""

from samenspel.core import parts

TEMPLATE = "meetings/includes/meeting_cards.html"


def cards_html(meetings, *, heading_level: int = 3) -> str:
    """The cards of `meetings` (the caller chose which this viewer may see)."""
    meetings = list(meetings)
    shown = ((m.pk, m.revision, getattr(m, "my_status", "")) for m in meetings)
    return cards_for(shown, lambda: meetings, heading_level=heading_level)


def cards_for(shown, load, *, heading_level: int = 3) -> str:
    """The cards of the meetings `shown` as (id, revision, the viewer's status); `load()` gives those
    meetings, with `my_status`, only when their cards are not kept yet."""
    key = (heading_level, *shown)
    return parts.rendered("meetings:cards", key, TEMPLATE, lambda: {"meetings": load(), "heading_level": heading_level})
