"""Every answer under /api/ is JSON and in the schema: 422 for bad parameters, 404 that says what.

Before issue 11: quarter 0 or 5 answered 404 `{"detail": "Not Found"}` (the schema had no 1-4 limit),
a quarter that is not a number and any unknown address under /api/ answered the site's HTML 404
page, and a wrong method answered a text/html 405. None of the 404s was in the schema.
"""

import pytest
from django.urls import reverse

from samenspel.monitor import selectors, services
from samenspel.monitor.models import Period
from tests.conftest import make_coordinator

PERIOD = "/api/monitor/periods/{}/{}"


@pytest.fixture
def closed(db):
    period = Period.objects.create(year=2024, quarter=1)
    services.close_period(actor=make_coordinator(), period=period, today=period.ends_on.replace(day=30, month=4))
    return period


def json_of(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


def bad_parameter(response) -> dict:
    body = json_of(response, 422)
    assert body["detail"] == "Some parameters are not valid."
    (error,) = body["errors"]
    return error


@pytest.mark.parametrize("quarter", ["0", "5", "-1", "abc", "1.5", "%C3%BC", "99999999999999999999", "١", "１"])
def test_a_quarter_outside_1_to_4_or_not_a_number_is_422_with_what_is_wrong(client, closed, quarter):
    error = bad_parameter(client.get(PERIOD.format(2024, quarter)))
    assert error["parameter"] == "quarter" and error["location"] == "path"
    assert error["message"]


def test_the_message_says_the_limit(client, closed):
    assert "less than or equal to 4" in bad_parameter(client.get(PERIOD.format(2024, 5)))["message"]
    assert "greater than or equal to 1" in bad_parameter(client.get(PERIOD.format(2024, 0)))["message"]


@pytest.mark.parametrize("year", ["0", "10000", "99999999999999999999", "twee", "%E2%82%AC"])
def test_a_huge_or_bad_year_is_422(client, closed, year):
    error = bad_parameter(client.get(PERIOD.format(year, 1)))
    assert error["parameter"] == "year"


def test_a_period_that_is_not_closed_or_does_not_exist_is_404_that_says_which(client, closed):
    Period.objects.create(year=2024, quarter=2)  # exists, still open
    for year, quarter in ((2024, 2), (2019, 3)):
        body = json_of(client.get(PERIOD.format(year, quarter)), 404)
        assert body == {"detail": f"There is no closed period Q{quarter} {year}."}
    assert json_of(client.get(PERIOD.format(2024, 1)), 200)["period"]["quarter"] == 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/nope",
        "/api/monitor/",
        "/api/monitor/periods/2024/1/extra",
        "/api/monitor/periodes",
        "/api/m%C3%BCnster",
    ],
)
def test_an_unknown_address_under_api_is_a_json_404_that_names_it(client, db, path):
    body = json_of(client.get(path), 404)
    assert body["detail"].startswith("There is nothing at /api/")
    assert reverse("api_reference") in body["detail"]


def test_the_unknown_address_is_named_as_asked_non_ascii_too(client, db):
    assert "/api/münster" in client.get("/api/m%C3%BCnster").json()["detail"]


def test_a_wrong_method_is_a_json_405_with_allow(client, db):
    response = client.post(reverse("api:monitor_periods"))
    body = json_of(response, 405)
    assert response["Allow"] == "GET, HEAD"  # HEAD wherever GET (RFC 9110)
    assert "POST" in body["detail"]


def test_a_server_error_under_api_is_json(client, closed, monkeypatch):
    def broken(year, quarter):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "closed_period", broken)
    client.raise_request_exception = False
    body = json_of(client.get(PERIOD.format(2024, 1)), 500)
    assert "boom" not in body["detail"]


def test_pages_outside_the_api_keep_the_html_error_page(client, db):
    response = client.get("/monitor/nope/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_errors_are_in_dutch_for_a_dutch_client(client, closed):
    assert client.get(PERIOD.format(2019, 3), HTTP_ACCEPT_LANGUAGE="nl").json() == {
        "detail": "Er is geen afgesloten periode Q3 2019."
    }
    assert client.get(PERIOD.format(2024, 9), HTTP_ACCEPT_LANGUAGE="nl").json()["detail"] == (
        "Sommige parameters kloppen niet."
    )


def test_the_schema_limits_quarter_and_declares_404_and_422(client, db):
    schema = json_of(client.get(reverse("api:openapi-json")), 200)
    operation = schema["paths"]["/api/monitor/periods/{year}/{quarter}"]["get"]
    quarter = next(p for p in operation["parameters"] if p["name"] == "quarter")
    assert (quarter["schema"]["minimum"], quarter["schema"]["maximum"]) == (1, 4)
    assert set(operation["responses"]) == {"200", "404", "422"}
    assert operation["responses"]["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    period = schema["components"]["schemas"]["PeriodOut"]["properties"]["quarter"]
    assert (period["minimum"], period["maximum"]) == (1, 4)
