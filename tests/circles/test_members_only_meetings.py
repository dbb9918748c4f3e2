"""Circle meetings for members only: people outside the circle see on the circle page that there is
one ("voor leden van de kring") and how to join; the meeting itself stays hidden (404)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import Circle
from samenspel.meetings.models import Meeting, Visibility
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle_meeting(personas):
    return MeetingFactory(
        circle=personas.circle, visibility=Visibility.CIRCLE, title="Kringavond", location="Geheime plek 1"
    )


def circle_page(client):
    return client.get(reverse("circles:detail", args=["onderzoek"]))


@pytest.mark.parametrize("persona", [None, "pending", "outsider", "orgrep"])
def test_outsiders_see_the_meeting_for_members_and_how_to_join(personas, client_for, circle_meeting, persona):
    person = getattr(personas, persona) if persona else None
    page = circle_page(client_for(person)).content.decode()
    assert "Kringavond" in page
    assert "For members of the circle" in page
    assert "Join the circle to see where it is" in page
    assert "Geheime plek 1" not in page
    assert reverse("meetings:detail", args=[circle_meeting.pk]) not in page
    meeting_page = client_for(person).get(reverse("meetings:detail", args=[circle_meeting.pk]))
    assert meeting_page.status_code == (302 if person is None else 404)


def test_members_of_the_circle_get_the_meeting_itself(personas, client_for, circle_meeting):
    page = circle_page(client_for(personas.member)).content.decode()
    assert reverse("meetings:detail", args=[circle_meeting.pk]) in page
    assert "For members of the circle" not in page


def test_a_circle_on_request_says_to_ask(personas, client_for, circle_meeting):
    Circle.objects.filter(pk=personas.circle.pk).update(join_policy=Circle.JoinPolicy.ON_REQUEST)
    dutch = circle_page(client_for(personas.outsider)).content.decode()
    assert "Ask to join the circle" in dutch
    nl = client_for(personas.outsider).get(reverse("circles:detail", args=["onderzoek"]), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Voor leden van de kring" in nl.content.decode()


@pytest.mark.parametrize("status", [Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
def test_drafts_cancelled_and_past_meetings_are_not_named(personas, client_for, status):
    MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE, title="Niet tonen", status=status)
    MeetingFactory(
        circle=personas.circle,
        visibility=Visibility.CIRCLE,
        title="Al geweest",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    page = circle_page(client_for(personas.outsider)).content.decode()
    assert "Niet tonen" not in page and "Al geweest" not in page


def test_meetings_of_another_circle_are_not_named(personas, client_for):
    from tests.factories.circles import CircleFactory

    MeetingFactory(circle=CircleFactory(), visibility=Visibility.CIRCLE, title="Andere kring")
    assert "Andere kring" not in circle_page(client_for(personas.outsider)).content.decode()
