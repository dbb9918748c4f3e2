"""A circle's updates as an Atom feed, read with feedparser: active circles only, sanitised HTML."""

import datetime

import feedparser
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.services import post_update
from tests.factories.circles import CircleFactory, CircleUpdateFactory


def _feed(client, slug: str):
    response = client.get(reverse("circles:updates_atom", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, response.content.decode()


def test_a_circles_feed_holds_its_updates_newest_first(personas, client):
    older = CircleUpdateFactory(
        circle=personas.circle,
        author=personas.kartrekker,
        title="Eerste stand van zaken",
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    newer = CircleUpdateFactory(circle=personas.circle, author=personas.kartrekker, title="Tweede stand van zaken")
    CircleUpdateFactory(circle=CircleFactory(name="Kring Zorg"), title="Nieuws van een andere kring")

    feed, raw = _feed(client, personas.circle.slug)
    assert feed.feed.title == "Kring Onderzoek: updates"
    assert feed.feed.link == f"http://testserver{reverse('circles:detail', args=[personas.circle.slug])}"
    assert [entry.title for entry in feed.entries] == ["Tweede stand van zaken", "Eerste stand van zaken"]
    assert "Nieuws van een andere kring" not in raw
    updates = reverse("circles:updates", args=[personas.circle.slug])
    assert feed.entries[0].link == f"http://testserver{updates}#update-{newer.pk}"
    assert feed.entries[1].id != feed.entries[0].id
    assert feed.entries[0].author == "Karim Kartrekker"
    assert "<strong>volop</strong>" in feed.entries[0].summary
    assert older.title in raw


def test_html_in_an_update_is_sanitised_before_it_reaches_the_feed(personas, client):
    post_update(
        circle=personas.circle,
        author=personas.kartrekker,
        title="Met een script",
        body='Hallo <script>alert("x")</script> <a href="javascript:alert(1)">klik</a>',
    )
    feed, raw = _feed(client, personas.circle.slug)
    assert "script" not in feed.entries[0].summary
    assert "javascript:" not in raw


def test_an_inactive_or_unknown_circle_has_no_feed(personas, client):
    stopped = CircleFactory(slug="gestopt", is_active=False)
    CircleUpdateFactory(circle=stopped, title="Geheim nieuws")
    assert client.get(reverse("circles:updates_atom", args=["gestopt"])).status_code == 404
    assert client.get(reverse("circles:updates_atom", args=["bestaat-niet"])).status_code == 404


def test_the_feed_costs_the_same_with_many_updates(personas, client, django_assert_max_num_queries):
    url = reverse("circles:updates_atom", args=[personas.circle.slug])
    with django_assert_max_num_queries(3) as few:
        client.get(url)
    few_count = len(few)
    CircleUpdateFactory.create_batch(60, circle=personas.circle)
    with django_assert_max_num_queries(few_count):
        response = client.get(url)
    assert len(feedparser.parse(response.content).entries) == 50


def test_the_circle_pages_announce_the_feed(personas, client):
    link = (
        '<link rel="alternate" type="application/atom+xml" title="Updates of Kring Onderzoek (Atom feed)" '
        f'href="{reverse("circles:updates_atom", args=[personas.circle.slug])}">'
    )
    for url in (
        reverse("circles:detail", args=[personas.circle.slug]),
        reverse("circles:updates", args=[personas.circle.slug]),
    ):
        body = client.get(url).content.decode()
        assert link in body
        assert body.index(link) < body.index("</head>")
