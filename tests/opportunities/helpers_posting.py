"""Plain helpers for the posting tests: a valid posted form, and the URLs."""

import datetime

from django.urls import reverse
from django.utils import timezone


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def form_data(**overrides) -> dict:
    """A valid opportunity as the form posts it (no organisation or circle: add one)."""
    data = {
        "kind": "paid_assignment",
        "title": "Meedenken over de schuldhulp",
        "description": "We zoeken **drie** mensen.",
        "offered_by": "Buurtteam Zuidoost",
        "location": "",
        "starts_on": "",
        "ends_on": "",
        "when_note": "",
        "hours": "",
        "hours_unit": "total",
        "pay": "none",
        "fee": "",
        "hourly_rate": "",
        "people_wanted": "1",
        "respond_by": in_days(14).isoformat(),
        "audience": "members",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def url(name: str, *args) -> str:
    return reverse(f"opportunities:{name}", args=args)
