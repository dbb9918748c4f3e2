"""The home page shows the first circles, with a link to all of them (not hundreds of cards)."""

import pytest
from django.test import Client
from django.urls import reverse

from samenspel.site.views import CIRCLES_ON_HOME
from tests.factories.circles import CircleFactory
from tests.factories.members import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_home_page_shows_the_first_circles_in_their_order_and_links_to_all():
    circles = [CircleFactory(name=f"Circle {n:02}", slug=f"circle-{n:02}", position=n) for n in range(9, 0, -1)][::-1]
    member = Client()
    member.force_login(MemberFactory())
    for client in (Client(), member):
        page = client.get(reverse("home")).content.decode()
        shown = [circle for circle in circles if f'href="/circles/{circle.slug}/"' in page]
        assert shown == circles[:CIRCLES_ON_HOME]
        assert f'href="{reverse("circles:list")}">See all circles</a>' in page
    listing = Client().get(reverse("circles:list")).content.decode()
    assert all(f'href="/circles/{circle.slug}/"' in listing for circle in circles)  # the list shows them all


def test_a_circle_made_inactive_leaves_room_for_the_next():
    circles = [CircleFactory(slug=f"circle-{n:02}", position=n) for n in range(1, CIRCLES_ON_HOME + 2)]
    circles[0].is_active = False
    circles[0].save()
    page = Client().get(reverse("home")).content.decode()
    assert f'href="/circles/{circles[0].slug}/"' not in page
    assert f'href="/circles/{circles[CIRCLES_ON_HOME].slug}/"' in page
