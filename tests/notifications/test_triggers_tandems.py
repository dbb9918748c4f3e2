"""Tandem partners (with an account) hear of their tandem's enrolment and of changed sessions."""

import datetime

import pytest
from django.urls import reverse

from samenspel.meetings.models import Meeting, Registration
from samenspel.notifications.models import Kind, Notification
from samenspel.tandems.services import trajectory as services
from tests.factories.meetings import RegistrationFactory
from tests.factories.tandems import TrajectoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def told():
    return {(row.recipient, row.message) for row in Notification.objects.filter(kind=Kind.TANDEM)}


def test_an_enrolment_and_its_withdrawal_tell_both_partners(tot):
    other = TrajectoryFactory(title="Verdieping", slug="verdieping")
    enrolment = services.enrol(actor=tot.personas.orgrep, tandem=tot.tandem, trajectory=other)
    assert told() == {(tot.expert, "tandem.enrolled"), (tot.professional, "tandem.enrolled")}
    row = Notification.objects.filter(recipient=tot.expert).get()
    assert row.link == reverse("tandems:enrolment_detail", args=[enrolment.pk])
    assert row.params == {"trajectory": "Verdieping"}

    services.withdraw(actor=tot.personas.orgrep, enrolment=enrolment)
    assert (tot.expert, "tandem.withdrawn") in told()
    assert Notification.objects.filter(message="tandem.withdrawn", recipient=tot.expert).get().link == reverse(
        "tandems:trajectory_detail", args=[other.slug]
    )


def test_a_new_session_time_tells_the_partners_of_every_enrolled_tandem_not_registered(tot):
    session = tot.sessions[0]
    meeting = session.meeting
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    meeting.refresh_from_db()
    RegistrationFactory(meeting=meeting, member=tot.professional, status=Registration.Status.CONFIRMED)
    later = meeting.starts_at + datetime.timedelta(days=1)
    services.update_session(
        actor=tot.personas.coordinator,
        session=session,
        led_by=session.led_by,
        starts_at=later,
        ends_at=meeting.ends_at + datetime.timedelta(days=1),
    )
    assert (tot.expert, "tandem.session_changed") in told()
    assert (tot.professional, "tandem.session_changed") not in told()  # registered: had the meeting's email
    row = Notification.objects.get(recipient=tot.expert)
    assert row.link == reverse("meetings:detail", args=[meeting.pk])
    assert row.params["module"] == session.module.title


def test_a_change_of_who_leads_tells_no_one(tot):
    session = tot.sessions[0]
    services.update_session(actor=tot.personas.coordinator, session=session, led_by="Iemand anders")
    assert told() == set()
