"""The page header kept whole (core/templatetags/page_header.py): what in it is the request's own.

The header (logo, language switch, menu) is kept per language and, for a member, per their menu.
The language switch's return address and every form's CSRF token are put in for each request, so
a kept header never sends anyone back to another person's page or carries another device's token.
"""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from samenspel.core.templatetags.page_header import NEXT_PLACEHOLDER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _header(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    return body[body.index("<header") : body.index("</header>")]


def _next(header: str) -> str:
    return re.search(r'<input type="hidden" name="next" value="([^"]*)">', header).group(1)


@pytest.mark.parametrize("member", [True, False], ids=["member", "visitor"])
def test_the_language_switch_comes_back_to_each_requests_own_address(personas, client_for, member):
    client = client_for(personas.member if member else None)
    privacy = reverse("members:privacy")
    first = _header(client, reverse("circles:list"))  # fills the kept header
    assert _next(first) == reverse("circles:list")
    assert _next(_header(client, privacy)) == privacy
    # A query string with markup in it: percent-encoded by the address, "&" escaped as the template does.
    header = _header(client, privacy + '?q="><script>x</script>&b=1')
    assert _next(header) == privacy + "?q=%22%3E%3Cscript%3Ex%3C/script%3E&amp;b=1"
    assert "<script>" not in header and NEXT_PLACEHOLDER not in header


def test_a_member_switches_language_from_a_kept_header_on_a_second_device(personas):
    """The first device fills the kept header; the second gets its own token and address, which work."""
    devices = [Client(enforce_csrf_checks=True) for _ in range(2)]
    headers = []
    for device in devices:
        device.force_login(personas.member)
        headers.append(_header(device, reverse("members:privacy")))
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', h).group(1) for h in headers]
    assert tokens[0] != tokens[1]
    response = devices[1].post(
        reverse("set_language"),
        {"csrfmiddlewaretoken": tokens[1], "language": "nl", "next": _next(headers[1])},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("members:privacy")
    assert 'lang="nl"' in devices[1].get(reverse("members:privacy")).content.decode()


def test_a_header_kept_for_a_visitor_never_reaches_a_member_and_back(personas, client):
    visitor = _header(client, reverse("members:privacy"))
    client.force_login(personas.member)
    member = _header(client, reverse("members:privacy"))
    assert "Log in" in visitor and "My profile" not in visitor
    assert "My profile" in member and "Log in" not in member
    client.logout()
    assert "My profile" not in _header(client, reverse("members:privacy"))


def test_the_header_renders_without_a_request():
    """An email or a page rendered outside a request gets the header as is, without placeholders."""
    html = render_to_string("base.html", {})
    header = html[html.index("<header") : html.index("</header>")]
    assert 'name="next" value=""' in header
    assert NEXT_PLACEHOLDER not in html and "\x00" not in html
