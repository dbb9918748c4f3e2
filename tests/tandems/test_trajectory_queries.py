"""Query counts of the trajectory's list pages stay flat with many modules, sessions and tandems."""

import datetime

from django.urls import reverse

from samenspel.tandems.models import Reflection
from samenspel.tandems.services import trajectory as services_trajectory
from tests.factories.tandems import CoachedTandemFactory, EnrolmentFactory, ModuleFactory, SessionFactory


def grow(tot, *, modules=8, tandems=15):
    for position in range(3, 3 + modules):
        module = ModuleFactory(trajectory=tot.trajectory, position=position)
        SessionFactory(module=module)
        SessionFactory(module=module)
    for _ in range(tandems):
        EnrolmentFactory(tandem=CoachedTandemFactory(organisation=tot.personas.organisation), trajectory=tot.trajectory)


def test_the_trajectory_page_has_a_fixed_number_of_queries(tot, client_for, django_assert_max_num_queries):
    grow(tot)
    client = client_for(tot.personas.coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("tandems:trajectory_detail", args=["tot"]))
    assert response.status_code == 200
    assert response.content.decode().count(reverse("tandems:session_edit", args=[tot.sessions[0].pk])) == 1


def test_the_enrolment_page_has_a_fixed_number_of_queries(tot, client_for, django_assert_max_num_queries):
    grow(tot)
    for module in tot.trajectory.modules.all():
        Reflection.objects.create(
            enrolment=tot.enrolment, module=module, partner="expert", text="Tekst", author=tot.expert
        )
        services_trajectory.mark_module_done(
            actor=tot.coach, enrolment=tot.enrolment, module=module, on=datetime.date(2024, 6, 1)
        )
    client = client_for(tot.coach)
    # One request first: what the first page of a session reads into the process caches (the member,
    # their roles) depends on the tests this worker ran before; the count is of the page itself.
    client.get(reverse("tandems:enrolment_detail", args=[tot.enrolment.pk]))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("tandems:enrolment_detail", args=[tot.enrolment.pk]))
    assert response.status_code == 200
    assert "10 of 10 modules done" in response.content.decode()


def test_the_list_page_has_a_fixed_number_of_queries(tot, client_for, django_assert_max_num_queries):
    grow(tot)
    for _ in range(10):
        tandem = CoachedTandemFactory(coach=tot.coach)
        EnrolmentFactory(tandem=tandem, trajectory=tot.trajectory)
    client = client_for(tot.coach)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("tandems:trajectory_list"))
    assert response.status_code == 200


def test_the_attendance_page_has_a_fixed_number_of_queries(tot, client_for, django_assert_max_num_queries):
    grow(tot)
    client = client_for(tot.personas.coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("tandems:session_attendance", args=[tot.sessions[0].pk]))
    assert response.status_code == 200
