"""The trajectory's pages render for those who may see them, with their modules, sessions and tandems."""

from django.urls import reverse


def test_a_member_sees_the_active_trajectory_with_modules_and_sessions(tot, client_for):
    response = client_for(tot.personas.member).get(reverse("tandems:trajectory_detail", args=["tot"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kennismaken als tandem" in body
    assert "Ervaringskennis in het buurtteam" in body
    assert reverse("meetings:detail", args=[tot.sessions[0].meeting_id]) in body
    assert "Trainersduo Anna en Bas" in body


def test_the_list_shows_my_tandem_to_a_partner(tot, client_for):
    response = client_for(tot.expert).get(reverse("tandems:trajectory_list"))
    assert response.status_code == 200
    assert reverse("tandems:enrolment_detail", args=[tot.enrolment.pk]) in response.content.decode()


def test_a_visitor_is_sent_to_log_in_and_a_pending_member_gets_403(tot, client_for):
    url = reverse("tandems:trajectory_detail", args=["tot"])
    assert client_for(None).get(url).status_code == 302
    assert client_for(tot.personas.pending).get(url).status_code == 403


def test_a_closed_trajectory_is_hidden_from_members_but_not_from_coordinators(tot, client_for):
    tot.trajectory.is_active = False
    tot.trajectory.save()
    url = reverse("tandems:trajectory_detail", args=["tot"])
    assert client_for(tot.personas.member).get(url).status_code == 404
    assert client_for(tot.personas.coordinator).get(url).status_code == 200


def test_the_tandem_table_shows_only_the_tandems_the_viewer_may_see(tot, client_for):
    url = reverse("tandems:trajectory_detail", args=["tot"])
    own = reverse("tandems:enrolment_detail", args=[tot.enrolment.pk])
    other = reverse("tandems:enrolment_detail", args=[tot.other_enrolment.pk])
    body = client_for(tot.personas.orgrep).get(url).content.decode()
    assert own in body and other not in body
    body = client_for(tot.personas.outsider).get(url).content.decode()
    assert own not in body and other not in body
    body = client_for(tot.personas.coordinator).get(url).content.decode()
    assert own in body and other in body


def test_the_enrolment_page_shows_progress_and_attendance(tot, client_for):
    response = client_for(tot.coach).get(reverse("tandems:enrolment_detail", args=[tot.enrolment.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "0 of 2 modules done" in body
    assert "not recorded" in body
