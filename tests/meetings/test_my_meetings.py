"""The "My meetings" page: the member's coming and past registrations, their status and reports."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting, Registration, Report, Visibility
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.usefixtures("english")
URL = reverse("meetings:mine")


def _past(title: str, days: int = 10, **kwargs) -> Meeting:
    return MeetingFactory(
        title=title,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - datetime.timedelta(days=days),
        ends_at=timezone.now() - datetime.timedelta(days=days, hours=-2),
        **kwargs,
    )


def _section(body: str, heading: str) -> str:
    """The page from `heading` to the next h2 (or the end)."""
    start = body.index(heading)
    following = body.find("<h2", start)
    return body[start : following if following != -1 else None]


def _page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response.content.decode()


def test_coming_meetings_with_a_place_a_waitlist_place_or_cancelled(personas, client_for):
    confirmed = RegistrationFactory(member=personas.member, meeting=MeetingFactory(title="Netwerkavond")).meeting
    full = MeetingFactory(title="Schrijfmiddag", capacity=1)
    start = timezone.now() - datetime.timedelta(days=1)
    RegistrationFactory(meeting=full, queued_at=start)
    RegistrationFactory(meeting=full, status=Registration.Status.WAITLISTED, queued_at=start)
    RegistrationFactory(
        meeting=full,
        member=personas.member,
        status=Registration.Status.WAITLISTED,
        queued_at=start + datetime.timedelta(minutes=5),
    )
    RegistrationFactory(
        member=personas.member, meeting=MeetingFactory(title="Toch niet"), status=Registration.Status.CANCELLED
    )
    coming = _section(_page(client_for(personas.member)), "Coming meetings")
    assert "Netwerkavond" in coming and "You are registered" in coming
    assert f'href="{reverse("meetings:detail", args=[confirmed.pk])}"' in coming
    assert "Schrijfmiddag" in coming and "On the waitlist, place 2" in coming
    assert "Toch niet" in coming and "You are no longer registered" in coming


def test_registering_again_after_cancelling_shows_the_meeting_once(personas, client_for):
    meeting = MeetingFactory(title="Tweede poging")
    RegistrationFactory(member=personas.member, meeting=meeting, status=Registration.Status.CANCELLED)
    RegistrationFactory(member=personas.member, meeting=meeting)
    body = _page(client_for(personas.member))
    assert body.count("Tweede poging") == 1
    assert "You are registered" in body and "You are no longer registered" not in body


def test_past_meetings_link_to_the_reports_the_member_may_read(personas, client_for):
    public = _past("Open verslag", days=3)
    Report.objects.create(meeting=public, visibility=Visibility.PUBLIC, published_at=timezone.now())
    for_participants = _past("Verslag voor deelnemers", days=4)
    Report.objects.create(meeting=for_participants, visibility="participants", published_at=timezone.now())
    unpublished = _past("Nog geen verslag", days=5)
    Report.objects.create(meeting=unpublished, visibility=Visibility.PUBLIC)
    cancelled_then = _past("Afgemeld toen", days=6)
    Report.objects.create(meeting=cancelled_then, visibility="participants", published_at=timezone.now())
    for meeting in (public, for_participants, unpublished):
        RegistrationFactory(member=personas.member, meeting=meeting, attended=True)
    RegistrationFactory(member=personas.member, meeting=cancelled_then, status=Registration.Status.CANCELLED)

    client = client_for(personas.member)
    past = _section(_page(client), "Meetings that were held")
    for meeting in (public, for_participants):
        href = reverse("meetings:report", args=[meeting.pk])
        assert f'href="{href}"' in past
        assert client.get(href).status_code == 200  # the page agrees: the member may read it
    for meeting in (unpublished, cancelled_then):
        assert reverse("meetings:report", args=[meeting.pk]) not in past
        assert meeting.title in past
    assert client.get(reverse("meetings:report", args=[cancelled_then.pk])).status_code == 404


def test_a_meeting_the_member_may_no_longer_see_is_listed_without_a_link(personas, client_for):
    left = CircleFactory(name="Kring Verlaten", slug="verlaten")
    meeting = MeetingFactory(title="Kringavond verlaten kring", circle=left, visibility=Visibility.CIRCLE)
    RegistrationFactory(member=personas.member, meeting=meeting)  # registered while a member, then left
    body = _page(client_for(personas.member))
    assert "Kringavond verlaten kring" in body
    assert reverse("meetings:detail", args=[meeting.pk]) not in body
    assert client_for(personas.member).get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404


def test_drafts_and_other_peoples_registrations_are_not_shown(personas, client_for):
    RegistrationFactory(member=personas.member, meeting=MeetingFactory(title="Concept", status=Meeting.Status.DRAFT))
    RegistrationFactory(member=personas.outsider, meeting=MeetingFactory(title="Van een ander"))
    RegistrationFactory(member=None, name="Gast", email="gast@example.org", meeting=MeetingFactory(title="Gastavond"))
    body = _page(client_for(personas.member))
    assert "Concept" not in body and "Van een ander" not in body and "Gastavond" not in body
    assert "You have not signed up for a coming meeting." in body
    assert "There are no past meetings yet." in body


def test_the_past_is_shown_a_page_at_a_time_newest_first(personas, client_for):
    for days in range(1, 26):
        RegistrationFactory(member=personas.member, meeting=_past(f"Geweest {days:02d}", days=days))
    client = client_for(personas.member)
    first = _page(client)
    titles = re.findall(r"Geweest (\d\d)", first)
    assert titles == [f"{days:02d}" for days in range(1, 21)]
    second = client.get(URL, {"page": 2}).content.decode()
    assert re.findall(r"Geweest (\d\d)", second) == [f"{days:02d}" for days in range(21, 26)]
    assert client.get(URL, {"page": "x"}).status_code == 200  # a bad page number shows the first page


def test_the_page_costs_the_same_with_many_registrations(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.member)
    RegistrationFactory(member=personas.member)
    RegistrationFactory(member=personas.member, meeting=_past("Eerder", days=100))
    client.get(URL)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    few_count = len(few)  # read now: the next request empties the connection's query log
    for i in range(30):
        meeting = MeetingFactory(capacity=1, circle=CircleFactory(), visibility=Visibility.PUBLIC)
        RegistrationFactory(meeting=meeting)
        RegistrationFactory(meeting=meeting, member=personas.member, status=Registration.Status.WAITLISTED)
        held = _past(f"Verleden {i}", days=i + 1)
        Report.objects.create(meeting=held, visibility="participants", published_at=timezone.now())
        RegistrationFactory(member=personas.member, meeting=held, attended=True)
    client.get(URL)
    with django_assert_max_num_queries(few_count):
        body = client.get(URL).content.decode()
    assert body.count("On the waitlist, place 1") == 30
    assert body.count("Read the report") == 20


def test_visitors_log_in_first_and_people_whose_sign_up_waits_may_not(personas, client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert client_for(personas.pending).get(URL).status_code == 403
    assert client_for(personas.outsider).get(URL).status_code == 200
    assert client_for(personas.outsider).post(URL).status_code == 405


def test_the_menu_and_the_home_page_link_to_my_meetings(personas, client_for):
    body = client_for(personas.member).get(reverse("home")).content.decode()
    menu = body[body.index('aria-label="Main menu"') : body.index("</nav>")]
    assert f'href="{URL}"' in menu
    # the menu (twice: folded for narrow screens and as a row for wide ones) and the member's section
    assert body.count(f'href="{URL}"') == 3
    visitor = client_for(None).get(reverse("home")).content.decode()
    assert URL not in visitor


def test_the_page_is_in_dutch_by_default(personas, client_for, settings):
    settings.LANGUAGE_CODE = "nl"
    from django.utils import translation

    with translation.override("nl"):
        RegistrationFactory(member=personas.member)
        body = client_for(personas.member).get(URL, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Mijn bijeenkomsten" in body and "Komende bijeenkomsten" in body and "Je bent ingeschreven" in body
