import pytest
from django.urls import reverse

from samenspel.circles import services
from samenspel.circles.models import Circle, CircleMembership
from samenspel.core.models import AuditLogEntry
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_request(personas):
    circle = personas.circle
    circle.join_policy = Circle.JoinPolicy.ON_REQUEST
    circle.save()
    requester = MemberFactory(name="Rita Requester", preferred_language="en")
    request = CircleMembershipFactory(circle=circle, member=requester, status=CircleMembership.Status.REQUESTED)
    return request


def decide_url(membership):
    return reverse("circles:request_decide", args=[membership.circle.slug, membership.pk])


def test_kartrekker_sees_pending_requests(personas, client_for, on_request):
    response = client_for(personas.kartrekker).get(reverse("circles:requests", args=[personas.circle.slug]))
    assert response.status_code == 200
    assert "Rita Requester" in response.content.decode()


@pytest.mark.parametrize("persona,status", [("member", 403), ("outsider", 403), ("pending", 403)])
def test_others_cannot_see_requests(personas, client_for, on_request, persona, status):
    client = client_for(getattr(personas, persona))
    assert client.get(reverse("circles:requests", args=[personas.circle.slug])).status_code == status
    assert client.post(decide_url(on_request), {"decision": "approve"}).status_code == status
    on_request.refresh_from_db()
    assert on_request.status == CircleMembership.Status.REQUESTED


def test_visitor_is_sent_to_log_in_for_requests(personas, client_for, on_request):
    response = client_for(None).get(reverse("circles:requests", args=[personas.circle.slug]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_kartrekker_approves_and_requester_gets_email_in_own_language(
    personas, client_for, on_request, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.kartrekker).post(decide_url(on_request), {"decision": "approve"})
    assert response.status_code == 302
    on_request.refresh_from_db()
    assert on_request.status == CircleMembership.Status.ACTIVE
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [on_request.member.email]
    assert "You are now a member of Kring Onderzoek" in mailoutbox[0].subject
    assert AuditLogEntry.objects.filter(action="circle.request.approved", actor=personas.kartrekker).exists()


def test_coordinator_refuses_and_the_request_is_gone(
    personas, client_for, on_request, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.coordinator).post(decide_url(on_request), {"decision": "refuse"})
    assert not CircleMembership.objects.filter(pk=on_request.pk).exists()
    assert len(mailoutbox) == 1
    assert "cannot join this circle now" in mailoutbox[0].body
    assert AuditLogEntry.objects.filter(action="circle.request.refused").exists()


def test_a_bad_decision_is_400_and_changes_nothing(personas, client_for, on_request):
    client = client_for(personas.kartrekker)
    for data in ({}, {"decision": "maybe"}, {"decision": "<script>alert(1)</script>"}):
        assert client.post(decide_url(on_request), data).status_code == 400
    on_request.refresh_from_db()
    assert on_request.status == CircleMembership.Status.REQUESTED


def test_deciding_twice_shows_a_message(personas, client_for, on_request, django_capture_on_commit_callbacks):
    client = client_for(personas.kartrekker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(on_request), {"decision": "approve"})
    # The request is now an active membership: it is no longer a request (404).
    assert client.post(decide_url(on_request), {"decision": "refuse"}).status_code == 404


def test_kartrekker_of_another_circle_cannot_decide(personas, client_for, on_request):
    other = CircleFactory()
    other_lead = MemberFactory()
    CircleMembershipFactory(circle=other, member=other_lead, role=CircleMembership.Role.LEAD)
    client = client_for(other_lead)
    assert client.post(decide_url(on_request), {"decision": "approve"}).status_code == 403
    # The request through the other circle's address is unknown there.
    url = reverse("circles:request_decide", args=[other.slug, on_request.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404
    on_request.refresh_from_db()
    assert on_request.status == CircleMembership.Status.REQUESTED


def test_an_active_membership_is_not_a_request(personas, client_for):
    membership = CircleMembership.objects.get(circle=personas.circle, member=personas.member)
    response = client_for(personas.kartrekker).post(decide_url(membership), {"decision": "refuse"})
    assert response.status_code == 404
    assert CircleMembership.objects.filter(pk=membership.pk).exists()


def test_kartrekkers_get_an_email_about_a_new_request(
    personas, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    circle = personas.circle
    circle.join_policy = Circle.JoinPolicy.ON_REQUEST
    circle.save()
    personas.kartrekker.preferred_language = "en"  # the email comes in the kartrekker's own language
    personas.kartrekker.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.outsider).post(reverse("circles:join", args=[circle.slug]))
    assert [mail.to for mail in mailoutbox] == [[personas.kartrekker.email]]
    # A notification (samenspel.notifications), emailed at once by default: no name in it, the
    # requests page shows who asks.
    assert mailoutbox[0].subject == "Someone asks to join Kring Onderzoek"
    assert reverse("circles:requests", args=[circle.slug]) in mailoutbox[0].body
    assert "Otto" not in mailoutbox[0].body
    # Asking again sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.outsider).post(reverse("circles:join", args=[circle.slug]))
    assert len(mailoutbox) == 1


def test_a_request_cannot_be_decided_twice(personas, on_request, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_request(membership=on_request, approve=False, actor=personas.kartrekker)
    with pytest.raises(services.RequestAlreadyDecided):
        services.decide_request(membership=on_request, approve=True, actor=personas.kartrekker)
    assert not CircleMembership.objects.filter(pk=on_request.pk).exists()
