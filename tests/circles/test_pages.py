"""The circle list and circle page: what each persona sees, and query counts that do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.circles.models import Circle, CircleMembership
from tests.factories.circles import CircleFactory, CircleMembershipFactory, CircleUpdateFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def detail(personas):
    return reverse("circles:detail", args=[personas.circle.slug])


def fill(circle, members: int, updates: int):
    people = MemberFactory.create_batch(members, consented=False)
    CircleMembership.objects.bulk_create([CircleMembership(circle=circle, member=p) for p in people])
    CircleMembership.objects.bulk_create(
        [
            CircleMembership(circle=circle, member=p, role=CircleMembership.Role.LEAD)
            for p in MemberFactory.create_batch(3)
        ]
    )
    CircleUpdateFactory.create_batch(updates, circle=circle, author=people[0])


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_circle_page_shows_purpose_leads_and_member_count(personas, client_for):
    page = client_for(None).get(detail(personas)).content.decode()
    assert "Kring Onderzoek" in page
    assert "Purpose" in page
    assert "Karim Kartrekker" in page
    assert "2 members" in page
    assert "Log in to join this circle" in page
    assert reverse("circles:join", args=["onderzoek"]) not in page


@pytest.mark.parametrize(
    "persona,present,absent",
    [
        ("pending", ["after a coordinator has approved"], ["circles/onderzoek/join/", "/invite/"]),
        ("outsider", ["/circles/onderzoek/join/", "Join this circle"], ["/leave/", "/invite/", "/updates/new/"]),
        ("member", ["/circles/onderzoek/leave/", "/circles/onderzoek/invite/"], ["/join/", "/updates/new/", "/leads/"]),
        ("kartrekker", ["You lead this circle.", "/updates/new/", "/requests/", "/invite/"], ["/leads/", "/edit/"]),
        ("coordinator", ["/updates/new/", "/requests/", "/leads/", "/circles/onderzoek/edit/", "/join/"], []),
    ],
)
def test_each_persona_sees_the_actions_they_may_take(personas, client_for, persona, present, absent):
    page = client_for(getattr(personas, persona)).get(detail(personas)).content.decode()
    for text in present:
        assert text in page, text
    for text in absent:
        assert text not in page, text


def test_a_circle_on_request_offers_to_ask(personas, client_for):
    circle = CircleFactory(join_policy=Circle.JoinPolicy.ON_REQUEST)
    page = client_for(personas.outsider).get(reverse("circles:detail", args=[circle.slug])).content.decode()
    assert "Ask to join" in page
    CircleMembershipFactory(circle=circle, member=personas.outsider, status=CircleMembership.Status.REQUESTED)
    page = client_for(personas.outsider).get(reverse("circles:detail", args=[circle.slug])).content.decode()
    assert "Withdraw my request" in page


def test_unknown_slug_is_404(client_for, db):
    for slug in ("bestaat-niet", "overview-x"):
        assert client_for(None).get(f"/circles/{slug}/").status_code == 404
    assert client_for(None).get("/circles/%3Cscript%3E/").status_code == 404


@pytest.mark.parametrize("persona", ["visitor", "member", "kartrekker", "coordinator"])
def test_circle_page_query_count_does_not_grow(personas, client_for, persona):
    small = CircleFactory(slug="klein")
    big = CircleFactory(slug="groot")
    fill(small, members=10, updates=2)
    fill(big, members=500, updates=50)
    person = getattr(personas, persona, None)
    for circle in (small, big):
        if person is not None and persona != "coordinator":
            CircleMembership.objects.create(
                circle=circle,
                member=person,
                role=CircleMembership.Role.LEAD if persona == "kartrekker" else CircleMembership.Role.MEMBER,
            )
    client = client_for(person)
    client.get(reverse("circles:list"))  # warm-up: the logged-in member is cached after a first request
    small_count = count_queries(client, "/circles/klein/")
    big_count = count_queries(client, "/circles/groot/")
    assert small_count == big_count
    assert big_count <= 15


def test_circle_list_query_count_does_not_grow(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.member)
    for _ in range(3):
        fill(CircleFactory(), members=10, updates=1)
    few = count_queries(client, reverse("circles:list"))
    for _ in range(30):
        CircleFactory()
    fill(CircleFactory(), members=500, updates=50)
    with django_assert_max_num_queries(few):
        response = client.get(reverse("circles:list"))
    assert response.content.decode().count('class="samenspel-card"') == 35


def test_updates_page_query_count_is_fixed(personas, client_for, django_assert_max_num_queries):
    fill(personas.circle, members=5, updates=50)
    client = client_for(personas.kartrekker)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("circles:updates", args=["onderzoek"]), {"page": 2})
    assert response.content.decode().count('class="samenspel-update"') == 20


def test_requests_page_query_count_is_fixed(personas, client_for, django_assert_max_num_queries):
    people = MemberFactory.create_batch(200, consented=False)
    CircleMembership.objects.bulk_create(
        [CircleMembership(circle=personas.circle, member=p, status=CircleMembership.Status.REQUESTED) for p in people]
    )
    client = client_for(personas.kartrekker)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("circles:requests", args=["onderzoek"]))
    assert response.content.decode().count('name="decision" value="approve"') == 200
