import pytest
from django.urls import reverse

from samenspel.circles.models import Circle, CircleMembership
from samenspel.core.models import AuditLogEntry
from tests.factories.circles import CircleFactory, CircleMembershipFactory

pytestmark = pytest.mark.django_db


def join_url(circle):
    return reverse("circles:join", args=[circle.slug])


def leave_url(circle):
    return reverse("circles:leave", args=[circle.slug])


def test_visitor_is_sent_to_log_in_to_join(personas, client_for):
    response = client_for(None).post(join_url(personas.circle))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_pending_member_cannot_join_or_leave(personas, client_for):
    client = client_for(personas.pending)
    assert client.post(join_url(personas.circle)).status_code == 403
    assert client.post(leave_url(personas.circle)).status_code == 403
    assert not CircleMembership.objects.filter(member=personas.pending).exists()


def test_join_is_post_only(personas, client_for):
    assert client_for(personas.outsider).get(join_url(personas.circle)).status_code == 405


def test_outsider_joins_an_open_circle_at_once(personas, client_for):
    response = client_for(personas.outsider).post(join_url(personas.circle), follow=True)
    membership = CircleMembership.objects.get(circle=personas.circle, member=personas.outsider)
    assert membership.status == CircleMembership.Status.ACTIVE
    assert membership.role == CircleMembership.Role.MEMBER
    assert "You are now a member" in response.content.decode()
    assert AuditLogEntry.objects.filter(action="circle.member.joined", actor=personas.outsider).exists()


def test_joining_twice_keeps_one_membership(personas, client_for):
    client = client_for(personas.member)
    client.post(join_url(personas.circle))
    assert CircleMembership.objects.filter(circle=personas.circle, member=personas.member).count() == 1


def test_joining_a_circle_on_request_creates_a_request(personas, client_for):
    circle = CircleFactory(join_policy=Circle.JoinPolicy.ON_REQUEST)
    response = client_for(personas.outsider).post(join_url(circle), follow=True)
    membership = CircleMembership.objects.get(circle=circle, member=personas.outsider)
    assert membership.status == CircleMembership.Status.REQUESTED
    assert "A circle lead will decide" in response.content.decode()
    # A request does not count as a member.
    assert (
        "0 members" in client_for(personas.outsider).get(reverse("circles:detail", args=[circle.slug])).content.decode()
    )


def test_member_leaves(personas, client_for):
    response = client_for(personas.member).post(leave_url(personas.circle))
    assert response.status_code == 302
    assert not CircleMembership.objects.filter(circle=personas.circle, member=personas.member).exists()
    assert AuditLogEntry.objects.filter(action="circle.member.left", actor=personas.member).exists()


def test_leaving_a_circle_you_are_not_in_shows_a_message(personas, client_for):
    response = client_for(personas.outsider).post(leave_url(personas.circle), follow=True)
    assert "You are not a member of this circle." in response.content.decode()


def test_request_can_be_withdrawn(personas, client_for):
    circle = CircleFactory(join_policy=Circle.JoinPolicy.ON_REQUEST)
    client = client_for(personas.outsider)
    client.post(join_url(circle))
    client.post(leave_url(circle))
    assert not CircleMembership.objects.filter(circle=circle, member=personas.outsider).exists()
    assert AuditLogEntry.objects.filter(action="circle.request.withdrawn").exists()


def test_the_last_lead_cannot_leave(personas, client_for):
    response = client_for(personas.kartrekker).post(leave_url(personas.circle), follow=True)
    assert "You are the only circle lead" in response.content.decode()
    assert CircleMembership.objects.filter(
        circle=personas.circle, member=personas.kartrekker, role=CircleMembership.Role.LEAD
    ).exists()


def test_a_lead_can_leave_when_another_lead_remains(personas, client_for):
    CircleMembershipFactory(circle=personas.circle, role=CircleMembership.Role.LEAD)
    client_for(personas.kartrekker).post(leave_url(personas.circle))
    assert not CircleMembership.objects.filter(circle=personas.circle, member=personas.kartrekker).exists()


def test_a_requested_lead_does_not_count_as_the_other_lead(personas, client_for):
    CircleMembershipFactory(
        circle=personas.circle, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.REQUESTED
    )
    client_for(personas.kartrekker).post(leave_url(personas.circle))
    assert CircleMembership.objects.filter(circle=personas.circle, member=personas.kartrekker).exists()


def test_unknown_or_inactive_circle_is_404(personas, client_for):
    client = client_for(personas.outsider)
    assert client.post(reverse("circles:join", args=["does-not-exist"])).status_code == 404
    hidden = CircleFactory(is_active=False)
    assert client.post(join_url(hidden)).status_code == 404
    assert client.get(reverse("circles:detail", args=[hidden.slug])).status_code == 404
    assert not CircleMembership.objects.filter(circle=hidden).exists()
