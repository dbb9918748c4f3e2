"""Atom feeds of public meetings and of published reports, read with feedparser: only public content."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting, Report, Visibility
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.usefixtures("english")
ATOM = "application/atom+xml; charset=utf-8"


def _feed(client, name: str):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"] == ATOM
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed, response.content.decode()


def _held(title: str, *, visibility=Visibility.PUBLIC, **kwargs) -> Meeting:
    return MeetingFactory(
        title=title,
        visibility=visibility,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - datetime.timedelta(days=5),
        ends_at=timezone.now() - datetime.timedelta(days=5, hours=-2),
        **kwargs,
    )


def test_the_public_meetings_feed_holds_public_meetings_only(db, client):
    circle = CircleFactory(name="Kring Onderzoek")
    open_evening = MeetingFactory(title="Open avond", visibility=Visibility.PUBLIC, circle=circle)
    MeetingFactory(title="Gaat niet door", visibility=Visibility.PUBLIC, status=Meeting.Status.CANCELLED)
    MeetingFactory(title="Alleen leden", visibility=Visibility.MEMBERS)
    MeetingFactory(title="Alleen de kring", visibility=Visibility.CIRCLE, circle=circle)
    MeetingFactory(title="Nog een concept", visibility=Visibility.PUBLIC, status=Meeting.Status.DRAFT)
    MeetingFactory(
        title="Heel lang geleden",
        visibility=Visibility.PUBLIC,
        starts_at=timezone.now() - datetime.timedelta(days=400),
        ends_at=timezone.now() - datetime.timedelta(days=400, hours=-2),
    )

    feed, raw = _feed(client, "meetings:atom")
    titles = {entry.title for entry in feed.entries}
    assert titles == {"Open avond", "Cancelled: Gaat niet door"}
    assert "Alleen leden" not in raw and "Alleen de kring" not in raw and "Nog een concept" not in raw
    entry = next(entry for entry in feed.entries if entry.title == "Open avond")
    assert entry.link == f"http://testserver{reverse('meetings:detail', args=[open_evening.pk])}"
    assert "Kring Onderzoek" in entry.summary
    assert "Buurthuis De Meeuw" in entry.summary
    assert entry.updated_parsed is not None
    assert feed.feed.title.endswith(": public meetings")
    assert feed.feed.link == f"http://testserver{reverse('meetings:list')}"


def test_a_meetings_description_is_escaped_in_the_feed(db, client):
    MeetingFactory(
        title="Avond <b>vet</b>",
        visibility=Visibility.PUBLIC,
        description='Kom ook!\n<script>alert("x")</script>',
    )
    feed, raw = _feed(client, "meetings:atom")
    assert "<script>" not in raw
    # The summary is HTML in which the organisers' text is text: the tag is shown, not run.
    assert "&lt;script&gt;" in feed.entries[0].summary
    assert feed.entries[0].title == "Avond <b>vet</b>"


def test_the_reports_feed_holds_reports_published_for_everyone_of_public_meetings(db, client):
    public = _held("Openbare bijeenkomst")
    Report.objects.create(
        meeting=public,
        visibility=Visibility.PUBLIC,
        published_at=timezone.now(),
        introduction="We spraken over **de buurt**.",
        introduction_html="<p>We spraken over <strong>de buurt</strong>.</p>",
    )
    Report.objects.create(
        meeting=_held("Verslag voor leden"), visibility=Visibility.MEMBERS, published_at=timezone.now()
    )
    Report.objects.create(
        meeting=_held("Verslag voor deelnemers"), visibility="participants", published_at=timezone.now()
    )
    Report.objects.create(meeting=_held("Nog niet gepubliceerd"), visibility=Visibility.PUBLIC)
    Report.objects.create(
        meeting=_held("Bijeenkomst voor leden", visibility=Visibility.MEMBERS),
        visibility=Visibility.PUBLIC,
        published_at=timezone.now(),
    )

    feed, raw = _feed(client, "meetings:reports_atom")
    assert [entry.title for entry in feed.entries] == ["Report: Openbare bijeenkomst"]
    entry = feed.entries[0]
    assert entry.link == f"http://testserver{reverse('meetings:report', args=[public.pk])}"
    assert "<strong>de buurt</strong>" in entry.summary
    for hidden in ("Verslag voor leden", "Verslag voor deelnemers", "Nog niet gepubliceerd", "Bijeenkomst voor leden"):
        assert hidden not in raw
    # What the feed links to, a visitor may read.
    assert client.get(reverse("meetings:report", args=[public.pk])).status_code == 200


def test_a_logged_in_member_gets_the_same_public_feed(personas, client_for):
    MeetingFactory(title="Alleen leden", visibility=Visibility.MEMBERS)
    MeetingFactory(title="Open avond", visibility=Visibility.PUBLIC)
    feed, raw = _feed(client_for(personas.coordinator), "meetings:atom")
    assert [entry.title for entry in feed.entries] == ["Open avond"]
    assert "Alleen leden" not in raw


def test_the_feeds_cost_the_same_with_many_items(db, client, django_assert_max_num_queries):
    for name in ("meetings:atom", "meetings:reports_atom"):
        with django_assert_max_num_queries(3) as few:
            client.get(reverse(name))
        assert len(few) <= 3
    for i in range(30):
        meeting = _held(f"Bijeenkomst {i}", circle=CircleFactory())
        Report.objects.create(meeting=meeting, visibility=Visibility.PUBLIC, published_at=timezone.now())
        MeetingFactory(visibility=Visibility.PUBLIC, circle=CircleFactory())
    # 60 public meetings: the feed holds the latest 50; 30 reports.
    for name, entries in (("meetings:atom", 50), ("meetings:reports_atom", 30)):
        with django_assert_max_num_queries(3):
            response = client.get(reverse(name))
        assert len(feedparser.parse(response.content).entries) == entries


def test_the_pages_announce_their_feeds(personas, client_for):
    meeting = _held("Openbare bijeenkomst")
    Report.objects.create(meeting=meeting, visibility=Visibility.PUBLIC, published_at=timezone.now())
    meetings_feed = f'<link rel="alternate" type="application/atom+xml" title="Public meetings (Atom feed)" href="{reverse("meetings:atom")}">'
    reports_feed = f'<link rel="alternate" type="application/atom+xml" title="Reports of meetings (Atom feed)" href="{reverse("meetings:reports_atom")}">'
    client = client_for(None)
    home = client.get(reverse("home")).content.decode()
    listing = client.get(reverse("meetings:list")).content.decode()
    report = client.get(reverse("meetings:report", args=[meeting.pk])).content.decode()
    assert meetings_feed in home and meetings_feed in listing
    assert reports_feed in listing and reports_feed in report
    assert home.index(meetings_feed) < home.index("</head>")
