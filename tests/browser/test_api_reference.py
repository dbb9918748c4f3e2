"""The API reference at /api/docs in Chromium: axe-clean (WCAG 2.1 A and AA), at 320 px too, and
usable without JavaScript (it replaced ninja's Swagger UI, which axe failed: see docs/monitor.md).
"""

import pytest
from django.urls import reverse

from .test_accessibility_sweep import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_reference_passes_axe(new_page):
    page = new_page()
    check(page, reverse("api_reference"), "api-reference")
    assert page.locator("html").get_attribute("lang") == "nl"


def test_the_api_reference_works_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    response = page.goto(reverse("api_reference"))
    assert response.status == 200
    main = page.locator("main")
    assert "GET /api/monitor/periods/{year}/{quarter}" in main.inner_text()
    quarter = main.locator("tr", has=page.locator("th code", has_text="quarter"))
    assert "1 tot en met 4" in quarter.first.inner_text()
    main.locator("a", has_text="GET /api/monitor/periods/{year}/{quarter}").click()
    assert page.url.endswith("#operation-samenspel_monitor_api_period")
    assert page.locator("#operation-samenspel_monitor_api_period").is_visible()
    page.locator("main a", has_text="openapi.json").click()
    assert page.url.endswith(reverse("api:openapi-json"))
