"""Two app servers, each with its own process cache: a change made through one is shown by the other.

Two gunicorn processes (`two_servers`) on the test database and one Redis, as two app hosts behind
a load balancer (docs/production.md). Each keeps rendered fragments in its own memory ("pages"
cache); their keys carry versions read from the database, so a write through server one must be
on server two's very next page. First the test shows that server two does serve from its own
cache (a change made behind its back, without a version bump, is not on its page), then makes the
changes through HTTP on server one, as a coordinator and a kartrekker do.
"""

import pytest
from django.urls import reverse

from samenspel.circles.models import Circle

from .helpers import Browser, logged_in

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_change_through_server_one_is_on_server_two_at_the_next_request(two_servers, personas):
    one, two = two_servers
    circle = personas.circle
    visitor, member = Browser(), logged_in(personas.member)
    coordinator, kartrekker = logged_in(personas.coordinator), logged_in(personas.kartrekker)
    circle_list, circle_page = reverse("circles:list"), reverse("circles:detail", args=[circle.slug])
    home = reverse("home")

    for _ in range(2):  # the second time from server two's cache
        assert circle.summary in visitor.get(two, circle_list)
        assert circle.description in visitor.get(two, circle_page)
        assert circle.description in member.get(two, circle_page)
        assert "samenspel-nav__count" not in member.get(two, home)  # no unread messages
    Circle.objects.filter(pk=circle.pk).update(summary="Behind the cache's back")  # no version bump
    assert "Behind the cache's back" not in visitor.get(two, circle_list)  # server two serves its cache

    # Server one: the coordinator edits the circle, the kartrekker posts an update.
    edited = {
        "name": circle.name,
        "slug": circle.slug,
        "summary": "A new summary, saved through server one",
        "description": "A new description, saved through server one",
        "join_policy": circle.join_policy,
        "meets": circle.meets,
    }
    assert coordinator.submit(one, reverse("circles:edit", args=[circle.slug]), edited) == 302
    update = {"title": "News posted through server one", "body": "Shown on server two at once."}
    assert kartrekker.submit(one, reverse("circles:update_create", args=[circle.slug]), update) == 302

    # Server two, the next request: the listing, the circle's page and the member's menu.
    assert edited["summary"] in visitor.get(two, circle_list)
    page = visitor.get(two, circle_page)
    assert edited["description"] in page
    assert update["title"] in page
    assert update["title"] in member.get(two, circle_page)
    assert "1 unread</span>" in member.get(two, home)  # the update is a message to the circle's members
    assert "1 unread</span>" in member.get(one, home)
