"""The Atom feed of published reactienota's, read with feedparser: public documents only."""

import datetime

import feedparser
from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Comment, Version
from tests.factories.consultations import CommentFactory, DocumentFactory, RoundFactory, VersionFactory

URL = reverse("consultations:reactienota_atom")


def _answered(title: str, *, document=None, version_status=Version.Status.PUBLISHED, published=True):
    version = VersionFactory(document=document or DocumentFactory(title=f"Document van {title}"), status=version_status)
    round_ = RoundFactory(
        title=title,
        version=version,
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=5),
        reactienota_published_at=timezone.now() if published else None,
    )
    CommentFactory(round=round_, outcome=Comment.Outcome.ADOPTED, reason="Overgenomen.")
    CommentFactory(round=round_, outcome=Comment.Outcome.ADOPTED, reason="Ook.")
    CommentFactory(round=round_, outcome=Comment.Outcome.NOT_ADOPTED, reason="Past niet.")
    CommentFactory(round=round_, withdrawn_at=timezone.now(), outcome=Comment.Outcome.PARTLY, reason="Ingetrokken.")
    return round_


def _feed(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, response.content.decode()


def test_published_reactienotas_of_public_documents_are_in_the_feed(db, client):
    public = _answered("Ronde over het advies", document=DocumentFactory(title="Het advies"))
    _answered("Ronde op een ledendocument", document=DocumentFactory(is_public=False))
    _answered("Ronde zonder reactienota", published=False)
    _answered("Ronde op een concept", version_status=Version.Status.DRAFT)

    feed, raw = _feed(client)
    assert [entry.title for entry in feed.entries] == ["Reactienota: Ronde over het advies"]
    entry = feed.entries[0]
    assert entry.link == f"http://testserver{reverse('consultations:reactienota', args=[public.pk])}"
    assert "Het advies" in entry.summary
    assert "Adopted: 2" in entry.summary and "Not adopted: 1" in entry.summary
    assert "Partly adopted" not in entry.summary  # the withdrawn comment does not count
    for hidden in ("ledendocument", "zonder reactienota", "op een concept"):
        assert hidden not in raw
    assert client.get(reverse("consultations:reactienota", args=[public.pk])).status_code == 200


def test_the_feed_costs_the_same_with_many_rounds(db, client, django_assert_max_num_queries):
    _answered("Eerste ronde")
    with django_assert_max_num_queries(3) as few:
        client.get(URL)
    few_count = len(few)
    for i in range(12):
        _answered(f"Ronde {i}")
    with django_assert_max_num_queries(few_count):
        response = client.get(URL)
    assert len(feedparser.parse(response.content).entries) == 13


def test_the_consultation_pages_announce_the_feed(db, client):
    round_ = _answered("Ronde over het advies")
    link = f'<link rel="alternate" type="application/atom+xml" title="Reactienota\'s (Atom feed)" href="{URL}">'
    for url in (
        reverse("consultations:document_list"),
        reverse("consultations:round_list"),
        reverse("consultations:reactienota", args=[round_.pk]),
    ):
        body = client.get(url).content.decode()
        assert link in body, url
