"""Recurring circle meetings: one Meeting per month, DST-correct, the last weekday, at most 24."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.meetings.models import Meeting, MeetingSeries
from samenspel.meetings.services import planning
from tests.factories.circles import CircleFactory


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def series_data(circle, **overrides):
    data = {
        "circle": circle.pk,
        "title": "Kringavond",
        "description": "",
        "week_of_month": "2",
        "weekday": "1",  # Tuesday
        "start_time": "19:00",
        "end_time": "21:00",
        "first_date": "2030-01-01",
        "last_date": "2030-06-30",
        "online_url": "",
        "location": "Buurthuis",
        "capacity": "15",
        "visibility": "circle",
    }
    data.update(overrides)
    return data


def test_second_tuesday_of_every_month(personas, client_for):
    response = client_for(personas.kartrekker).post(reverse("meetings:series_create"), series_data(personas.circle))
    assert response.status_code == 302
    meetings = list(Meeting.objects.order_by("starts_at"))
    local = [timezone.localtime(m.starts_at) for m in meetings]
    assert [d.date() for d in local] == [
        datetime.date(2030, 1, 8),
        datetime.date(2030, 2, 12),
        datetime.date(2030, 3, 12),
        datetime.date(2030, 4, 9),
        datetime.date(2030, 5, 14),
        datetime.date(2030, 6, 11),
    ]
    assert {(d.hour, d.minute) for d in local} == {(19, 0)}
    assert {timezone.localtime(m.ends_at).hour for m in meetings} == {21}
    series = MeetingSeries.objects.get()
    assert {m.series_id for m in meetings} == {series.pk}
    assert {m.status for m in meetings} == {Meeting.Status.DRAFT}
    assert {m.circle_id for m in meetings} == {personas.circle.pk}


def test_times_stay_at_19_local_across_the_summer_time_change():
    # Winter: UTC+1; summer: UTC+2. 19:00 in Amsterdam is 18:00 UTC in March, 17:00 UTC in April.
    march = planning.local_datetime(datetime.date(2030, 3, 12), datetime.time(19, 0))
    april = planning.local_datetime(datetime.date(2030, 4, 9), datetime.time(19, 0))
    assert march.astimezone(datetime.UTC).hour == 18
    assert april.astimezone(datetime.UTC).hour == 17


def test_series_meetings_in_utc_follow_summer_time(personas):
    result = planning.create_series(
        actor=personas.kartrekker,
        circle=personas.circle,
        title="Kring",
        weekday=6,
        week_of_month=-1,
        start_time=datetime.time(2, 30),
        end_time=datetime.time(4, 0),
        first_date=datetime.date(2030, 3, 1),
        last_date=datetime.date(2030, 4, 30),
        location="Hier",
        capacity=10,
    )
    utc_hours = [m.starts_at.astimezone(datetime.UTC) for m in result.meetings]
    # Last Sunday of March 2030 is the 31st (the change day itself); of April the 28th.
    assert [m.date() for m in utc_hours] == [datetime.date(2030, 3, 31), datetime.date(2030, 4, 28)]
    assert utc_hours[1].hour == 0 and utc_hours[1].minute == 30  # 02:30 CEST = 00:30 UTC


def test_last_weekday_of_the_month():
    dates = planning.series_dates(
        weekday=4, week_of_month=-1, first_date=datetime.date(2030, 1, 1), last_date=datetime.date(2030, 4, 30)
    )
    assert dates == [
        datetime.date(2030, 1, 25),
        datetime.date(2030, 2, 22),
        datetime.date(2030, 3, 29),
        datetime.date(2030, 4, 26),
    ]


def test_dates_outside_the_range_are_left_out():
    dates = planning.series_dates(
        weekday=1, week_of_month=2, first_date=datetime.date(2030, 1, 9), last_date=datetime.date(2030, 3, 11)
    )
    assert dates == [datetime.date(2030, 2, 12)]


def test_more_than_24_meetings_is_refused_with_a_clear_message(personas, client_for):
    data = series_data(personas.circle, first_date="2030-01-01", last_date="2032-12-31")
    response = client_for(personas.kartrekker).post(reverse("meetings:series_create"), data)
    assert response.status_code == 200
    assert "This makes 36 meetings. You can plan at most 24 at once." in response.content.decode()
    assert not Meeting.objects.exists() and not MeetingSeries.objects.exists()


def test_exactly_24_meetings_is_fine(personas):
    result = planning.create_series(
        actor=personas.coordinator,
        circle=personas.circle,
        title="Kring",
        weekday=0,
        week_of_month=1,
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        first_date=datetime.date(2030, 1, 1),
        last_date=datetime.date(2031, 12, 31),
        location="Hier",
        capacity=10,
        publish=True,
    )
    assert len(result.meetings) == 24
    assert {m.status for m in result.meetings} == {Meeting.Status.PUBLISHED}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_time": "18:00"}, "The end time must be after the start time."),
        ({"last_date": "2029-12-01"}, "The last date must be on or after the first date."),
        ({"first_date": "2030-01-09", "last_date": "2030-01-31"}, "There is no such day between these dates."),
        ({"week_of_month": "5"}, "Choose one of the options."),
        ({"weekday": "9"}, "Choose one of the options."),
        ({"start_time": "late"}, "Fill in a time, like 19:00."),
        ({"first_date": "01/01/2030"}, "Fill in a date, like 2025-02-08."),
        ({"capacity": "0"}, "The number of places must be 1 or more."),
        ({"online_url": "javascript:alert(1)"}, "Fill in a web link that starts with https:// or http://."),
        ({"location": ""}, "Fill in an online link or a location (or both)."),
        ({"title": "x" * 151}, "This is too long."),
    ],
)
def test_series_bad_input(personas, client_for, overrides, message):
    response = client_for(personas.kartrekker).post(
        reverse("meetings:series_create"), series_data(personas.circle, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_kartrekker_may_not_plan_a_series_for_a_foreign_circle(personas, client_for):
    other = CircleFactory()
    response = client_for(personas.kartrekker).post(reverse("meetings:series_create"), series_data(other))
    assert response.status_code == 200
    assert "Choose one of the circles in the list." in response.content.decode()
    assert not Meeting.objects.exists()


def test_each_occurrence_is_changed_on_its_own(personas):
    result = planning.create_series(
        actor=personas.kartrekker,
        circle=personas.circle,
        title="Kring",
        weekday=1,
        week_of_month=2,
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        first_date=datetime.date(2030, 1, 1),
        last_date=datetime.date(2030, 3, 31),
        location="Hier",
        capacity=10,
        publish=True,
    )
    first, second, third = result.meetings
    planning.update_meeting(actor=personas.kartrekker, meeting=first, location="Elders")
    planning.cancel_meeting(actor=personas.kartrekker, meeting=second, reason="Vakantie")
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.location == "Elders" and third.location == "Hier"
    assert second.status == Meeting.Status.CANCELLED and third.status == Meeting.Status.PUBLISHED


def test_the_form_says_to_change_one_meeting_at_a_time(personas, client_for):
    page = client_for(personas.kartrekker).get(reverse("meetings:series_create")).content.decode()
    assert "change or cancel one meeting at a time" in page
