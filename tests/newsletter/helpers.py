"""Plain helpers for the newsletter tests (not fixtures)."""

import re

from samenspel.newsletter.models import Delivery

LINK = re.compile(r"https?://[^\s\"<>]+")


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def addresses(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


def statuses(edition) -> dict[str, int]:
    found: dict[str, int] = {}
    for status in Delivery.objects.filter(edition=edition).values_list("status", flat=True):
        found[status] = found.get(status, 0) + 1
    return found
