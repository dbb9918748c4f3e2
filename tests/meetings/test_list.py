"""The meetings list: only what the viewer may see, filters by GET, pagination, constant queries."""

import datetime
import html
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting, Visibility
from samenspel.meetings.selectors import upcoming_for
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


MEETING_CARD_TITLE = re.compile(
    r'<h[23] class="utrecht-heading-[23]"><a class="utrecht-link" href="/meetings/\d+/">([^<]*)</a>'
)


def titles(response):
    """The titles of the meetings the page lists, as shown (a visitor's page may be a kept copy, without context)."""
    return {html.unescape(title) for title in MEETING_CARD_TITLE.findall(response.content.decode())}


@pytest.fixture
def mix(personas):
    other = CircleFactory(name="Andere kring")
    return {
        "public": MeetingFactory(title="Public", visibility=Visibility.PUBLIC),
        "members": MeetingFactory(title="Members", visibility=Visibility.MEMBERS),
        "circle": MeetingFactory(title="Circle", circle=personas.circle, visibility=Visibility.CIRCLE),
        "other_circle": MeetingFactory(title="Other circle", circle=other, visibility=Visibility.CIRCLE),
        "draft": MeetingFactory(title="Draft", circle=personas.circle, status=Meeting.Status.DRAFT),
        "past": MeetingFactory(
            title="Past",
            visibility=Visibility.PUBLIC,
            starts_at=timezone.now() - datetime.timedelta(days=3),
            ends_at=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
        ),
    }


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("visitor", {"Public"}),
        ("pending", {"Public"}),
        ("outsider", {"Public", "Members"}),
        ("orgrep", {"Public", "Members"}),
        ("municipality", {"Public", "Members"}),
        ("member", {"Public", "Members", "Circle"}),
        ("kartrekker", {"Public", "Members", "Circle", "Draft"}),
        ("coordinator", {"Public", "Members", "Circle", "Other circle", "Draft"}),
    ],
)
def test_the_list_shows_only_upcoming_meetings_the_viewer_may_see(personas, client_for, mix, persona, expected):
    response = client_for(getattr(personas, persona)).get(reverse("meetings:list"))
    assert response.status_code == 200
    assert titles(response) == expected


def test_filter_by_circle_and_network(personas, client_for, mix):
    client = client_for(personas.coordinator)
    assert titles(client.get(reverse("meetings:list"), {"circle": personas.circle.pk})) == {"Circle", "Draft"}
    assert titles(client.get(reverse("meetings:list"), {"circle": "network"})) == {"Public", "Members"}


def test_filter_online_or_on_location(personas, client_for):
    MeetingFactory(title="Online", online_url="https://meet.example.org/a", location="")
    MeetingFactory(title="Hybrid", online_url="https://meet.example.org/b", location="Buurthuis")
    MeetingFactory(title="Room", location="Buurthuis")
    client = client_for(personas.member)
    assert titles(client.get(reverse("meetings:list"), {"where": "online"})) == {"Online", "Hybrid"}
    assert titles(client.get(reverse("meetings:list"), {"where": "location"})) == {"Hybrid", "Room"}


def test_filter_by_month_uses_amsterdam_time_and_includes_past_meetings(personas, client_for):
    def at(*args):
        start = datetime.datetime(*args, tzinfo=AMS)
        return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=1)}

    MeetingFactory(title="New year night", **at(2031, 1, 1, 0, 30))  # 31 December 23:30 UTC
    MeetingFactory(title="December", **at(2030, 12, 31, 20, 0))
    MeetingFactory(title="Old", **at(2020, 1, 15, 20, 0))
    client = client_for(personas.member)
    assert titles(client.get(reverse("meetings:list"), {"month": "2031-01"})) == {"New year night"}
    assert titles(client.get(reverse("meetings:list"), {"month": "2030-12"})) == {"December"}
    assert titles(client.get(reverse("meetings:list"), {"month": "2020-01"})) == {"Old"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"month": "2031-13"}, "Fill in a month like 2025-02."),
        ({"month": "januari"}, "Fill in a month like 2025-02."),
        ({"month": "2031-01" * 100}, "Fill in a month like 2025-02."),
        ({"month": "<script>alert(1)</script>"}, "Fill in a month like 2025-02."),
        ({"circle": "999999"}, "Choose one of the circles in the list."),
        ({"circle": "abc"}, "Choose one of the circles in the list."),
        ({"where": "moon"}, "Choose one of the options."),
    ],
)
def test_bad_filters_show_a_message_and_are_left_out(personas, client_for, mix, params, message):
    response = client_for(personas.member).get(reverse("meetings:list"), params)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "<script>alert(1)</script>" not in page
    assert titles(response) == {"Public", "Members", "Circle"}


def test_cancelled_meetings_are_marked(personas, client_for):
    MeetingFactory(title="Off", status=Meeting.Status.CANCELLED)
    page = client_for(personas.member).get(reverse("meetings:list")).content.decode()
    assert "Off" in page and "Cancelled" in page


def test_pagination_keeps_the_filters(personas, client_for):
    MeetingFactory.create_batch(25, online_url="https://meet.example.org/x", location="")
    response = client_for(personas.member).get(reverse("meetings:list"), {"where": "online"})
    assert len(response.context["page"].object_list) == 20
    assert "?where=online&amp;page=2" in response.content.decode()
    second = client_for(personas.member).get(reverse("meetings:list"), {"where": "online", "page": 2})
    assert len(second.context["page"].object_list) == 5
    assert client_for(personas.member).get(reverse("meetings:list"), {"page": "x"}).status_code == 200


def test_the_list_has_a_constant_query_count(personas, client_for, django_assert_max_num_queries):
    circles = CircleFactory.create_batch(5)
    meetings = [
        MeetingFactory(circle=circles[i % 5] if i % 2 else None, visibility=Visibility.PUBLIC) for i in range(320)
    ]
    for meeting in meetings[:40]:
        RegistrationFactory.create_batch(2, meeting=meeting)
    for persona in ("visitor", "member", "coordinator"):
        client = client_for(getattr(personas, persona))
        with django_assert_max_num_queries(15):
            response = client.get(reverse("meetings:list"))
        assert response.status_code == 200
        with django_assert_max_num_queries(15):
            client.get(reverse("meetings:list"), {"page": 16, "where": "location", "circle": circles[1].pk})


def test_upcoming_for_gives_the_next_published_meetings(personas):
    soon = MeetingFactory(title="Soon", starts_at=timezone.now() + datetime.timedelta(days=1))
    later = MeetingFactory(title="Later", starts_at=timezone.now() + datetime.timedelta(days=2))
    MeetingFactory(title="Draft", status=Meeting.Status.DRAFT)
    circle_meeting = MeetingFactory(title="Circle", circle=personas.circle, visibility=Visibility.CIRCLE)
    RegistrationFactory(meeting=soon)
    assert upcoming_for(personas.coordinator, limit=2) == [soon, later]
    assert upcoming_for(personas.outsider, circle=personas.circle) == []
    assert upcoming_for(personas.member, circle=personas.circle) == [circle_meeting]
    assert upcoming_for(None) == []  # members-only meetings
    assert upcoming_for(personas.member)[0].confirmed_count == 1


def test_the_filters_circles_follow_a_new_renamed_or_closed_circle_at_the_next_request(personas, client_for):
    client = client_for(None)
    circle = CircleFactory(name="Kring Vooraf")
    assert ">Kring Vooraf</option>" in client.get(reverse("meetings:list")).content.decode()
    circle.name = "Kring Hernoemd"
    circle.save()
    page = client.get(reverse("meetings:list")).content.decode()
    assert ">Kring Hernoemd</option>" in page and "Kring Vooraf" not in page
    CircleFactory(name="Kring Nieuw")
    assert ">Kring Nieuw</option>" in client.get(reverse("meetings:list")).content.decode()
    circle.is_active = False
    circle.save()
    assert "Kring Hernoemd" not in client.get(reverse("meetings:list")).content.decode()
    # A filter on a circle reads the same cached list and still filters.
    other = CircleFactory(name="Kring Gefilterd")
    MeetingFactory(title="Avond gefilterd", circle=other, visibility=Visibility.PUBLIC)
    MeetingFactory(title="Avond elders", visibility=Visibility.PUBLIC)
    page = client.get(reverse("meetings:list"), {"circle": other.pk}).content.decode()
    assert "Avond gefilterd" in page and "Avond elders" not in page


def test_the_visitors_list_follows_every_change_at_the_next_request(personas, client_for):
    """The visitors' list without filters is cached (views/planning.py, `_unfiltered_page`): a new
    meeting, a registration, a cancellation, a meeting made members-only and one that ended all
    show at the next request."""
    client = client_for(None)
    url = reverse("meetings:list")
    first = MeetingFactory(title="Eerste avond", visibility=Visibility.PUBLIC, capacity=10)
    assert titles(client.get(url)) == {"Eerste avond"}
    second = MeetingFactory(title="Tweede avond", visibility=Visibility.PUBLIC)
    assert titles(client.get(url)) == {"Eerste avond", "Tweede avond"}
    RegistrationFactory(meeting=first)
    assert "1 registered / 10" in client.get(url).content.decode()
    second.visibility = Visibility.MEMBERS
    second.save()
    assert titles(client.get(url)) == {"Eerste avond"}
    first.status = Meeting.Status.CANCELLED
    first.save()
    assert "Cancelled" in client.get(url).content.decode()
    with time_machine.travel(first.ends_at + datetime.timedelta(minutes=1)):
        assert titles(client.get(url)) == set()
    # Members and filtered lists are not the visitors' list: they see their own at once too.
    assert titles(client_for(personas.member).get(url)) == {"Eerste avond", "Tweede avond"}


def test_the_visitors_list_pages_and_a_page_out_of_range(personas, client_for):
    client = client_for(None)
    url = reverse("meetings:list")
    start = timezone.now() + datetime.timedelta(days=1)
    for number in range(25):
        MeetingFactory(
            title=f"Avond {number:02d}",
            visibility=Visibility.PUBLIC,
            starts_at=start + datetime.timedelta(days=number),
            ends_at=start + datetime.timedelta(days=number, hours=2),
        )
    assert titles(client.get(url)) == {f"Avond {n:02d}" for n in range(20)}
    assert titles(client.get(url, {"page": 2})) == {f"Avond {n:02d}" for n in range(20, 25)}
    assert titles(client.get(url, {"page": 99})) == {f"Avond {n:02d}" for n in range(20, 25)}  # the last page
    assert titles(client.get(url, {"page": "x"})) == {f"Avond {n:02d}" for n in range(20)}


def test_one_cache_never_shows_a_viewer_what_another_may_see(personas, client_for, mix):
    """The list without filters is cached per audience (`access.audience_of`): asked in turn by
    everyone, with the widest first, each still sees only their own meetings."""
    expected = {
        "coordinator": {"Public", "Members", "Circle", "Other circle", "Draft"},
        "kartrekker": {"Public", "Members", "Circle", "Draft"},
        "member": {"Public", "Members", "Circle"},
        "outsider": {"Public", "Members"},
        "pending": {"Public"},
        "visitor": {"Public"},
    }
    for _ in range(2):  # the second round reads every list from the cache
        for persona, seen in expected.items():
            assert titles(client_for(getattr(personas, persona)).get(reverse("meetings:list"))) == seen, persona


def test_the_members_list_follows_their_own_changes_at_the_next_request(personas, client_for, mix):
    """A member's list is cached with the ids of their circles in its key and their own
    registrations read for every request: joining, registering, cancelling and leaving show at once."""
    from samenspel.circles.models import CircleMembership
    from samenspel.meetings.models import Registration

    client = client_for(personas.outsider)
    url = reverse("meetings:list")
    assert titles(client.get(url)) == {"Public", "Members"}
    registration = RegistrationFactory(meeting=mix["members"], member=personas.outsider)
    assert client.get(url).content.decode().count(">Registered<") == 1
    # Another member who sees the same meetings shares the cached list, not the status.
    other = client_for(personas.orgrep).get(url)
    assert titles(other) == {"Public", "Members"} and ">Registered<" not in other.content.decode()
    client = client_for(personas.outsider)
    membership = CircleMembership.objects.create(circle=mix["other_circle"].circle, member=personas.outsider)
    assert titles(client.get(url)) == {"Public", "Members", "Other circle"}
    assert client.get(url).content.decode().count(">Registered<") == 1
    registration.status = Registration.Status.CANCELLED
    registration.save()
    assert ">Registered<" not in client.get(url).content.decode()
    membership.delete()
    assert titles(client.get(url)) == {"Public", "Members"}
    MeetingFactory(title="New for members", visibility=Visibility.MEMBERS)
    assert titles(client.get(url)) == {"Public", "Members", "New for members"}
