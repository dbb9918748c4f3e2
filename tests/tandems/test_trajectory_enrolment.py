"""Tandems enrol: by their organisation's representative or a coordinator; once; not when ended."""

import pytest
from django.urls import reverse

from samenspel.tandems.models import Enrolment, Tandem
from samenspel.tandems.services import trajectory as services_trajectory
from tests.factories.tandems import CoachedTandemFactory


def test_a_representative_enrols_a_tandem_of_their_organisation(tot, client_for):
    tandem = CoachedTandemFactory(organisation=tot.personas.organisation)
    response = client_for(tot.personas.orgrep).post(
        reverse("tandems:trajectory_enrol", args=["tot"]), {"tandem": tandem.pk}
    )
    enrolment = Enrolment.objects.get(tandem=tandem)
    assert response.url == reverse("tandems:enrolment_detail", args=[enrolment.pk])
    assert enrolment.trajectory == tot.trajectory


def test_another_organisations_tandem_cannot_be_enrolled(tot, client_for):
    foreign = CoachedTandemFactory(organisation=tot.other_tandem.organisation)
    response = client_for(tot.personas.orgrep).post(
        reverse("tandems:trajectory_enrol", args=["tot"]), {"tandem": foreign.pk}
    )
    assert response.status_code == 200
    assert "Choose one of the tandems in the list." in response.content.decode()
    assert not Enrolment.objects.filter(tandem=foreign).exists()


@pytest.mark.parametrize("value", ["", "abc", "99999", "<script>"])
def test_bad_tandem_ids_give_a_message(tot, client_for, value):
    CoachedTandemFactory(organisation=tot.personas.organisation)
    response = client_for(tot.personas.orgrep).post(
        reverse("tandems:trajectory_enrol", args=["tot"]), {"tandem": value}
    )
    assert response.status_code == 200
    assert Enrolment.objects.count() == 2


def test_an_enrolled_or_ended_tandem_is_not_offered(tot, client_for):
    ended = CoachedTandemFactory(organisation=tot.personas.organisation, status=Tandem.Status.ENDED)
    response = client_for(tot.personas.orgrep).post(
        reverse("tandems:trajectory_enrol", args=["tot"]), {"tandem": tot.tandem.pk}
    )
    assert "Choose one of the tandems in the list." in response.content.decode()
    response = client_for(tot.personas.orgrep).post(
        reverse("tandems:trajectory_enrol", args=["tot"]), {"tandem": ended.pk}
    )
    assert "Choose one of the tandems in the list." in response.content.decode()
    assert Enrolment.objects.count() == 2


def test_the_service_refuses_twice_ended_and_closed(tot):
    coordinator = tot.personas.coordinator
    with pytest.raises(services_trajectory.TrajectoryError, match="already takes part"):
        services_trajectory.enrol(actor=coordinator, tandem=tot.tandem, trajectory=tot.trajectory)
    ended = CoachedTandemFactory(status=Tandem.Status.ENDED)
    with pytest.raises(services_trajectory.TrajectoryError, match="has ended"):
        services_trajectory.enrol(actor=coordinator, tandem=ended, trajectory=tot.trajectory)
    tot.trajectory.is_active = False
    with pytest.raises(services_trajectory.TrajectoryError, match="closed"):
        services_trajectory.enrol(actor=coordinator, tandem=CoachedTandemFactory(), trajectory=tot.trajectory)


def test_a_coordinator_may_enrol_any_organisations_tandem(tot, client_for):
    tandem = CoachedTandemFactory(organisation=tot.other_tandem.organisation)
    client_for(tot.personas.coordinator).post(reverse("tandems:trajectory_enrol", args=["tot"]), {"tandem": tandem.pk})
    assert Enrolment.objects.filter(tandem=tandem).exists()


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "municipality"])
def test_people_who_represent_no_organisation_may_not_enrol(tot, client_for, persona):
    client = client_for(getattr(tot.personas, persona))
    assert client.get(reverse("tandems:trajectory_enrol", args=["tot"])).status_code == 403
    assert client.post(reverse("tandems:trajectory_enrol", args=["tot"]), {"tandem": tot.tandem.pk}).status_code == 403


def test_withdrawing_works_only_while_nothing_is_recorded(tot, client_for):
    client = client_for(tot.personas.orgrep)
    client.post(reverse("tandems:enrolment_withdraw", args=[tot.enrolment.pk]))
    assert not Enrolment.objects.filter(pk=tot.enrolment.pk).exists()
    enrolment = Enrolment.objects.create(
        tandem=tot.tandem, trajectory=tot.trajectory, enrolled_on=tot.enrolment.enrolled_on
    )
    services_trajectory.record_attendance(
        actor=tot.personas.coordinator, session=tot.sessions[0], presence={enrolment.pk: (True, True)}
    )
    client.post(reverse("tandems:enrolment_withdraw", args=[enrolment.pk]))
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_another_organisations_representative_cannot_see_or_withdraw(tot, client_for):
    client = client_for(tot.other_rep)
    assert client.get(reverse("tandems:enrolment_detail", args=[tot.enrolment.pk])).status_code == 404
    assert client.post(reverse("tandems:enrolment_withdraw", args=[tot.enrolment.pk])).status_code == 404
    assert Enrolment.objects.filter(pk=tot.enrolment.pk).exists()


def test_partners_and_the_municipality_see_the_enrolment_but_may_not_withdraw_it(tot, client_for):
    for person in (tot.expert, tot.coach, tot.personas.municipality):
        client = client_for(person)
        assert client.get(reverse("tandems:enrolment_detail", args=[tot.enrolment.pk])).status_code == 200
        assert client.post(reverse("tandems:enrolment_withdraw", args=[tot.enrolment.pk])).status_code == 403
    assert (
        client_for(tot.personas.outsider).get(reverse("tandems:enrolment_detail", args=[tot.enrolment.pk])).status_code
        == 404
    )
