import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.members import services
from samenspel.members.models import Member
from tests.conftest import make_coordinator
from tests.factories.members import MemberFactory
from tests.factories.organisations import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_manage_list_filters_by_status_and_searches_name_and_email(personas, client_for):
    MemberFactory(name="Zara Zoek", email="zara@example.org")
    client = client_for(personas.coordinator)
    html = client.get(reverse("members:manage_list"), {"status": "pending"}).content.decode()
    assert "Piet Pending" in html and "Mila Member" not in html
    html = client.get(reverse("members:manage_list"), {"q": "zara@"}).content.decode()
    assert "Zara Zoek" in html and "Mila Member" not in html
    html = client.get(reverse("members:manage_list"), {"q": "zoek"}).content.decode()
    assert "Zara Zoek" in html


@pytest.mark.parametrize(
    "params", [{"status": "nonsense"}, {"q": "x" * 500}, {"page": "abc"}, {"page": "99999"}, {"q": "<script>"}]
)
def test_manage_list_survives_bad_filters(personas, client_for, params):
    response = client_for(personas.coordinator).get(reverse("members:manage_list"), params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_manage_list_is_paginated_with_constant_queries(personas, client_for, django_assert_max_num_queries):
    organisation = OrganisationFactory()
    MemberFactory.create_batch(300, organisation=organisation, consented=False)
    client = client_for(personas.coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("members:manage_list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50
    with django_assert_max_num_queries(12):
        assert client.get(reverse("members:manage_list"), {"page": 4, "status": "approved"}).status_code == 200


def test_coordinator_gives_roles_and_representation(personas, client_for):
    other = OrganisationFactory(name="Herstel-Lab")
    url = reverse("members:manage_detail", args=[personas.outsider.pk])
    response = client_for(personas.coordinator).post(
        url, {"is_municipality_viewer": "on", "organisations": [personas.organisation.pk, other.pk]}
    )
    assert response.status_code == 302
    personas.outsider.refresh_from_db()
    assert personas.outsider.is_municipality_viewer and not personas.outsider.is_coordinator
    assert set(personas.outsider.represented_organisations.all()) == {personas.organisation, other}
    assert AuditLogEntry.objects.filter(action="member.roles.changed", target_id=str(personas.outsider.pk)).exists()
    assert AuditLogEntry.objects.filter(
        action="member.representation.changed", target_id=str(personas.outsider.pk)
    ).exists()


def test_removing_representation(personas, client_for):
    url = reverse("members:manage_detail", args=[personas.orgrep.pk])
    client_for(personas.coordinator).post(url, {})
    assert not personas.orgrep.represented_organisations.exists()


def test_a_coordinator_cannot_remove_their_own_coordinator_role(personas, client_for):
    url = reverse("members:manage_detail", args=[personas.coordinator.pk])
    response = client_for(personas.coordinator).post(url, {"is_municipality_viewer": "on"})
    assert response.status_code == 200
    assert "cannot remove your own coordinator role" in response.content.decode()
    personas.coordinator.refresh_from_db()
    assert personas.coordinator.is_coordinator
    assert not personas.coordinator.is_municipality_viewer  # nothing half-saved


def test_a_coordinator_can_remove_another_coordinator(personas, client_for):
    other = make_coordinator()
    client_for(personas.coordinator).post(reverse("members:manage_detail", args=[other.pk]), {})
    other.refresh_from_db()
    assert not other.is_coordinator


@pytest.mark.parametrize("organisations", [["999999"], ["abc"], ["<script>"]])
def test_unknown_organisations_are_refused(personas, client_for, organisations):
    url = reverse("members:manage_detail", args=[personas.outsider.pk])
    response = client_for(personas.coordinator).post(url, {"is_coordinator": "on", "organisations": organisations})
    assert response.status_code == 200
    assert response.context["form"].errors["organisations"]
    personas.outsider.refresh_from_db()
    assert not personas.outsider.is_coordinator


def test_change_roles_service_refuses_self_demotion(personas):
    with pytest.raises(services.RoleError):
        services.change_roles(
            member=personas.coordinator,
            actor=personas.coordinator,
            is_coordinator=False,
            is_municipality_viewer=False,
            organisations=[],
        )
    assert Member.objects.get(pk=personas.coordinator.pk).is_coordinator
