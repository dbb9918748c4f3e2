"""axe on every page of the motion monitor, on the demo network (four closed quarters of 2024).

Each page as the persona that may see it, at 1024 px (WCAG 2.1 A and AA: zero violations, the
SVG charts included) and at 320 px (no sideways scrolling of the page).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from samenspel.demo import base as demo

from .helpers import login, login_with_totp
from .test_accessibility_sweep import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(db):
    call_command("seed_demo", stdout=StringIO())


def test_public_monitor_pages(new_page, network):
    page = new_page()
    for name, url in [
        ("dashboard", reverse("monitor:dashboard")),
        ("indicators", reverse("monitor:indicators")),
        ("open-data", reverse("monitor:open_data")),
    ]:
        check(page, url, f"monitor-{name}")
    assert page.locator("svg[role=img]").count() == 0  # the open data page has no charts
    page.goto(reverse("monitor:dashboard"))
    assert page.locator("figure svg[role=img]").count() == 4
    assert page.locator("figure table").count() == 4


def test_representative_monitor_pages(new_page, network):
    page = new_page()
    login(page, demo.ORGREP_EMAIL, demo.DEMO_PASSWORD)
    slug = demo.REPRESENTED_ORGANISATION
    for name, url in [
        ("assessments", reverse("monitor:assessment_list")),
        ("assessment-overview", reverse("monitor:assessment_overview", args=[slug])),
        ("assessment-closed", reverse("monitor:assessment_edit", args=[slug, 2024, 4])),
        ("detail", reverse("monitor:detail", args=[slug])),
    ]:
        check(page, url, f"orgrep-{name}")
    page.goto(reverse("monitor:assessment_list"))
    page.locator("main table a").last.click()  # the current quarter's form
    page.wait_for_load_state()
    check(page, "", "orgrep-assessment-form")


def test_municipality_and_coordinator_monitor_pages(new_page, network):
    page = new_page()
    login(page, demo.MUNICIPALITY_EMAIL, demo.DEMO_PASSWORD)
    check(page, reverse("monitor:detail_list"), "municipality-detail-list")
    check(page, reverse("monitor:detail", args=["buurtwerk-oost"]) + "?period=2024-3", "municipality-detail-q3")
    coordinator = new_page()
    login_with_totp(coordinator, demo.COORDINATOR_EMAIL, demo.DEMO_PASSWORD, secret=demo.DEMO_TOTP_SECRET)
    check(coordinator, reverse("monitor:period_list"), "coordinator-periods")
    check(coordinator, reverse("monitor:correction_create", args=[2024, 4]), "coordinator-correction")


def test_the_dashboard_shows_the_last_completed_quarter_and_notes_a_skipped_one(new_page, network):
    """On the demo, the newest quarter is the last completed one ("K3 2026" on 6 December 2026); with
    a quarter re-opened in between, the dashboard says it was skipped. Both pass axe."""
    from django.core.cache import caches
    from django.utils import timezone

    from samenspel.core import cache_version
    from samenspel.monitor.models import Period, Snapshot

    today = timezone.localdate()
    year, quarter = (today.year, (today.month - 1) // 3) if today.month > 3 else (today.year - 1, 4)
    page = new_page()
    check(page, reverse("monitor:dashboard"), "monitor-dashboard-latest")
    assert f"K{quarter} {year}" in page.locator("#status-heading").inner_text()  # Dutch: "K3 2026"
    skipped = Period.objects.get(year=2025, quarter=2)
    Snapshot.objects.filter(period=skipped).delete()
    Period.objects.filter(pk=skipped.pk).update(closed_at=None, closed_by=None)
    cache_version.bump("monitor")
    for each in caches.all():
        each.clear()
    check(page, reverse("monitor:dashboard"), "monitor-dashboard-skipped")
    assert "Geen cijfers voor K2 2025" in page.locator("main").inner_text()


def test_the_tandem_edit_page_shows_the_status_history(new_page, network):
    from samenspel.tandems.models import Tandem

    tandem = Tandem.objects.filter(organisation__slug=demo.REPRESENTED_ORGANISATION, status="ended").first()
    page = new_page()
    login(page, demo.ORGREP_EMAIL, demo.DEMO_PASSWORD)
    check(page, reverse("tandems:tandem_edit", args=[demo.REPRESENTED_ORGANISATION, tandem.pk]), "tandem-edit-history")
    history = page.locator("main table").last.inner_text()
    assert "Ended" in history or "Beëindigd" in history or "Gestopt" in history
