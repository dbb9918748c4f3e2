"""The API reference at /api/docs: our page, in the site's layout, rendered from the OpenAPI schema.

It replaced ninja's Swagger UI (no `lang`, low contrast, buttons inside buttons; axe runs on it in
tests/browser/test_api_reference.py). Everything is in the HTML: no JavaScript needed.
"""

import itertools
import re

from django.urls import reverse

from samenspel.core import api_reference
from samenspel.site.api import api


def page(client, **headers) -> str:
    response = client.get(reverse("api_reference"), **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def test_docs_is_our_page_in_the_site_layout_not_swagger(client, db):
    assert reverse("api_reference") == "/api/docs"
    html = page(client)
    assert '<html lang="en"' in html
    assert 'class="utrecht-heading-1">API reference</h1>' in html
    assert "swagger" not in html.lower() and "cdn" not in html.lower()
    assert 'href="/api/openapi.json"' in html


def test_every_operation_is_listed_with_its_parameters_and_answers(client, db):
    html = page(client)
    schema = api.get_openapi_schema()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert f"{method.upper()} {path}" in html
            assert operation["summary"] in html
            for status in operation["responses"]:
                assert f"<code>{status}</code>" in html
    quarter = re.search(r"<code>quarter</code></th>(.*?)</tr>", html, re.S).group(1)
    assert "<code>integer</code>" in quarter and "1 to 4" in quarter and ">path<" in quarter
    for shape in schema["components"]["schemas"]:
        assert f'id="{api_reference.shape_anchor(shape)}"' in html
    assert 'href="#shape-errorout"' in html and 'href="#shape-validationerrorout"' in html


def test_the_headings_go_down_one_level_at_a_time(client, db):
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", page(client).split('id="main"')[1])]
    assert levels[0] == 1 and levels.count(1) == 1
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1, levels


def test_the_page_is_in_dutch_for_a_dutch_visitor(client, db):
    html = page(client, HTTP_ACCEPT_LANGUAGE="nl")
    assert '<html lang="nl"' in html
    assert "API-naslag" in html
    assert "Afgesloten periodes" in html  # the operation's summary, from the schema
    assert "1 tot en met 4" in html


def test_the_schema_stays_at_openapi_json_in_english(client, db):
    response = client.get(reverse("api:openapi-json"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert response.json()["paths"]["/api/monitor/periods"]["get"]["summary"] == "Closed periods"


def test_type_pieces_read_as_text():
    def text(schema):
        return "".join(piece.text for piece in api_reference.type_pieces(schema))

    assert text({"type": "array", "items": {"$ref": "#/components/schemas/PeriodOut"}}) == "list of PeriodOut"
    assert text({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]}) == (
        "string (date-time) or null"
    )
    assert api_reference.limits({"minimum": 1, "maximum": 4}) == "1 to 4"
    assert api_reference.limits({"minimum": 1}) == "at least 1"
