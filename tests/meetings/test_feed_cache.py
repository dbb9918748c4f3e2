"""The public and circle feeds come from the process cache, keyed by the meetings' revisions.

Each test reads a feed (filling the cache), changes a meeting the way the application does, and
reads the feed again: it must be exactly what building it afresh gives.
"""

import icalendar
import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from samenspel.meetings import selectors
from samenspel.meetings.ics import cached_feed_ics, calendar_ics
from samenspel.meetings.models import Meeting, Visibility
from samenspel.meetings.services import planning
from tests.factories.meetings import MeetingFactory


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.SITE_URL = "https://samenspel.example"


def events(client, url) -> dict[str, icalendar.Event]:
    response = client.get(url)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content.decode())
    return {str(event["SUMMARY"]): event for event in calendar.events}


def test_the_cached_feed_is_the_feed_built_afresh(db):
    for n in range(5):
        MeetingFactory(visibility=Visibility.PUBLIC, title=f"Open {n}", online_url="https://m.example/r")
    meetings = selectors.public_feed_meetings()
    with translation.override("en"):
        fresh = calendar_ics(meetings, name="Feed")
        assert cached_feed_ics(meetings, name="Feed") == fresh  # built and cached
        assert cached_feed_ics(meetings, name="Feed") == fresh  # from the cache
        caches["pages"].clear()  # built again from nothing
        assert cached_feed_ics(meetings, name="Feed") == fresh


def test_a_changed_meeting_is_seen_in_the_feed_at_once(personas, client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC, title="Oude titel")
    url = reverse("meetings:feed_public")
    assert "Oude titel" in events(client, url)
    planning.update_meeting(actor=personas.coordinator, meeting=meeting, title="Nieuwe titel")
    found = events(client, url)
    assert set(found) == {"Nieuwe titel"}
    assert int(found["Nieuwe titel"]["SEQUENCE"]) == Meeting.objects.get(pk=meeting.pk).sequence


def test_a_cancelled_meeting_turns_cancelled_in_the_feed(personas, client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC, title="Gaat niet door")
    url = reverse("meetings:feed_circle", args=[personas.circle.slug])
    meeting.circle = personas.circle
    meeting.save()
    assert str(events(client, url)["Gaat niet door"]["STATUS"]) == "CONFIRMED"
    planning.cancel_meeting(actor=personas.coordinator, meeting=meeting, reason="")
    assert str(events(client, url)["Gaat niet door"]["STATUS"]) == "CANCELLED"


def test_meetings_that_come_and_go_are_seen_at_once(personas, client):
    url = reverse("meetings:feed_public")
    MeetingFactory(visibility=Visibility.PUBLIC, title="Eerste")
    assert set(events(client, url)) == {"Eerste"}
    second = MeetingFactory(visibility=Visibility.PUBLIC, title="Tweede")
    assert set(events(client, url)) == {"Eerste", "Tweede"}
    second.visibility = Visibility.MEMBERS
    second.save()
    assert set(events(client, url)) == {"Eerste"}
    Meeting.objects.filter(title="Eerste").delete()
    assert events(client, url) == {}


def test_the_feed_follows_the_language(db, client):
    """The feed's name and the word "Online" are translated: each language has its own copy."""
    MeetingFactory(visibility=Visibility.PUBLIC, title="Online overleg", location="", online_url="https://m.example")
    url = reverse("meetings:feed_public")
    assert str(events(client, url)["Online overleg"]["LOCATION"]) == "Online"
    client.cookies["django_language"] = "nl"
    response = client.get(url)
    assert "openbare bijeenkomsten" in response.content.decode()


def test_only_changed_meetings_are_read_again(db, client):
    meetings = [MeetingFactory(visibility=Visibility.PUBLIC) for _ in range(20)]
    url = reverse("meetings:feed_public")
    client.get(url)
    meetings[3].title = "Anders"
    meetings[3].save()
    with CaptureQueriesContext(connection) as queries:
        assert "Anders" in events(client, url)
    # the list of ids and revisions, then the one changed meeting
    assert len(queries.captured_queries) == 2
    assert f"IN ({meetings[3].pk})" in queries.captured_queries[1]["sql"]
