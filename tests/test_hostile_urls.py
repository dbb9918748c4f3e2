"""Hostile values in URLs answer 404 (or a redirect / 4xx), never an error 500.

Every URL pattern with a number in it is requested with each number replaced in turn by a huge,
a negative and a non-ASCII value, as a visitor and as a coordinator. The other arguments are real
objects of the permission matrix's world, so the hostile number is what the page looks up.
"""

import pytest
from django.core.cache import caches
from django.db import transaction
from django.urls import reverse

from samenspel.lib.converters import MAX_ID
from tests.factories.members import ConsentTextFactory, MemberFactory
from tests.test_permission_matrix import read_matrix, sample_kwargs, url_names

pytestmark = pytest.mark.django_db

# Never a valid id: the converter refuses them, so the answer is 404 before any view runs.
REFUSED = [
    "999999999999999999999999999999",  # 10^30: an overflow in plain SQL before the converter had a bound
    str(MAX_ID + 1),  # just past a 64-bit integer
    "-1",
    "١٢٣",  # Arabic-Indic digits: int() would read them as 123
    "１２",  # full-width digits
    "12a",
]
# Valid for the converter, unknown to the database: the page itself answers, still never 500.
UNKNOWN = [str(MAX_ID), str(2**31)]  # the largest 64-bit id, and one past a 32-bit integer column
SENTINEL = 987654321  # a number no example object has: marks the place of the parameter in the URL


def number_params(pattern) -> list[str]:
    return [name for name, converter in pattern.pattern.converters.items() if converter.regex.startswith("[0-9]")]


def hostile_urls(objects):
    """(name, method, url, value) for every number parameter of every URL and every hostile value."""
    rows = read_matrix()
    for name, pattern in url_names():
        params = number_params(pattern)
        if not params or name not in rows:
            continue
        for param in params:
            kwargs = {**sample_kwargs(name, pattern, objects), param: SENTINEL}
            template = reverse(name, kwargs=kwargs)
            assert template.count(str(SENTINEL)) == 1, template
            for value in REFUSED + UNKNOWN:
                yield name, rows[name]["method"], template.replace(str(SENTINEL), value), value


def test_every_number_in_a_url_uses_the_bounded_converter():
    unbounded = [
        f"{name}: <{param}>"
        for name, pattern in url_names()
        for param, converter in pattern.pattern.converters.items()
        if type(converter).__name__ == "IntConverter"
    ]
    assert not unbounded, "Use <id:…> instead of <int:…>:\n" + "\n".join(unbounded)


@pytest.mark.parametrize("persona", ["visitor", "coordinator"])
def test_huge_negative_and_non_ascii_ids_answer_404_never_500(world, client_for, persona):
    client = client_for(world.as_dict()[persona])
    wrong = []
    checked = 0
    for name, method, url, value in hostile_urls(world):
        for verb in {method, "GET"}:
            savepoint = transaction.savepoint()
            response = client.post(url) if verb == "POST" else client.get(url)  # an exception fails the test
            transaction.savepoint_rollback(savepoint)
            for each in caches.all():
                each.clear()
            checked += 1
            allowed = {404} if value in REFUSED else {301, 302, 400, 403, 404, 405}  # 301: old addresses
            if response.status_code not in allowed:
                wrong.append(f"{verb} {url} ({name}) as {persona}: {response.status_code}")
    assert checked > 300
    assert not wrong, "\n".join(wrong)


def test_the_meeting_page_with_a_thirty_digit_id_is_not_found(client):
    response = client.get("/meetings/999999999999999999999999999999/")
    assert response.status_code == 404


# --- ?next= on the consent page ---------------------------------------------------------------

HOSTILE_NEXT = ["java%0ascript:alert(1)", "members:profile", "home", "javascript:alert(1)", "//evil.example/"]


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_consent_page_without_consent_needed_ignores_a_next_that_is_no_path(client, next_url):
    client.force_login(MemberFactory())  # no consent text published: the page sends you on at once
    response = client.get(reverse("members:consent"), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_the_reported_consent_url_redirects_home(client):
    client.force_login(MemberFactory())
    response = client.get("/members/consent/?next=java%250ascript:alert(1)")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_giving_consent_ignores_a_next_that_is_no_path(client, next_url):
    ConsentTextFactory()
    member = MemberFactory()
    client.force_login(member)
    response = client.post(reverse("members:consent"), {"consent": "on", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert member.consents.exists()


def test_giving_consent_still_returns_to_a_page_of_the_site(client):
    ConsentTextFactory()
    client.force_login(MemberFactory())
    response = client.post(reverse("members:consent"), {"consent": "on", "next": "/circles/?page=2"})
    assert response["Location"] == "/circles/?page=2"
