"""A visitor signs up to the network from a circle page; after approval they are in the circle
(or their request waits, for a circle on request). Someone who comes through an invitation does
not retype or confirm the invited address again."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from samenspel.circles import services
from samenspel.circles.models import Circle, CircleMembership, Invitation
from samenspel.members.models import Consent, Member
from tests.factories.circles import CircleFactory
from tests.factories.members import ConsentTextFactory

pytestmark = pytest.mark.django_db

NEW = "nieuw.lid@example.org"


def sign_up(client, email=NEW):
    return client.post(
        reverse("account_signup"),
        {
            "name": "Nina Nieuw",
            "email": email,
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
            "kind": Member.Kind.EXPERT,
            "organisation": "",
            "theme_visibility": Member.ThemeVisibility.COORDINATORS,
            "consent": "on",
        },
    )


def decide(client, member, decision):
    response = client.post(reverse("members:decide", args=[member.pk]), {"decision": decision})
    assert response["Location"] == reverse("members:pending")
    return response


@pytest.fixture
def chosen(personas, client):
    """A visitor who went from the circle page to the sign-up form."""
    text = ConsentTextFactory()
    for person in (personas.coordinator, personas.kartrekker):  # they agreed to the new text already
        Consent.objects.create(member=person, consent_text=text)
    page = client.get(reverse("circles:detail", args=[personas.circle.slug])).content.decode()
    assert reverse("circles:sign_up", args=[personas.circle.slug]) in page
    response = client.get(reverse("circles:sign_up", args=[personas.circle.slug]))
    assert response.status_code == 302 and response["Location"] == reverse("account_signup")
    assert client.session[services.SIGN_UP_CIRCLE_SESSION_KEY]["slug"] == personas.circle.slug
    return client


def test_the_sign_up_page_names_the_circle(personas, chosen):
    page = chosen.get(reverse("account_signup")).content.decode()
    assert "You sign up from the circle Kring Onderzoek." in page
    dutch = chosen.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Je meldt je aan vanuit de kring Kring Onderzoek." in dutch


def test_the_new_member_waits_then_is_in_the_open_circle_after_approval(personas, chosen, client_for):
    assert sign_up(chosen).status_code == 302
    new = Member.objects.get(email=NEW)
    membership = CircleMembership.objects.get(circle=personas.circle, member=new)
    assert membership.status == CircleMembership.Status.AFTER_SIGN_UP
    assert services.SIGN_UP_CIRCLE_SESSION_KEY not in chosen.session
    # not a member yet: not counted, not on the kartrekker's list
    kartrekker = client_for(personas.kartrekker)
    assert "Nina Nieuw" not in kartrekker.get(reverse("circles:members", args=[personas.circle.slug])).content.decode()
    decide(client_for(personas.coordinator), new, "approve")
    membership.refresh_from_db()
    assert membership.status == CircleMembership.Status.ACTIVE and membership.active_since is not None
    assert "Nina Nieuw" in kartrekker.get(reverse("circles:members", args=[personas.circle.slug])).content.decode()


def test_for_a_circle_on_request_the_request_waits_for_the_circle_lead(
    personas, chosen, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    Circle.objects.filter(pk=personas.circle.pk).update(join_policy=Circle.JoinPolicy.ON_REQUEST)
    sign_up(chosen)
    new = Member.objects.get(email=NEW)
    requests_url = reverse("circles:requests", args=[personas.circle.slug])
    assert "Nina Nieuw" not in client_for(personas.kartrekker).get(requests_url).content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client_for(personas.coordinator), new, "approve")
    membership = CircleMembership.objects.get(circle=personas.circle, member=new)
    assert membership.status == CircleMembership.Status.REQUESTED
    assert "Nina Nieuw" in client_for(personas.kartrekker).get(requests_url).content.decode()
    assert personas.kartrekker.email in [address for mail in mailoutbox for address in mail.to]


def test_a_refused_sign_up_leaves_no_circle_behind(personas, chosen, client_for):
    sign_up(chosen)
    new = Member.objects.get(email=NEW)
    decide(client_for(personas.coordinator), new, "refuse")
    assert not CircleMembership.objects.filter(member=new).exists()


def test_signing_up_without_a_circle_joins_nothing(personas, client):
    ConsentTextFactory()
    sign_up(client)
    assert not CircleMembership.objects.filter(member__email=NEW).exists()


def test_a_circle_closed_in_between_is_not_joined(personas, chosen):
    Circle.objects.filter(pk=personas.circle.pk).update(is_active=False)
    sign_up(chosen)
    assert not CircleMembership.objects.filter(member__email=NEW).exists()


def test_unknown_or_inactive_circle_answers_404(personas, client):
    assert client.get(reverse("circles:sign_up", args=["bestaat-niet"])).status_code == 404
    closed = CircleFactory(is_active=False)
    assert client.get(reverse("circles:sign_up", args=[closed.slug])).status_code == 404
    assert services.SIGN_UP_CIRCLE_SESSION_KEY not in client.session


@pytest.mark.parametrize("persona", ["pending", "member", "outsider", "coordinator"])
def test_someone_with_an_account_goes_back_to_the_circle(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    response = client.get(reverse("circles:sign_up", args=[personas.circle.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("circles:detail", args=[personas.circle.slug])
    assert services.SIGN_UP_CIRCLE_SESSION_KEY not in client.session


def test_the_sign_up_link_is_only_for_visitors(personas, client_for):
    page = client_for(personas.outsider).get(reverse("circles:detail", args=[personas.circle.slug]))
    assert reverse("circles:sign_up", args=[personas.circle.slug]) not in page.content.decode()


# --- through an invitation: the invited address is filled in and counts as confirmed ---------------


def invite(personas, client_for, django_capture_on_commit_callbacks, mailoutbox, email="genodigde@example.org"):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.member).post(
            reverse("circles:invite", args=[personas.circle.slug]), {"email": email, "message": ""}
        )
    return re.search(r"/circles/invitation/([^/\s]+)/", mailoutbox[-1].body).group(1)


def test_the_invited_address_needs_no_confirmation(
    personas, client, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    token = invite(personas, client_for, django_capture_on_commit_callbacks, mailoutbox)
    ConsentTextFactory()
    client_for(None)
    client.get(reverse("circles:invitation_accept", args=[token]))
    form = client.get(reverse("account_signup")).content.decode()
    assert 'value="genodigde@example.org"' in form
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email="genodigde@example.org")
    assert response.status_code == 302
    assert response["Location"] != reverse("account_email_verification_sent")
    new = Member.objects.get(email="genodigde@example.org")
    assert EmailAddress.objects.get(user=new).verified
    assert not any("confirm" in mail.subject.lower() for mail in mailoutbox)
    assert client.get(reverse("home")).wsgi_request.user == new  # logged in, waiting for approval
    assert CircleMembership.objects.get(member=new, circle=personas.circle).status == CircleMembership.Status.ACTIVE
    assert Invitation.objects.get().used_by == new


def test_another_address_than_the_invited_one_still_needs_confirmation(
    personas, client, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    token = invite(personas, client_for, django_capture_on_commit_callbacks, mailoutbox)
    ConsentTextFactory()
    client_for(None)
    client.get(reverse("circles:invitation_accept", args=[token]))
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email="iemand.anders@example.org")
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(user__email="iemand.anders@example.org").verified
