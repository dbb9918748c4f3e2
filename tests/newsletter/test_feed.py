"""The newsletter's public editions as an Atom feed, read with feedparser: only editions that went
out and that everyone may read; announced on the archive and on an edition's page."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.newsletter.models import Edition
from tests.factories.newsletter import EditionFactory

pytestmark = pytest.mark.usefixtures("english")


def _sent(**fields) -> Edition:
    return EditionFactory(status=Edition.Status.SENT, sending_started_at=timezone.now(), **fields)


def _feed(client):
    response = client.get(reverse("newsletter:editions_atom"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, response.content.decode()


def test_the_feed_holds_public_editions_that_went_out_newest_first(client, db):
    today = timezone.localdate()
    older = _sent(title="Stand van zaken zomer", issue_date=today - datetime.timedelta(days=120))
    newer = _sent(title="Stand van zaken winter", issue_date=today - datetime.timedelta(days=5))
    EditionFactory(title="Nog in voorbereiding")  # a draft
    _sent(title="Alleen voor leden", audience=Edition.Audience.MEMBERS, visibility=Edition.Visibility.MEMBERS)

    feed, raw = _feed(client)
    assert [entry.title for entry in feed.entries] == ["Stand van zaken winter", "Stand van zaken zomer"]
    assert "Nog in voorbereiding" not in raw and "Alleen voor leden" not in raw
    assert feed.entries[0].link == f"http://testserver{reverse('newsletter:edition', args=[newer.pk])}"
    assert feed.entries[1].link == f"http://testserver{reverse('newsletter:edition', args=[older.pk])}"
    assert feed.feed.link == f"http://testserver{reverse('newsletter:archive')}"
    assert "<strong>volop</strong>" in feed.entries[0].summary


def test_script_in_an_introduction_does_not_reach_the_feed(client, db):
    _sent(title="Veilig", introduction_html="<p>Hallo</p>")  # stored sanitised, as the service saves it
    feed, raw = _feed(client)
    assert feed.entries[0].summary == "<p>Hallo</p>"
    assert "<script" not in raw


def test_the_feed_is_announced_on_the_archive_and_an_editions_page(client, db):
    edition = _sent(title="Stand van zaken winter")
    link = f'<link rel="alternate" type="application/atom+xml" title="Newsletter editions (Atom feed)" href="{reverse("newsletter:editions_atom")}">'
    for url in (reverse("newsletter:archive"), reverse("newsletter:edition", args=[edition.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert link in response.content.decode()


def test_an_empty_feed_is_still_a_valid_feed(client, db):
    feed, _ = _feed(client)
    assert feed.entries == []
