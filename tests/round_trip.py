"""A helper for the form round-trip tests (tests/<app>/test_form_round_trips.py)."""

import re


def assert_page_offers(response, data) -> None:
    """Every field the test posts is a field on the page people fill in (so the round trip is real)."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    names = set(re.findall(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', html))
    missing = sorted(set(data) - names)
    assert not missing, f"the page has no field for {missing}"


def assert_saved(obj, data) -> None:
    """Each posted value is on the row as posted (fields whose stored value equals the posted text)."""
    for field, value in data.items():
        assert getattr(obj, field) == value, field
