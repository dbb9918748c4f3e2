"""The kartrekker's section of the home page: join requests and the circle's next meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from samenspel.circles.services import decide_request
from samenspel.meetings.models import Meeting, Visibility
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.meetings import MeetingFactory
from tests.home.helpers import section, sections

pytestmark = pytest.mark.usefixtures("english")


def test_join_requests_appear_and_go_once_decided(personas, client_for):
    request = CircleMembershipFactory(circle=personas.circle, status=CircleMembership.Status.REQUESTED)
    client = client_for(personas.kartrekker)
    body = section(client, "kartrekker")
    assert "Requests to join Kring Onderzoek" in body
    assert "1 person wants to join. Say yes or no." in body
    assert f'href="{reverse("circles:requests", args=[personas.circle.slug])}"' in body

    decide_request(membership=request, approve=True, actor=personas.kartrekker)
    assert "Requests to join" not in section(client, "kartrekker")


def test_a_kartrekker_sees_only_the_requests_of_the_circles_they_lead(personas, client_for):
    other = CircleFactory(name="Kring Zorg", slug="zorg")
    CircleMembershipFactory(circle=other, status=CircleMembership.Status.REQUESTED)
    CircleMembershipFactory(circle=other, member=personas.kartrekker)  # a plain member there
    body = section(client_for(personas.kartrekker), "kartrekker")
    assert "Kring Zorg" not in body


def test_the_circles_next_meeting_and_a_draft_to_publish(personas, client_for):
    later = MeetingFactory(
        circle=personas.circle,
        title="Later in het jaar",
        visibility=Visibility.CIRCLE,
        starts_at=timezone.now() + datetime.timedelta(days=40),
        ends_at=timezone.now() + datetime.timedelta(days=40, hours=2),
    )
    client = client_for(personas.kartrekker)
    body = section(client, "kartrekker")
    assert "Next meeting of Kring Onderzoek: Later in het jaar" in body
    assert f'href="{reverse("meetings:detail", args=[later.pk])}"' in body
    assert "Still a draft" not in body

    draft = MeetingFactory(circle=personas.circle, title="Kringavond", status=Meeting.Status.DRAFT)
    MeetingFactory(circle=personas.circle, title="Gaat niet door", status=Meeting.Status.CANCELLED)
    body = section(client, "kartrekker")
    assert "Next meeting of Kring Onderzoek: Kringavond" in body
    assert "Still a draft: publish it, so members can register." in body
    assert f'href="{reverse("meetings:detail", args=[draft.pk])}"' in body
    assert "Gaat niet door" not in body


def test_a_circle_without_a_coming_meeting_asks_to_plan_one(personas, client_for):
    MeetingFactory(
        circle=personas.circle,
        title="Al geweest",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    body = section(client_for(personas.kartrekker), "kartrekker")
    assert "Plan the next meeting of Kring Onderzoek" in body
    assert f'href="{reverse("meetings:create")}?circle={personas.circle.pk}"' in body
    assert "Al geweest" not in body


def test_only_active_leads_of_active_circles_have_the_section(personas, client_for):
    assert "kartrekker" not in sections(client_for(personas.member))
    stopped = CircleFactory(name="Kring Gestopt", slug="gestopt", is_active=False)
    CircleMembershipFactory(circle=stopped, member=personas.outsider, role=CircleMembership.Role.LEAD)
    assert "kartrekker" not in sections(client_for(personas.outsider))
