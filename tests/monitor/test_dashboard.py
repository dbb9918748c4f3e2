"""The public dashboard, the explanation page and the open data (CSV, XLSX, JSON)."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samenspel.monitor import services
from tests.conftest import make_coordinator
from tests.factories.tandems import D


@pytest.fixture
def coordinator(db):
    return make_coordinator(name="Cora Coordinator")


@pytest.fixture
def closed(crafted, coordinator):
    services.close_period(actor=coordinator, period=crafted.period, today=D(2024, 4, 2))
    return crafted


def test_without_a_closed_quarter_the_dashboard_shows_the_motion_and_says_so(client, db):
    response = client.get(reverse("monitor:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "10 November 2021" in page
    assert page.count("utrecht-unordered-list__item") >= 3
    assert "No quarter has been closed yet" in page


def test_the_dashboard_shows_city_totals_rows_per_organisation_and_charts(client, closed):
    page = client.get(reverse("monitor:dashboard")).content.decode()
    assert "Q1 2024" in page
    assert "<svg" in page and 'role="img"' in page
    assert "style=" not in page  # CSP: no inline styles, also not in the charts
    # City: 8 experts, 88% trained; Alfa's small numbers are "fewer than 5".
    assert re.search(r"Experts by experience employed</th>\s*<td[^>]*>8</td>", page)
    assert "fewer than 5" in page
    assert "Alfa" in page and "Beta" in page
    # No per-team figures in public: the team names do not appear.
    for team in ("A1", "A2", "B1"):
        assert f">{team}<" not in page
    # Request a is carried out (both organisations have an expert in a tandem).
    assert "Request a: Carried out" in page


def test_each_chart_has_a_table_with_the_same_figures(client, closed):
    page = client.get(reverse("monitor:dashboard")).content.decode()
    figures = re.findall(r'<figure class="samenspel-chart".*?</figure>', page, re.S)
    assert len(figures) == 4
    people = figures[0]
    assert "<table" in people and "<desc" in people
    # The people chart's table: Q1 2024 row with 8, 7, 7.
    row = re.search(r"<th scope=\"row\"[^>]*>Q1 2024</th>(.*?)</tr>", people, re.S).group(1)
    assert re.findall(r">([^<]+)</td>", row) == ["8", "7", "7"]


def test_a_closed_quarter_is_served_from_the_cache_until_a_correction(
    client, closed, coordinator, django_assert_max_num_queries
):
    client.get(reverse("monitor:dashboard"))
    with django_assert_max_num_queries(2):
        page = client.get(reverse("monitor:dashboard")).content.decode()
    assert re.search(r"Experts by experience trained</th>\s*<td[^>]*>7</td>", page)
    services.record_correction(
        actor=coordinator,
        period=closed.period,
        organisation=closed.alfa,
        indicator="experts_trained",
        new_value="2",
        reason="Late certificate.",
    )
    page = client.get(reverse("monitor:dashboard")).content.decode()
    assert re.search(r"Experts by experience trained</th>\s*<td[^>]*>8</td>", page)
    assert "Corrections to closed quarters" in page
    assert "Late certificate" not in page  # the reason is for the coordinators


def test_the_explanation_page_lists_every_indicator(client, db):
    page = client.get(reverse("monitor:indicators")).content.decode()
    for key in ("experts_employed", "experts_fte", "share_trained", "tandems_through_trajectory", "level_board"):
        assert f"<code>{key}</code>" in page


def test_open_data_lists_closed_quarters_with_three_formats(client, closed):
    page = client.get(reverse("monitor:open_data")).content.decode()
    assert reverse("monitor:export_csv", args=[2024, 1]) in page
    assert reverse("monitor:export_xlsx", args=[2024, 1]) in page
    assert reverse("api:monitor_period", args=[2024, 1]) in page


def test_the_csv_has_a_row_per_organisation_and_the_city_with_the_rule_applied(client, closed):
    response = client.get(reverse("monitor:export_csv", args=[2024, 1]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="samenspel-monitor-2024-Q1.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_slug = {row["organisation_slug"]: row for row in rows}
    assert by_slug["alfa"]["experts_employed"] == "<5"
    assert by_slug["alfa"]["experts_fte"] == ""
    assert by_slug["alfa"]["teams_with_expert"] == "1"
    assert by_slug["beta"]["experts_employed"] == "<5"  # hidden beside Alfa's (complementary rule)
    assert by_slug["city"]["experts_employed"] == "8"
    assert by_slug["city"]["share_trained"] == "87.5"
    assert by_slug["city"]["tandems_in_trajectory"] == "<5"
    assert by_slug["alfa"]["level_board"] == "2"


def test_the_xlsx_holds_the_same_figures(client, closed):
    response = client.get(reverse("monitor:export_xlsx", args=[2024, 1]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    city = dict(zip(header, rows[-1], strict=True))
    assert city["organisation_slug"] == "city"
    assert city["experts_employed"] == 8
    assert city["experts_fte"] == 4.83


def test_the_json_api_gives_the_same_figures(client, closed):
    periods = client.get(reverse("api:monitor_periods")).json()
    assert periods == [
        {
            "year": 2024,
            "quarter": 1,
            "starts_on": "2024-01-01",
            "ends_on": "2024-03-31",
            "closed_at": periods[0]["closed_at"],
        }
    ]
    data = client.get(reverse("api:monitor_period", args=[2024, 1])).json()
    assert data["city"]["figures"]["experts_employed"] == 8
    assert data["city"]["figures"]["tandems_in_trajectory"] is None
    assert "tandems_in_trajectory" in data["city"]["hidden"]
    alfa = next(o for o in data["organisations"] if o["slug"] == "alfa")
    assert alfa["figures"]["experts_employed"] is None and "experts_employed" in alfa["hidden"]
    assert [m["status"] for m in data["motion"]] == ["met", "under_way", "under_way"]


@pytest.mark.parametrize("name", ["monitor:export_csv", "monitor:export_xlsx", "api:monitor_period"])
def test_an_open_or_unknown_quarter_has_no_open_data(client, crafted, name):
    assert client.get(reverse(name, args=[2024, 1])).status_code == 404  # exists, not closed
    assert client.get(reverse(name, args=[2019, 3])).status_code == 404


def test_the_api_docs_are_served_without_a_cdn(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "cdn" not in response.content.decode().lower()


def test_open_data_says_k_for_kwartaal_in_dutch_also_to_screen_readers(client, closed):
    dutch = client.get(reverse("monitor:open_data"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "K1 2024" in dutch
    assert "Q1 2024" not in dutch
    assert '<span class="samenspel-visually-hidden"> K1 2024</span>' in dutch
    english = client.get(reverse("monitor:open_data"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="samenspel-visually-hidden"> Q1 2024</span>' in english
