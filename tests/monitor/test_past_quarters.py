"""Every past quarter that is not closed can be closed, oldest first; a skipped quarter is noted
on the quarters page and on the public dashboard."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from samenspel.monitor import selectors, services
from samenspel.monitor.models import Period, Snapshot

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC)  # Q4 2026: the last completed quarter is Q3


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def quarters(**filters) -> list[tuple[int, int]]:
    return list(Period.objects.filter(**filters).order_by("year", "quarter").values_list("year", "quarter"))


def test_the_quarters_page_offers_every_past_open_quarter_oldest_first(crafted, personas, client_for, today):
    client = client_for(personas.coordinator)
    response = client.get(reverse("monitor:period_list"))
    assert response.status_code == 200
    past = [(2024, q) for q in (1, 2, 3, 4)] + [(2025, q) for q in (1, 2, 3, 4)] + [(2026, q) for q in (1, 2, 3)]
    assert quarters(year__lte=2026) == [*past, (2026, 4)]  # from the first quarter on record to today's
    assert response.context["to_close"] == [f"Q{q} {y}" for y, q in past]
    for year, quarter in past:
        assert reverse("monitor:period_close", args=[year, quarter]) in response.text
    assert reverse("monitor:period_close", args=[2026, 4]) not in response.text  # not over yet


def test_close_all_closes_them_oldest_first_and_the_dashboard_shows_q3_2026(crafted, personas, client_for, today):
    client = client_for(personas.coordinator)
    response = client.post(reverse("monitor:periods_close_past"), follow=True)
    assert response.status_code == 200
    closed = Period.objects.filter(closed_at__isnull=False).order_by("closed_at", "pk")
    assert next((p.year, p.quarter) for p in closed) == (2024, 1)
    assert [(p.year, p.quarter) for p in closed] == sorted((p.year, p.quarter) for p in closed)
    assert (2026, 3) in quarters(closed_at__isnull=False) and (2026, 4) not in quarters(closed_at__isnull=False)
    assert "Closed, oldest first: Q1 2024" in response.text or "Gesloten, oudste eerst: K1 2024" in response.text
    assert Snapshot.objects.filter(period__year=2026, period__quarter=3, organisation=None).count() == 1
    public = client_for(None)
    public.cookies["django_language"] = "nl"
    page = public.get(reverse("monitor:dashboard")).content.decode()
    assert "K3 2026" in page and "Q3 2026" not in page
    assert "overgeslagen" not in page
    client = client_for(personas.coordinator)
    again = client.post(reverse("monitor:period_close", args=[2025, 1]), follow=True)
    assert "already closed" in again.text or "al gesloten" in again.text


def test_a_skipped_quarter_is_noted(crafted, personas, client_for, today):
    client = client_for(personas.coordinator)
    client.get(reverse("monitor:period_list"))
    response = client.post(reverse("monitor:period_close", args=[2024, 3]), follow=True)
    assert "Q1 2024, Q2 2024" in response.text or "K1 2024, K2 2024" in response.text  # still open: skipped
    client.post(reverse("monitor:period_close", args=[2024, 1]))
    assert selectors.skipped_labels(Period.objects.filter(closed_at__isnull=False)) == ["Q2 2024"]
    page = client_for(None).get(reverse("monitor:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No figures for Q2 2024" in page or "Geen cijfers voor K2 2024" in page
    listing = client_for(personas.coordinator).get(reverse("monitor:period_list")).content.decode()
    assert (
        "Skipped: a later quarter is closed." in listing or "Overgeslagen: een later kwartaal is gesloten." in listing
    )


def test_only_coordinators_close(crafted, personas, client_for, today):
    url = reverse("monitor:periods_close_past")
    assert client_for(None).post(url).status_code == 302
    for name in ("member", "outsider", "orgrep", "municipality", "kartrekker", "pending"):
        status = client_for(getattr(personas, name)).post(url).status_code
        assert status in (403, 404), name
    assert not Period.objects.filter(closed_at__isnull=False).exists()
    assert client_for(personas.coordinator).get(url).status_code == 405


def test_nothing_to_close_says_so(personas, client_for, today):
    client = client_for(personas.coordinator)
    client.post(reverse("monitor:periods_close_past"))  # closes Q3 2026, the only past quarter on record
    assert quarters(closed_at__isnull=False) == [(2026, 3)]
    response = client.post(reverse("monitor:periods_close_past"), follow=True)
    assert "There is no past quarter left to close." in response.text or "Er is geen" in response.text


def test_the_list_reaches_back_at_most_ten_years(personas):
    Period.objects.create(year=2001, quarter=1)
    periods = services.past_open_periods(today=datetime.date(2026, 12, 6))
    assert len(periods) == services.MAX_PAST_QUARTERS
    assert (periods[-1].year, periods[-1].quarter) == (2026, 3)
