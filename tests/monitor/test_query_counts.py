"""Query counts: constant with the number of organisations, teams and periods, at most 15.

The issue's scale: 7 organisations x 40 teams x 12 closed quarters, against 2 x 2 x 2.
The cache is cleared before each request, so these are the counts of a cold page.
"""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.demo.bench.monitor import seed_monitor
from samenspel.monitor.models import Period

MAX = 15


def pages(slug):
    return [
        (None, reverse("monitor:dashboard")),
        (None, reverse("monitor:open_data")),
        (None, reverse("monitor:export_csv", args=[2022, 2])),
        (None, reverse("monitor:export_xlsx", args=[2022, 2])),
        (None, reverse("api:monitor_period", args=[2022, 2])),
        (None, reverse("api:monitor_periods")),
        ("coordinator", reverse("monitor:detail_list")),
        ("coordinator", reverse("monitor:detail", args=[slug])),
        ("coordinator", reverse("monitor:detail", args=[slug]) + "?period=2022-2"),
        ("coordinator", reverse("monitor:period_list")),
        ("orgrep", reverse("monitor:assessment_overview", args=["bto-noord"])),
    ]


def count(client_for, personas, slug):
    counts = {}
    for who, url in pages(slug):
        client = client_for(getattr(personas, who) if who else None)
        client.get(url)  # warm-up (content types, translations)
        for each in caches.all():
            each.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url.replace(slug, "ORG")] = len(queries)
    return counts


def test_queries_do_not_grow_with_organisations_teams_and_periods(personas, client_for):
    seed_monitor(organisations=2, teams=2, periods=2, prefix="small-")
    small = count(client_for, personas, "small-1")
    seed_monitor()  # 7 organisations x 40 teams x 12 closed quarters
    assert Period.objects.filter(closed_at__isnull=False).count() == 12
    large = count(client_for, personas, "bench-org-1")
    assert max(large.values()) <= MAX, large
    assert small == large
