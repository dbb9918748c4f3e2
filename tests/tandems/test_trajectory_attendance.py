"""Attendance per session, for both partners of every enrolled tandem."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting
from samenspel.tandems.models import SessionAttendance
from samenspel.tandems.services import trajectory as services_trajectory
from tests.factories.tandems import EnrolmentFactory


def test_a_coordinator_records_attendance_for_both_partners(tot, client_for):
    session = tot.sessions[0]
    url = reverse("tandems:session_attendance", args=[session.pk])
    client = client_for(tot.personas.coordinator)
    page = client.get(url).content.decode()
    assert "Eva Expert (expert by experience) was there" in page
    response = client.post(url, {f"expert_{tot.enrolment.pk}": "on", f"professional_{tot.other_enrolment.pk}": "on"})
    assert response.status_code == 302
    rows = {a.enrolment_id: (a.expert_present, a.professional_present) for a in SessionAttendance.objects.all()}
    assert rows == {tot.enrolment.pk: (True, False), tot.other_enrolment.pk: (False, True)}
    # Recording again changes the rows, it does not add new ones.
    client.post(url, {f"expert_{tot.enrolment.pk}": "on", f"professional_{tot.enrolment.pk}": "on"})
    assert SessionAttendance.objects.count() == 2
    assert SessionAttendance.objects.get(enrolment=tot.enrolment).professional_present is True
    assert SessionAttendance.objects.get(enrolment=tot.other_enrolment).professional_present is False


def test_the_enrolment_page_shows_the_recorded_attendance(tot, client_for):
    services_trajectory.record_attendance(
        actor=tot.personas.coordinator, session=tot.sessions[0], presence={tot.enrolment.pk: (True, False)}
    )
    body = client_for(tot.expert).get(reverse("tandems:enrolment_detail", args=[tot.enrolment.pk])).content.decode()
    assert "present" in body and "absent" in body


def test_attendance_for_a_future_or_cancelled_session_is_refused(tot):
    meeting = tot.sessions[0].meeting
    meeting.starts_at = timezone.now() + datetime.timedelta(days=1)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=1)
    meeting.save()
    with pytest.raises(services_trajectory.TrajectoryError, match="once the session has started"):
        services_trajectory.record_attendance(
            actor=None, session=tot.sessions[0], presence={tot.enrolment.pk: (True, True)}
        )
    Meeting.objects.filter(pk=tot.sessions[1].meeting_id).update(status=Meeting.Status.CANCELLED)
    tot.sessions[1].meeting.refresh_from_db()
    with pytest.raises(services_trajectory.TrajectoryError, match="cancelled"):
        services_trajectory.record_attendance(
            actor=None, session=tot.sessions[1], presence={tot.enrolment.pk: (True, True)}
        )
    assert not SessionAttendance.objects.exists()


def test_a_tandem_of_another_trajectory_cannot_be_recorded_and_nothing_is_half_saved(tot):
    stranger = EnrolmentFactory()
    with pytest.raises(services_trajectory.TrajectoryError, match="does not take part"):
        services_trajectory.record_attendance(
            actor=None,
            session=tot.sessions[0],
            presence={tot.enrolment.pk: (True, True), stranger.pk: (True, True)},
        )
    assert not SessionAttendance.objects.exists()


def test_a_posted_foreign_enrolment_field_is_ignored(tot, client_for):
    stranger = EnrolmentFactory()
    client_for(tot.personas.coordinator).post(
        reverse("tandems:session_attendance", args=[tot.sessions[0].pk]), {f"expert_{stranger.pk}": "on"}
    )
    assert not SessionAttendance.objects.filter(enrolment=stranger).exists()


@pytest.mark.parametrize("who", ["coach", "expert", "orgrep", "municipality"])
def test_only_coordinators_record_attendance(tot, client_for, who):
    person = getattr(tot, who, None) or getattr(tot.personas, who)
    response = client_for(person).post(
        reverse("tandems:session_attendance", args=[tot.sessions[0].pk]), {f"expert_{tot.enrolment.pk}": "on"}
    )
    assert response.status_code == 403
    assert not SessionAttendance.objects.exists()
