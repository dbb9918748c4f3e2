"""Circles tell people through notifications: a new update (members), a join request (leads)."""

import pytest
from django.urls import reverse

from samenspel.circles import services
from samenspel.circles.models import Circle, CircleMembership
from samenspel.notifications.models import EmailState, Kind, Notification
from tests.factories.circles import CircleMembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_new_update_tells_every_active_member_but_its_author(personas, django_capture_on_commit_callbacks):
    requested = CircleMembershipFactory(circle=personas.circle, status=CircleMembership.Status.REQUESTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_update(circle=personas.circle, author=personas.kartrekker, title="Stand van zaken", body="Tekst")

    rows = Notification.objects.filter(kind=Kind.CIRCLE_UPDATE)
    assert {row.recipient for row in rows} == {personas.member}
    assert requested.member not in {row.recipient for row in rows}
    (row,) = rows
    assert row.params == {"circle": "Kring Onderzoek", "title": "Stand van zaken"}
    assert row.link == reverse("circles:updates", args=[personas.circle.slug])
    assert row.email_state == EmailState.PENDING  # weekly summary by default


def test_a_join_request_tells_the_leads_at_once(personas, django_capture_on_commit_callbacks, mailoutbox):
    personas.circle.join_policy = Circle.JoinPolicy.ON_REQUEST
    personas.circle.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.join_circle(circle=personas.circle, member=personas.outsider)

    (row,) = Notification.objects.filter(kind=Kind.JOIN_REQUEST)
    assert row.recipient == personas.kartrekker
    assert row.link == reverse("circles:requests", args=[personas.circle.slug])
    assert "Otto" not in str(row.params)  # the requester's name is not stored in the lead's message
    assert [message.to for message in mailoutbox] == [[personas.kartrekker.email]]


def test_joining_an_open_circle_tells_no_one(personas):
    services.join_circle(circle=personas.circle, member=personas.outsider)
    assert not Notification.objects.exists()
