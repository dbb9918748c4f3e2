"""A trajectory session is a meeting: its meeting page says so and links to the trajectory."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.meetings.models import Visibility
from tests.factories.meetings import MeetingFactory


def test_the_meeting_page_of_a_session_links_to_its_trajectory(tot, client_for):
    session = tot.sessions[0]
    response = client_for(tot.personas.member).get(reverse("meetings:detail", args=[session.meeting_id]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Session of the learning trajectory" in body
    link = f'href="{reverse("tandems:trajectory_detail", args=["tot"])}"'
    assert link in body
    assert "Tandem Ontwikkel Traject</a>" in body


def test_a_visitor_reads_the_trajectory_name_without_a_link_to_a_page_for_members(tot, client_for):
    meeting = tot.sessions[0].meeting
    meeting.visibility = Visibility.PUBLIC
    meeting.save(update_fields=["visibility"])
    response = client_for(None).get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Session of the learning trajectory Tandem Ontwikkel Traject" in body
    assert reverse("tandems:trajectory_detail", args=["tot"]) not in body


def test_an_ordinary_meeting_has_no_trajectory_line(tot, client_for):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    response = client_for(tot.personas.member).get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert "Session of the learning trajectory" not in response.content.decode()


def test_a_session_page_makes_no_more_queries_than_an_ordinary_meeting_page(tot, client_for):
    """The session, its module and trajectory come with the page state every meeting page reads:
    as many queries as an ordinary meeting page, the first time and once the state is cached."""
    client = client_for(tot.personas.member)
    client.get(reverse("meetings:detail", args=[MeetingFactory(visibility=Visibility.PUBLIC).pk]))  # warm the session
    ordinary = reverse("meetings:detail", args=[MeetingFactory(visibility=Visibility.PUBLIC).pk])
    session = reverse("meetings:detail", args=[tot.sessions[0].meeting_id])
    counts = {}
    for round_ in ("cold", "warm"):
        for name, url in (("ordinary", ordinary), ("session", session)):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[round_, name] = len(queries.captured_queries)
    assert counts["cold", "session"] == counts["cold", "ordinary"]
    assert counts["warm", "session"] == counts["warm", "ordinary"] < counts["cold", "ordinary"]
