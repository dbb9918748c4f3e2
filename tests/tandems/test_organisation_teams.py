"""A team that experts, professionals or tandems still belong to cannot be removed (no 500)."""

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.organisations.models import Team

pytestmark = pytest.mark.django_db


def test_removing_a_team_with_people_is_refused_with_a_message(org_world, client_for):
    client = client_for(org_world.personas.coordinator)
    url = reverse("organisations:team_delete", args=[org_world.organisation.slug, org_world.team.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Move them to another team first" in response.text
    assert Team.objects.filter(pk=org_world.team.pk).exists()
    assert not AuditLogEntry.objects.filter(action="organisation.team.deleted").exists()
