"""Modules done, completion of the trajectory, and who may record them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.tandems.models import Enrolment, ModuleProgress
from tests.factories.tandems import ModuleFactory


def done(client, tot, module, on):
    return client.post(
        reverse("tandems:module_done", args=[tot.enrolment.pk, module.pk]), {"completed_on": on.isoformat()}
    )


def test_the_coach_marks_modules_done_and_the_last_one_completes_the_trajectory(tot, client_for):
    client = client_for(tot.coach)
    done(client, tot, tot.modules[0], datetime.date(2024, 3, 1))
    tot.enrolment.refresh_from_db()
    assert tot.enrolment.completed_on is None
    done(client, tot, tot.modules[1], datetime.date(2024, 6, 1))
    tot.enrolment.refresh_from_db()
    assert tot.enrolment.completed_on == datetime.date(2024, 6, 1)
    body = client.get(reverse("tandems:enrolment_detail", args=[tot.enrolment.pk])).content.decode()
    assert "2 of 2 modules done" in body
    assert reverse("tandems:certificate", args=[tot.enrolment.pk]) in body


def test_undoing_a_module_takes_the_completion_away(tot, client_for):
    client = client_for(tot.personas.coordinator)
    for module in tot.modules:
        done(client, tot, module, datetime.date(2024, 3, 1))
    client.post(reverse("tandems:module_undo", args=[tot.enrolment.pk, tot.modules[0].pk]))
    tot.enrolment.refresh_from_db()
    assert tot.enrolment.completed_on is None
    assert ModuleProgress.objects.count() == 1


def test_a_new_module_makes_a_completed_tandem_incomplete_when_marked_again(tot, client_for):
    client = client_for(tot.personas.coordinator)
    for module in tot.modules:
        done(client, tot, module, datetime.date(2024, 3, 1))
    extra = ModuleFactory(trajectory=tot.trajectory, position=3)
    client.post(reverse("tandems:module_undo", args=[tot.enrolment.pk, tot.modules[0].pk]))
    done(client, tot, tot.modules[0], datetime.date(2024, 3, 2))
    tot.enrolment.refresh_from_db()
    assert tot.enrolment.completed_on is None  # module 3 is not done yet
    done(client, tot, extra, datetime.date(2024, 4, 2))
    tot.enrolment.refresh_from_db()
    assert tot.enrolment.completed_on == datetime.date(2024, 4, 2)


@pytest.mark.parametrize(
    "value",
    ["", "gisteren", "2024-13-45", (timezone.localdate() + datetime.timedelta(days=1)).isoformat(), "2023-01-01"],
)
def test_bad_dates_are_refused(tot, client_for, value):
    response = client_for(tot.coach).post(
        reverse("tandems:module_done", args=[tot.enrolment.pk, tot.modules[0].pk]), {"completed_on": value}, follow=True
    )
    assert response.status_code == 200
    assert not ModuleProgress.objects.exists()
    messages = [str(m) for m in response.context["messages"]]
    assert messages and all(m for m in messages)


def test_marking_twice_gives_a_message(tot, client_for):
    client = client_for(tot.coach)
    done(client, tot, tot.modules[0], datetime.date(2024, 3, 1))
    response = client.post(
        reverse("tandems:module_done", args=[tot.enrolment.pk, tot.modules[0].pk]),
        {"completed_on": "2024-03-02"},
        follow=True,
    )
    assert "already marked as done" in response.content.decode()
    assert ModuleProgress.objects.count() == 1


def test_a_module_of_another_trajectory_is_404(tot, client_for):
    foreign = ModuleFactory()
    response = client_for(tot.coach).post(
        reverse("tandems:module_done", args=[tot.enrolment.pk, foreign.pk]), {"completed_on": "2024-03-01"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["expert", "professional", "orgrep", "municipality"])
def test_partners_representatives_and_the_municipality_may_not_mark_modules(tot, client_for, who):
    person = getattr(tot, who, None) or getattr(tot.personas, who)
    response = client_for(person).post(
        reverse("tandems:module_done", args=[tot.enrolment.pk, tot.modules[0].pk]), {"completed_on": "2024-03-01"}
    )
    assert response.status_code == 403
    assert not ModuleProgress.objects.exists()


def test_outsiders_and_another_coach_get_404(tot, client_for):
    for person in (tot.personas.outsider, tot.other_tandem.coach, tot.other_rep):
        response = client_for(person).post(
            reverse("tandems:module_done", args=[tot.enrolment.pk, tot.modules[0].pk]), {"completed_on": "2024-03-01"}
        )
        assert response.status_code == 404
    assert Enrolment.objects.get(pk=tot.enrolment.pk).completed_on is None
