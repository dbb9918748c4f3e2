"""Attendance: the printable check-in list, marking who was present, figures per meeting and per circle."""

import pytest
from django.urls import reverse

from samenspel.meetings import selectors
from samenspel.meetings.models import Meeting, ParticipantRole, Registration, Visibility
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory

from .helpers_afterwards import add_participants

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("afterwards_settings")]


def test_checkin_page_permissions_per_persona(personas, client_for, circle_meeting):
    url = reverse("meetings:checkin", args=[circle_meeting.pk])
    expected = {
        "pending": 404,
        "member": 403,
        "outsider": 403,
        "kartrekker": 200,
        "coordinator": 200,
        "orgrep": 403,
        "municipality": 403,
    }
    assert client_for(None).get(url).status_code == 302
    for name, status in expected.items():
        assert client_for(getattr(personas, name)).get(url).status_code == status, name
    assert client_for(personas.member).post(url, {"present": []}).status_code == 403


def test_checkin_of_a_hidden_meeting_is_404_for_an_outsider(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    assert client_for(personas.outsider).get(reverse("meetings:checkin", args=[meeting.pk])).status_code == 404


def test_checkin_list_shows_names_roles_and_a_checkbox_each_and_is_printable(personas, client_for, circle_meeting):
    RegistrationFactory(meeting=circle_meeting, member=personas.member, role=ParticipantRole.POLICY)
    visitor = RegistrationFactory(
        meeting=circle_meeting, member=None, name="Vera <b>Visitor</b>", email="v@example.org"
    )
    RegistrationFactory(meeting=circle_meeting, status=Registration.Status.WAITLISTED, member__name="Wanda Wachtlijst")
    html = client_for(personas.kartrekker).get(reverse("meetings:checkin", args=[circle_meeting.pk])).content.decode()
    assert "Mila Member" in html and "Policy" in html
    assert "Vera &lt;b&gt;Visitor&lt;/b&gt;" in html
    assert "Wanda Wachtlijst" not in html
    assert html.count('type="checkbox" name="present"') == 2
    assert f'for="present-{visitor.pk}"' in html
    assert 'href="/static/css/print.css" media="print"' in html
    assert 'class="samenspel-actions"' in html  # the save button is hidden when printed


def test_marking_presence_with_one_form(personas, client_for, circle_meeting):
    present, absent, also_present = add_participants(circle_meeting, 3)
    waitlisted = RegistrationFactory(meeting=circle_meeting, status=Registration.Status.WAITLISTED)
    url = reverse("meetings:checkin", args=[circle_meeting.pk])
    response = client_for(personas.kartrekker).post(url, {"present": [present.pk, also_present.pk]})
    assert response.status_code == 302
    attended = dict(Registration.objects.filter(meeting=circle_meeting).values_list("pk", "attended"))
    assert attended == {present.pk: True, absent.pk: False, also_present.pk: True, waitlisted.pk: None}
    assert selectors.attendance_figures(circle_meeting) == {"registered": 3, "present": 2, "no_show": 1}
    page = client_for(personas.kartrekker).get(url).content.decode()
    assert f'value="{present.pk}" id="present-{present.pk}" checked' in page


@pytest.mark.parametrize("bad", ["abc", "999999", "foreign", "waitlisted"])
def test_marking_presence_refuses_foreign_or_unknown_ids(personas, client_for, circle_meeting, bad):
    (participant,) = add_participants(circle_meeting, 1)
    foreign = RegistrationFactory()
    waitlisted = RegistrationFactory(meeting=circle_meeting, status=Registration.Status.WAITLISTED)
    value = {"foreign": foreign.pk, "waitlisted": waitlisted.pk}.get(bad, bad)
    url = reverse("meetings:checkin", args=[circle_meeting.pk])
    response = client_for(personas.kartrekker).post(url, {"present": [participant.pk, value]})
    assert response.status_code == 400
    assert "not a participant" in response.content.decode()
    assert not Registration.objects.filter(attended__isnull=False).exists()


def test_attendance_figures_on_crafted_data(circle_meeting):
    add_participants(circle_meeting, 4, attended=True)
    add_participants(circle_meeting, 2, attended=False)
    add_participants(circle_meeting, 3)  # not marked yet
    add_participants(circle_meeting, 2, status=Registration.Status.CANCELLED, attended=False)
    add_participants(circle_meeting, 1, status=Registration.Status.WAITLISTED)
    assert selectors.attendance_figures(circle_meeting) == {"registered": 9, "present": 4, "no_show": 2}
    assert selectors.attendance_figures(MeetingFactory()) == {"registered": 0, "present": 0, "no_show": 0}


def test_checkin_page_query_count_with_300_participants(
    personas, client_for, circle_meeting, django_assert_max_num_queries
):
    add_participants(circle_meeting, 150, attended=True)
    for n in range(150):
        RegistrationFactory(meeting=circle_meeting, member=None, name=f"Bezoeker {n}", email=f"b{n}@example.org")
    client = client_for(personas.kartrekker)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("meetings:checkin", args=[circle_meeting.pk]))
    assert response.content.decode().count('name="present"') == 300


# --- per circle ---------------------------------------------------------------------------------


def test_circle_attendance_per_meeting(personas, client_for):
    circle = personas.circle
    held = MeetingFactory(circle=circle, title="Januari", status=Meeting.Status.HELD)
    add_participants(held, 5, attended=True)
    add_participants(held, 2, attended=False)
    upcoming = MeetingFactory(circle=circle, title="Februari")
    add_participants(upcoming, 3)
    MeetingFactory(circle=circle, title="Concept", status=Meeting.Status.DRAFT)
    MeetingFactory(circle=CircleFactory(), title="Andere kring")
    rows = {m.title: (m.registered, m.present) for m in selectors.circle_attendance(circle)}
    assert rows == {"Januari": (7, 5), "Februari": (3, 0)}
    response = client_for(personas.kartrekker).get(reverse("meetings:circle_attendance", args=[circle.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Januari" in html and "Februari" in html and "Andere kring" not in html and "Concept" not in html


def test_circle_attendance_permissions_per_persona(personas, client_for):
    url = reverse("meetings:circle_attendance", args=[personas.circle.slug])
    expected = {
        "pending": 403,
        "member": 403,
        "outsider": 403,
        "kartrekker": 200,
        "coordinator": 200,
        "orgrep": 403,
        "municipality": 403,
    }
    assert client_for(None).get(url).status_code == 302
    for name, status in expected.items():
        assert client_for(getattr(personas, name)).get(url).status_code == status, name
    assert client_for(personas.coordinator).get(reverse("meetings:circle_attendance", args=["nope"])).status_code == 404


def test_a_kartrekker_of_another_circle_gets_403(personas, client_for):
    other = CircleFactory()
    url = reverse("meetings:circle_attendance", args=[other.slug])
    assert client_for(personas.kartrekker).get(url).status_code == 403


def test_circle_attendance_query_count_is_constant_with_100_meetings(
    personas, client_for, django_assert_max_num_queries
):
    meetings = [MeetingFactory(circle=personas.circle, status=Meeting.Status.HELD) for _ in range(100)]
    for meeting in meetings[:10]:
        add_participants(meeting, 3, attended=True)
    client = client_for(personas.kartrekker)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:circle_attendance", args=[personas.circle.slug]))
    assert response.content.decode().count('class="utrecht-table__row"') == 101
