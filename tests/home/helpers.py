"""Helpers for the home page tests: read one role's section of the page."""

import re

from django.urls import reverse

SECTION = re.compile(
    r'<section class="samenspel-home-role" aria-labelledby="home-(?P<key>[a-z]+)">(?P<body>.*?)</section>', re.S
)


def sections(client) -> dict[str, str]:
    """The role sections of the client's home page: {key: its HTML}."""
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return {match["key"]: match["body"] for match in SECTION.finditer(response.content.decode())}


def section(client, key: str) -> str:
    """One role's section; fails when the person does not see it."""
    found = sections(client)
    assert key in found, f"no {key!r} section; the page has {sorted(found)}"
    return found[key]
