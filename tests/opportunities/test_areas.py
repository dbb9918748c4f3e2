"""Coordinators manage the areas: list, add, change, switch off and on."""

import pytest

from samenspel.core.models import AuditLogEntry
from samenspel.opportunities.models import Area
from tests.factories.opportunities import AreaFactory

from .helpers_posting import url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_coordinator_adds_an_area_and_reads_it_back(personas, client_for):
    client = client_for(personas.coordinator)
    data = {"name_nl": "Nieuw-West", "name_en": "New-West", "position": "3", "is_active": "on"}
    response = client.post(url("areas"), data)
    assert response.status_code == 302
    area = Area.objects.get()
    assert (area.name_nl, area.name_en, area.position, area.is_active) == ("Nieuw-West", "New-West", 3, True)
    assert "Nieuw-West" in client.get(url("areas")).content.decode()
    assert AuditLogEntry.objects.filter(action="opportunity.area.created").exists()


def test_a_coordinator_changes_and_switches_off_an_area(personas, client_for, area):
    client = client_for(personas.coordinator)
    data = {"name_nl": "Zuid-Oost", "name_en": "South-East", "position": "1", "is_active": "on"}
    assert client.post(url("area_edit", area.pk), data).status_code == 302
    area.refresh_from_db()
    assert area.name_nl == "Zuid-Oost"
    client.post(url("area_edit", area.pk), {"action": "deactivate"})
    area.refresh_from_db()
    assert area.is_active is False
    assert "Zuid-Oost" not in client_for(personas.orgrep).get(url("create")).content.decode()
    client_for(personas.coordinator).post(url("area_edit", area.pk), {"action": "activate"})
    area.refresh_from_db()
    assert area.is_active is True


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name_nl": "", "name_en": "X", "position": "0"}, "This field is required."),
        ({"name_nl": "x" * 81, "name_en": "X", "position": "0"}, "Use at most 80 characters"),
        ({"name_nl": "Zuidoost", "name_en": "Other", "position": "0"}, "There is already an area with this name."),
        ({"name_nl": "Oost", "name_en": "East", "position": "-1"}, "Ensure this value is greater than or equal to 0."),
        ({"name_nl": "Oost", "name_en": "East", "position": "een"}, "Enter a whole number."),
    ],
)
def test_bad_input_is_refused_and_kept(personas, client_for, area, data, message):
    response = client_for(personas.coordinator).post(url("areas"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Area.objects.count() == 1


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "orgrep"])
def test_others_get_403(personas, client_for, area, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(url("areas")).status_code == 403
    assert client.post(url("areas"), {"name_nl": "A", "name_en": "A", "position": "0"}).status_code == 403
    assert client.post(url("area_edit", area.pk), {"action": "deactivate"}).status_code == 403
    area.refresh_from_db()
    assert area.is_active and Area.objects.count() == 1


def test_an_unknown_area_is_404(personas, client_for):
    assert client_for(personas.coordinator).get(url("area_edit", 999999)).status_code == 404


def test_the_area_list_costs_the_same_with_many_areas(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.coordinator)
    AreaFactory()
    with django_assert_max_num_queries(40) as few:
        client.get(url("areas"))
    AreaFactory.create_batch(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("areas"))
