"""Upcoming meetings on the home page and the circle page, as far as the viewer may see them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting, Visibility
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def test_the_home_page_lists_upcoming_public_meetings_for_visitors(client, personas):
    MeetingFactory(title="Open avond", visibility=Visibility.PUBLIC)
    MeetingFactory(title="Alleen leden", visibility=Visibility.MEMBERS)
    MeetingFactory(title="Nog een concept", visibility=Visibility.PUBLIC, status=Meeting.Status.DRAFT)
    MeetingFactory(
        title="Al geweest",
        visibility=Visibility.PUBLIC,
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    page = client.get(reverse("home")).content.decode()
    assert "Upcoming meetings" in page
    assert "Open avond" in page
    assert "Alleen leden" not in page
    assert "Nog een concept" not in page
    assert "Al geweest" not in page


def test_members_see_members_meetings_on_the_home_page(client_for, personas):
    MeetingFactory(title="Alleen leden", visibility=Visibility.MEMBERS)
    page = client_for(personas.member).get(reverse("home")).content.decode()
    assert "Alleen leden" in page


def test_the_home_page_says_so_when_there_are_no_meetings(client, db):
    page = client.get(reverse("home")).content.decode()
    assert "There are no meetings to show." in page


def test_the_circle_page_lists_only_that_circles_meetings(client_for, personas):
    other = CircleFactory(name="Kring Zorg", slug="zorg")
    MeetingFactory(title="Kringavond onderzoek", circle=personas.circle, visibility=Visibility.CIRCLE)
    MeetingFactory(title="Kringavond zorg", circle=other, visibility=Visibility.MEMBERS)
    MeetingFactory(title="Netwerkdag", visibility=Visibility.MEMBERS)
    url = reverse("circles:detail", args=[personas.circle.slug])

    page = client_for(personas.member).get(url).content.decode()
    assert "Kringavond onderzoek" in page
    assert "Kringavond zorg" not in page
    assert "Netwerkdag" not in page
    assert f"{reverse('meetings:list')}?circle={personas.circle.pk}" in page

    # Someone outside the circle sees that there is a meeting for the circle's members (issue 16),
    # without a link to it or where it is (tests/circles/test_members_only_meetings.py).
    outside = client_for(personas.outsider).get(url).content.decode()
    assert "Kringavond onderzoek" in outside and "For members of the circle" in outside
    assert "Buurthuis De Meeuw" not in outside


def test_the_menu_links_to_the_meetings(client, db):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("meetings:list")}"' in page


def test_many_meetings_do_not_add_queries_to_the_home_page(client_for, personas, django_assert_max_num_queries):
    client = client_for(personas.member)
    # A first request loads what a worker keeps for every request (on PostgreSQL its count depended
    # on the tests the worker ran before); both counted requests below follow a new meeting, so both
    # render the meeting fragments anew.
    client.get(reverse("home"))
    MeetingFactory.create_batch(2, visibility=Visibility.MEMBERS)
    # 17 at most, two of them the circle cards' versions and order (circles.cards).
    with django_assert_max_num_queries(17) as few:
        client.get(reverse("home"))
    MeetingFactory.create_batch(60, visibility=Visibility.MEMBERS)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("home")).content.decode()
    assert page.count('class="samenspel-card"') >= 3
