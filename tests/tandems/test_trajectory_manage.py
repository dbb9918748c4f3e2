"""Coordinators define a trajectory: modules in order, and sessions that ARE meetings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting
from samenspel.meetings.selectors import public_feed_meetings
from samenspel.tandems.models import Module, Trajectory, TrajectorySession
from tests.factories.tandems import ModuleFactory, SessionFactory, TrajectoryFactory


def _local(dt: datetime.datetime) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def session_data(**changes) -> dict:
    start = (timezone.now() + datetime.timedelta(days=10)).replace(minute=0, second=0, microsecond=0)
    data = {
        "led_by": "Trainersduo Anna en Bas",
        "starts_at": _local(start),
        "ends_at": _local(start + datetime.timedelta(hours=3)),
        "location": "Buurthuis De Meeuw",
        "online_url": "",
        "capacity": "20",
        "visibility": "members",
        "publish": "on",
    }
    data.update(changes)
    return data


def test_a_coordinator_creates_a_trajectory_and_its_modules_in_order(personas, client_for):
    client = client_for(personas.coordinator)
    response = client.post(
        reverse("tandems:trajectory_create"),
        {"title": "Tandem Ontwikkel Traject", "description": "Samen leren.", "is_active": "on"},
    )
    trajectory = Trajectory.objects.get()
    assert trajectory.slug == "tandem-ontwikkel-traject"
    assert response.url == reverse("tandems:trajectory_detail", args=[trajectory.slug])
    for title in ("Kennismaken", "Samen op huisbezoek", "Terugblikken"):
        client.post(reverse("tandems:module_create", args=[trajectory.slug]), {"title": title, "goal": "Een doel."})
    assert list(trajectory.modules.values_list("position", "title")) == [
        (1, "Kennismaken"),
        (2, "Samen op huisbezoek"),
        (3, "Terugblikken"),
    ]
    last = trajectory.modules.get(title="Terugblikken")
    client.post(reverse("tandems:module_move", args=[last.pk]), {"direction": "up"})
    assert list(trajectory.modules.order_by("position").values_list("title", flat=True)) == [
        "Kennismaken",
        "Terugblikken",
        "Samen op huisbezoek",
    ]
    first = trajectory.modules.get(title="Kennismaken")
    client.post(reverse("tandems:module_move", args=[first.pk]), {"direction": "up"})  # already first: no change
    assert trajectory.modules.get(position=1) == first


def test_a_session_is_a_meeting_in_the_calendar_and_the_public_feed(personas, client_for):
    module = ModuleFactory(title="Kennismaken")
    client = client_for(personas.coordinator)
    response = client.post(reverse("tandems:session_create", args=[module.pk]), session_data(visibility="public"))
    session = TrajectorySession.objects.get()
    assert response.url == reverse("meetings:detail", args=[session.meeting_id])
    meeting = session.meeting
    assert meeting.status == Meeting.Status.PUBLISHED
    assert meeting.title == f"{module.trajectory.title}: Kennismaken"
    assert meeting.circle is None
    assert meeting in public_feed_meetings()
    listing = client_for(personas.member).get(reverse("meetings:list")).content.decode()
    assert reverse("meetings:detail", args=[meeting.pk]) in listing
    ics = client_for(None).get(reverse("meetings:feed_public")).content.decode()
    assert "Kennismaken" in ics


def test_changing_a_session_changes_its_meeting(personas, client_for):
    session = SessionFactory()
    session.meeting.starts_at = timezone.now() + datetime.timedelta(days=3)
    session.meeting.ends_at = session.meeting.starts_at + datetime.timedelta(hours=2)
    session.meeting.save()
    start = session.meeting.starts_at + datetime.timedelta(days=1)
    data = session_data(
        led_by="Trainer Chris",
        starts_at=_local(start),
        ends_at=_local(start + datetime.timedelta(hours=1)),
        location="",
        online_url="https://meet.example.org/tot",
    )
    response = client_for(personas.coordinator).post(reverse("tandems:session_edit", args=[session.pk]), data)
    assert response.status_code == 302
    session.refresh_from_db()
    session.meeting.refresh_from_db()
    assert session.led_by == "Trainer Chris"
    assert session.meeting.online_url == "https://meet.example.org/tot"
    assert session.meeting.sequence == 1  # the calendar files see a new version


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"led_by": ""}, "Fill in who leads the session."),
        ({"led_by": "x" * 201}, "This is too long"),
        ({"starts_at": "morgen"}, "Fill in a date and time"),
        ({"location": "", "online_url": ""}, "Fill in an online link or a location"),
        ({"online_url": "javascript:alert(1)"}, "Fill in a web link"),
        ({"capacity": "0"}, "1 or more"),
        ({"capacity": "veel"}, "whole number"),
        ({"visibility": "circle"}, "Choose one of the options."),
    ],
)
def test_bad_session_input_is_refused_with_a_message_and_nothing_saved(personas, client_for, changes, message):
    module = ModuleFactory()
    response = client_for(personas.coordinator).post(
        reverse("tandems:session_create", args=[module.pk]), session_data(**changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TrajectorySession.objects.exists()
    assert not Meeting.objects.exists()


def test_a_session_that_ends_before_it_starts_is_refused(personas, client_for):
    module = ModuleFactory()
    start = timezone.now() + datetime.timedelta(days=3)
    data = session_data(starts_at=_local(start), ends_at=_local(start - datetime.timedelta(hours=1)))
    response = client_for(personas.coordinator).post(reverse("tandems:session_create", args=[module.pk]), data)
    assert "The end must be after the start." in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Fill in a title."),
        ({"title": "x" * 201}, "This is too long"),
        ({"title": "Traject", "slug": "met spaties!"}, "Use only letters, numbers and dashes."),
        ({"title": "Traject", "slug": "tot"}, "This short name is already used."),
        ({"title": "!!!"}, "Fill in a short name with letters or numbers."),
    ],
)
def test_bad_trajectory_input_is_refused(personas, client_for, data, message):
    TrajectoryFactory(slug="tot")
    response = client_for(personas.coordinator).post(reverse("tandems:trajectory_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Trajectory.objects.count() == 1


def test_module_text_with_html_is_shown_as_text_and_materials_are_sanitised(personas, client_for):
    trajectory = TrajectoryFactory(slug="tot")
    client = client_for(personas.coordinator)
    client.post(
        reverse("tandems:module_create", args=["tot"]),
        {
            "title": "<script>alert(1)</script>",
            "goal": "<b>doel</b>",
            "materials": "[lees dit](https://example.org) <script>alert(2)</script>",
        },
    )
    body = client.get(reverse("tandems:trajectory_detail", args=["tot"])).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert '<a href="https://example.org"' in body
    assert trajectory.modules.count() == 1


def test_a_module_with_sessions_cannot_be_deleted_one_without_can(personas, client_for):
    session = SessionFactory()
    empty = ModuleFactory(trajectory=session.module.trajectory, position=9)
    client = client_for(personas.coordinator)
    client.post(reverse("tandems:module_delete", args=[session.module.pk]))
    assert Module.objects.filter(pk=session.module.pk).exists()
    client.post(reverse("tandems:module_delete", args=[empty.pk]))
    assert not Module.objects.filter(pk=empty.pk).exists()


@pytest.mark.parametrize("persona", ["member", "outsider", "orgrep", "kartrekker", "municipality"])
def test_only_coordinators_manage_the_trajectory(tot, client_for, persona):
    client = client_for(getattr(tot.personas, persona))
    module = tot.modules[0]
    assert client.get(reverse("tandems:trajectory_create")).status_code == 403
    assert client.get(reverse("tandems:trajectory_edit", args=["tot"])).status_code == 403
    assert client.post(reverse("tandems:module_create", args=["tot"]), {"title": "X", "goal": "Y"}).status_code == 403
    assert client.post(reverse("tandems:module_move", args=[module.pk]), {"direction": "down"}).status_code == 403
    assert client.post(reverse("tandems:module_delete", args=[module.pk])).status_code == 403
    assert client.post(reverse("tandems:session_create", args=[module.pk]), session_data()).status_code == 403
    assert client.get(reverse("tandems:session_attendance", args=[tot.sessions[0].pk])).status_code == 403
    assert tot.trajectory.modules.count() == 2
    assert TrajectorySession.objects.count() == 2


def test_unknown_ids_answer_404(personas, client_for):
    client = client_for(personas.coordinator)
    assert client.get(reverse("tandems:module_edit", args=[999])).status_code == 404
    assert client.get(reverse("tandems:session_edit", args=[999])).status_code == 404
    assert client.get(reverse("tandems:trajectory_detail", args=["nope"])).status_code == 404
