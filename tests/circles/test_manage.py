"""Coordinators manage circles and their leads; the overview of every circle's latest update."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import Circle, CircleMembership
from samenspel.core.models import AuditLogEntry
from tests.factories.circles import CircleFactory, CircleMembershipFactory, CircleUpdateFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def leads_url(circle):
    return reverse("circles:leads", args=[circle.slug])


def test_coordinator_makes_a_member_kartrekker_and_removes_the_role(personas, client_for):
    client = client_for(personas.coordinator)
    assert client.get(leads_url(personas.circle)).status_code == 200
    response = client.post(leads_url(personas.circle), {"member": personas.member.pk, "make_lead": "1"})
    assert response.status_code == 302
    membership = CircleMembership.objects.get(circle=personas.circle, member=personas.member)
    assert membership.role == CircleMembership.Role.LEAD
    assert AuditLogEntry.objects.filter(action="circle.lead.added").exists()
    # The new kartrekker may now post updates.
    assert (
        client_for(personas.member).get(reverse("circles:update_create", args=[personas.circle.slug])).status_code
        == 200
    )
    client = client_for(personas.coordinator)
    client.post(leads_url(personas.circle), {"member": personas.member.pk, "make_lead": "0"})
    membership.refresh_from_db()
    assert membership.role == CircleMembership.Role.MEMBER
    assert AuditLogEntry.objects.filter(action="circle.lead.removed").exists()


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "pending"])
def test_only_coordinators_manage_leads(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(leads_url(personas.circle)).status_code == 403
    assert client.post(leads_url(personas.circle), {"member": personas.member.pk, "make_lead": "1"}).status_code == 403
    assert CircleMembership.objects.get(circle=personas.circle, member=personas.member).role == "member"


def test_visitor_is_sent_to_log_in_for_leads(personas, client_for):
    assert client_for(None).get(leads_url(personas.circle)).status_code == 302


def test_only_active_members_of_this_circle_can_become_lead(personas, client_for):
    client = client_for(personas.coordinator)
    requested = MemberFactory()
    CircleMembershipFactory(circle=personas.circle, member=requested, status=CircleMembership.Status.REQUESTED)
    other_circle_member = CircleMembershipFactory(circle=CircleFactory()).member
    for member_id in (personas.outsider.pk, requested.pk, other_circle_member.pk, 999999):
        assert client.post(leads_url(personas.circle), {"member": member_id, "make_lead": "1"}).status_code == 404
    assert (
        not CircleMembership.objects.filter(role=CircleMembership.Role.LEAD)
        .exclude(member=personas.kartrekker)
        .exists()
    )


@pytest.mark.parametrize(
    "data", [{}, {"member": "abc", "make_lead": "1"}, {"member": "1"}, {"member": "1", "make_lead": "yes"}]
)
def test_bad_lead_input_is_400(personas, client_for, data):
    assert client_for(personas.coordinator).post(leads_url(personas.circle), data).status_code == 400


def test_leads_page_is_paginated_with_constant_queries(personas, client_for, django_assert_max_num_queries):
    members = MemberFactory.create_batch(120)
    CircleMembership.objects.bulk_create([CircleMembership(circle=personas.circle, member=m) for m in members])
    client = client_for(personas.coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(leads_url(personas.circle), {"page": 2})
    assert response.status_code == 200


# --- create and edit circles ---------------------------------------------------------------------


def circle_data(**overrides):
    data = {
        "name": "Kring Nieuw Werk",
        "slug": "nieuw-werk",
        "summary": "Betaald nieuw werk voor ervaringsdeskundigen.",
        "description": "We zoeken samen naar werk.\nEn we lezen samen.",
        "join_policy": Circle.JoinPolicy.ON_REQUEST,
        "meets": "Eens per maand",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_circle(personas, client_for):
    response = client_for(personas.coordinator).post(reverse("circles:create"), circle_data())
    assert response.status_code == 302
    circle = Circle.objects.get(slug="nieuw-werk")
    assert circle.join_policy == Circle.JoinPolicy.ON_REQUEST
    assert response["Location"] == reverse("circles:detail", args=["nieuw-werk"])
    assert AuditLogEntry.objects.filter(action="circle.created").exists()


def test_coordinator_edits_a_circle(personas, client_for):
    url = reverse("circles:edit", args=[personas.circle.slug])
    client = client_for(personas.coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, circle_data(name="Kring Onderzoek", slug="onderzoek", summary="Nieuw"))
    assert response.status_code == 302
    personas.circle.refresh_from_db()
    assert personas.circle.summary == "Nieuw"
    assert AuditLogEntry.objects.filter(action="circle.edited").exists()


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 121}, "at most 120 characters"),
        ({"slug": "Kring Nieuw!"}, "Enter a valid"),
        ({"slug": "overview"}, "This short name is not possible."),
        ({"slug": "new"}, "This short name is not possible."),
        ({"slug": "onderzoek"}, "already exists"),
        ({"name": "Kring Onderzoek"}, "already exists"),
        ({"summary": "x" * 301}, "at most 300 characters"),
        ({"join_policy": "everyone"}, "Select a valid choice."),
    ],
)
def test_bad_circle_input(personas, client_for, overrides, message):
    response = client_for(personas.coordinator).post(reverse("circles:create"), circle_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Circle.objects.count() == 1


def test_html_in_circle_texts_is_escaped(personas, client_for):
    client_for(personas.coordinator).post(
        reverse("circles:create"), circle_data(description="<script>alert(1)</script>", summary="<b>vet</b>")
    )
    page = client_for(None).get(reverse("circles:detail", args=["nieuw-werk"])).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;vet&lt;/b&gt;" in page


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "pending"])
def test_only_coordinators_create_and_edit_circles(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(reverse("circles:create")).status_code == 403
    assert client.post(reverse("circles:create"), circle_data()).status_code == 403
    assert client.post(reverse("circles:edit", args=[personas.circle.slug]), circle_data()).status_code == 403
    assert not Circle.objects.filter(slug="nieuw-werk").exists()


def test_visitor_is_sent_to_log_in_to_create_a_circle(client_for, db):
    assert client_for(None).get(reverse("circles:create")).status_code == 302


# --- overview ("stand van zaken vanuit de kringen") ---------------------------------------------------


def test_overview_shows_the_latest_update_of_every_active_circle(personas, client_for):
    old = timezone.now() - timedelta(days=30)
    CircleUpdateFactory(circle=personas.circle, title="Oude stand", published_at=old)
    CircleUpdateFactory(circle=personas.circle, title="Nieuwe stand", body="**Volop** in beweging")
    quiet = CircleFactory(name="Kring Stil")
    CircleUpdateFactory(circle=CircleFactory(name="Kring Dicht", is_active=False), title="Geheim")
    response = client_for(personas.coordinator).get(reverse("circles:overview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nieuwe stand" in page
    assert "<strong>Volop</strong>" in page
    assert "Oude stand" not in page
    assert quiet.name in page
    assert "has not posted an update yet" in page
    assert "Kring Dicht" not in page and "Geheim" not in page
    assert "Print tip" in page
    assert "samenspel-no-print" in page


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "coordinator"])
def test_every_member_reads_the_overview(personas, client_for, persona):
    CircleUpdateFactory(circle=personas.circle, title="Stand van de kring")
    response = client_for(getattr(personas, persona)).get(reverse("circles:overview"))
    assert response.status_code == 200
    assert "Stand van de kring" in response.content.decode()


def test_pending_member_may_not_read_the_overview(personas, client_for):
    assert client_for(personas.pending).get(reverse("circles:overview")).status_code == 403


def test_visitor_is_sent_to_log_in_for_the_overview(client_for, db):
    response = client_for(None).get(reverse("circles:overview"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_overview_query_count_does_not_grow_with_circles(personas, client_for, django_assert_max_num_queries):
    for _ in range(40):
        circle = CircleFactory()
        CircleUpdateFactory.create_batch(3, circle=circle)
    client = client_for(personas.coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("circles:overview"))
    assert response.content.decode().count("<h2 ") == 41


def test_circle_list_links_members_to_the_overview(personas, client_for):
    overview = reverse("circles:overview")
    assert overview in client_for(personas.member).get(reverse("circles:list")).content.decode()
    assert overview not in client_for(None).get(reverse("circles:list")).content.decode()
