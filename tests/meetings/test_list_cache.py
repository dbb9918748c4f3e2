"""The meetings list keeps each page's cards and the empty filter form in the cache (views/planning.py):
a change shows at the next request, the viewer's own registration is marked for them only, and the
number of queries does not grow with the meetings or the viewer's registrations."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.meetings.models import Registration, Visibility
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _list(client, **params) -> str:
    response = client.get(reverse("meetings:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_viewer_sees_their_own_registration_and_no_one_else_does(personas, client_for):
    confirmed = MeetingFactory(title="Bevestigd", visibility=Visibility.MEMBERS)
    waiting = MeetingFactory(title="Wachtend", visibility=Visibility.MEMBERS)
    RegistrationFactory(meeting=confirmed, member=personas.member, status=Registration.Status.CONFIRMED)
    RegistrationFactory(meeting=waiting, member=personas.member, status=Registration.Status.WAITLISTED)
    page = _list(client_for(personas.member))
    assert '<span class="samenspel-badge">Registered</span>' in page
    assert '<span class="samenspel-badge">On the waitlist</span>' in page
    for other in (personas.outsider, None):
        page = _list(client_for(other))
        assert '<span class="samenspel-badge">Registered</span>' not in page
        assert '<span class="samenspel-badge">On the waitlist</span>' not in page


def test_a_cancelled_registration_is_not_marked(personas, client_for):
    meeting = MeetingFactory(title="Afgemeld", visibility=Visibility.MEMBERS)
    RegistrationFactory(meeting=meeting, member=personas.member, status=Registration.Status.CANCELLED)
    assert '<span class="samenspel-badge">Registered</span>' not in _list(client_for(personas.member))


def test_a_members_own_statuses_follow_their_registration_and_cancellation_at_the_next_request(personas, client_for):
    """A member's statuses on a page are kept for them under the meetings' versions: registering
    through the form and cancelling show at the next request of the same session."""
    meeting = MeetingFactory(title="Kringavond", visibility=Visibility.MEMBERS, capacity=10)
    MeetingFactory(title="Andere avond", visibility=Visibility.MEMBERS)
    client = client_for(personas.member)
    registered = '<span class="samenspel-badge">Registered</span>'
    assert registered not in _list(client)
    response = client.post(reverse("meetings:register", args=[meeting.pk]))
    assert response.status_code == 302, response.content.decode()[:500]
    assert Registration.objects.get(meeting=meeting, member=personas.member).status == Registration.Status.CONFIRMED
    assert _list(client).count(registered) == 1
    assert registered not in _list(client_for(personas.kartrekker))  # another member's list
    Registration.objects.filter(meeting=meeting).delete()  # a deletion sends its signals too
    assert registered not in _list(client)


def test_places_taken_and_a_new_circle_name_show_at_the_next_request(personas, client_for):
    circle = CircleFactory(name="Kring Wonen")
    meeting = MeetingFactory(title="Buurtavond", circle=circle, visibility=Visibility.PUBLIC, capacity=30)
    client = client_for(None)
    page = _list(client)
    assert "0 registered / 30" in page and "Kring Wonen" in page
    RegistrationFactory(meeting=meeting, status=Registration.Status.CONFIRMED)
    assert "1 registered / 30" in _list(client)
    circle.name = "Kring Wonen en Buurt"
    circle.save()
    assert "Kring Wonen en Buurt" in _list(client)


def test_a_new_circle_shows_in_the_filter_at_the_next_request(personas, client_for):
    client = client_for(None)
    assert "Kring Nieuw" not in _list(client)
    CircleFactory(name="Kring Nieuw")
    assert "Kring Nieuw" in _list(client)


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("meetings:list"), params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["visitor", "member", "coordinator"])
def test_the_number_of_queries_does_not_grow_with_meetings_or_registrations(personas, client_for, persona):
    viewer = getattr(personas, persona)
    client = client_for(viewer)
    _list(client)  # the first request of a session does its own bookkeeping

    def add(number: int) -> None:
        for _ in range(number):
            meeting = MeetingFactory(visibility=Visibility.MEMBERS)
            if viewer is not None:
                RegistrationFactory(meeting=meeting, member=viewer, status=Registration.Status.CONFIRMED)
            RegistrationFactory(meeting=meeting, status=Registration.Status.CONFIRMED)

    add(3)
    few = _queries(client)
    add(60)
    many = _queries(client)  # the first request after the writes, as `few`
    assert few == many
    assert _queries(client) <= many  # again, with the cards from the cache
    assert many <= 10


def test_the_archive_of_a_year_links_to_each_month_with_its_number_of_meetings(personas, client_for):
    from django.utils import timezone

    last_year = timezone.localdate().year - 1
    for month, day in ((3, 5), (3, 19), (10, 2)):
        starts = timezone.make_aware(datetime.datetime(last_year, month, day, 19, 0))
        MeetingFactory(visibility=Visibility.PUBLIC, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    response = client_for(None).get(reverse("meetings:archive_year", args=[last_year]))
    page = response.content.decode()
    assert f'href="#month-{last_year}-03">March {last_year}</a> <span class="samenspel-meta">(2 meetings)' in page
    assert f'href="#month-{last_year}-10">October {last_year}</a> <span class="samenspel-meta">(1 meeting)' in page
    assert f'id="month-{last_year}-03"' in page
