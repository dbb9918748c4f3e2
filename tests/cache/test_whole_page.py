"""Whole pages kept for visitors (core.whole_page): served without rendering, stale at no write.

A kept page is recognised by `response.templates`: the test client lists the templates a
response rendered, and a kept page renders none.
"""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspel.core import whole_page
from samenspel.meetings.models import Visibility
from samenspel.meetings.services import registration as registration_services
from tests.consultations.helpers_rounds import make_round
from tests.factories.meetings import MeetingFactory
from tests.factories.opportunities import OpportunityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def visit(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response


def kept(response) -> bool:
    return not response.templates


@pytest.fixture
def public_meeting(personas):
    return MeetingFactory(title="Open avond", visibility=Visibility.PUBLIC, capacity=5)


@pytest.fixture
def pages(personas, public_meeting):
    return [
        reverse("home"),
        reverse("circles:list"),
        reverse("circles:detail", args=[personas.circle.slug]),
        reverse("meetings:detail", args=[public_meeting.pk]),
        reverse("monitor:dashboard"),
    ]


def test_the_second_visit_gets_the_kept_page_for_one_query(pages):
    for url in pages:
        first = visit(Client(), url)
        assert not kept(first), url
        with CaptureQueriesContext(connection) as queries:
            second = visit(Client(), url)
        assert kept(second), url
        assert len(queries) == 1, (url, [q["sql"] for q in queries])  # the versions, nothing else
        # The same page, but for each visitor's own CSRF token.
        assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode()), url


def test_a_registration_shows_on_the_kept_meeting_page_at_the_next_visit(personas, public_meeting):
    url = reverse("meetings:detail", args=[public_meeting.pk])
    assert "5 left" in visit(Client(), url).content.decode()
    assert kept(visit(Client(), url))

    registration_services.register_member(meeting=public_meeting, member=personas.member)

    after = visit(Client(), url)
    assert not kept(after)
    assert "4 left" in after.content.decode()


def test_a_renamed_meeting_shows_at_the_next_visit(personas, public_meeting):
    url = reverse("meetings:detail", args=[public_meeting.pk])
    visit(Client(), url)
    public_meeting.title = "Nieuwe titel"
    public_meeting.save()
    assert "Nieuwe titel" in visit(Client(), url).content.decode()


def test_a_join_shows_on_the_kept_circle_pages(personas, client_for):
    urls = [reverse("circles:list"), reverse("circles:detail", args=[personas.circle.slug])]
    for url in urls:
        visit(Client(), url)
        assert kept(visit(Client(), url))
    response = client_for(personas.outsider).post(reverse("circles:join", args=[personas.circle.slug]))
    assert response.status_code == 302
    for url in urls:
        assert "3 members" in visit(Client(), url).content.decode(), url


def test_each_visitor_gets_a_working_csrf_token_of_their_own():
    visit(Client(), reverse("home"))  # now kept
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visit(visitor, reverse("home"))
        assert kept(page)
        (token,) = set(TOKEN.findall(page.content.decode()))  # the language switch's form
        tokens.append(token)
        answer = visitor.post(reverse("set_language"), {"language": "nl", "next": "/", "csrfmiddlewaretoken": token})
        assert answer.status_code == 302  # a token from another visitor's page would answer 403
    assert tokens[0] != tokens[1]


def test_a_member_never_gets_the_visitors_page(personas, client_for):
    visit(Client(), reverse("home"))
    assert kept(visit(Client(), reverse("home")))
    page = visit(client_for(personas.member), reverse("home"))
    assert not kept(page)
    assert "Log out" in page.content.decode()
    assert "Log in" not in page.content.decode()


def test_a_visitor_with_a_session_or_messages_gets_a_fresh_page():
    visit(Client(), reverse("home"))
    for cookie in ("sessionid", "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "something"
        assert not kept(visit(visitor, reverse("home"))), cookie


def test_the_language_is_part_of_the_key():
    english = visit(Client(), reverse("circles:list"), HTTP_ACCEPT_LANGUAGE="en")
    dutch = visit(Client(), reverse("circles:list"), HTTP_ACCEPT_LANGUAGE="nl")
    assert not kept(dutch)
    assert 'lang="nl"' in dutch.content.decode() and 'lang="en"' in english.content.decode()
    assert kept(visit(Client(), reverse("circles:list"), HTTP_ACCEPT_LANGUAGE="nl"))


def test_the_query_string_is_part_of_the_key_and_a_long_one_is_not_kept(personas):
    url = reverse("circles:list")
    visit(Client(), url)
    assert not kept(visit(Client(), url + "?a=1"))
    long = url + "?q=" + "x" * whole_page.MAX_PATH
    visit(Client(), long)
    assert not kept(visit(Client(), long))


def test_a_page_not_found_is_not_kept():
    for _ in range(2):
        response = Client().get(reverse("circles:detail", args=["no-such-circle"]))
        assert response.status_code == 404
    assert not [key for key in caches["pages"]._cache if "whole-page" in key]


def test_posts_are_never_answered_from_the_kept_page(personas):
    visit(Client(), reverse("home"))
    response = Client().post(reverse("home"))
    assert response.status_code == 405


@pytest.fixture
def more_pages(personas):
    now = timezone.now()
    setup = make_round(
        is_public=True, opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=9)
    )
    opportunity = OpportunityFactory(title="Meedenken over armoede")
    return setup, [
        reverse("consultations:document_detail", args=[setup.document.slug]),
        reverse("consultations:round_detail", args=[setup.round.pk]),
        reverse("meetings:list"),
        reverse("opportunities:list"),
        reverse("opportunities:detail", args=[opportunity.pk]),
    ]


def test_the_other_visitor_pages_are_kept_too(more_pages):
    _setup, urls = more_pages
    for url in urls:
        assert not kept(visit(Client(), url)), url
        with CaptureQueriesContext(connection) as queries:
            assert kept(visit(Client(), url)), url
        assert len(queries) == 1, url


def test_a_document_change_shows_on_its_kept_pages_at_the_next_visit(more_pages):
    setup, urls = more_pages
    for url in urls[:2]:
        visit(Client(), url)
    setup.document.title = "Een nieuwe titel voor het advies"
    setup.document.save()
    for url in urls[:2]:
        page = visit(Client(), url)
        assert not kept(page), url
        assert "Een nieuwe titel voor het advies" in page.content.decode(), url


def test_the_host_is_part_of_the_key(settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    visit(Client(), reverse("circles:list"))
    assert kept(visit(Client(), reverse("circles:list")))
    assert not kept(visit(Client(), reverse("circles:list"), HTTP_HOST="other.example"))
