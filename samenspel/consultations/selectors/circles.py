"""A circle's own consultations, for the circle page (circles imports this; it imports no circle view)."""

from django.utils import timezone

from .. import access
from ..models import Document, Round


def circle_documents_for(user, circle) -> list[Document]:
    """The circle's documents `user` may read (its members and coordinators; else none). One query."""
    return list(access.visible_documents_for(user).filter(circle=circle).order_by("title", "pk"))


def open_circle_rounds_for(user, circle) -> list[Round]:
    """The circle's rounds open now that `user` may read, soonest closing first. One query."""
    now = timezone.now()
    return list(
        access.visible_rounds_for(user)
        .filter(version__document__circle=circle, opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at", "pk")
    )
