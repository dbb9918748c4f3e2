"""iCalendar output parsed back with icalendar and checked field by field."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db.models import F

from samenspel.meetings.ics import calendar_ics, meeting_ics
from samenspel.meetings.models import Meeting, Visibility
from tests.factories.meetings import MeetingFactory

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.SITE_URL = "https://samenspel.example"


def parse_event(text: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(text)
    (event,) = calendar.events
    return event


def test_the_event_has_every_field(db):
    meeting = MeetingFactory(
        title="Samenspel in de stad",
        description="Drie deelgroepen.",
        starts_at=datetime.datetime(2027, 2, 8, 19, 0, tzinfo=AMS),
        ends_at=datetime.datetime(2027, 2, 8, 21, 0, tzinfo=AMS),
        location="Buurthuis De Meeuw",
    )
    text = meeting_ics(meeting)
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    event = parse_event(text)
    assert str(event["UID"]) == f"{meeting.uid}@samenspel"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert str(event["SUMMARY"]) == "Samenspel in de stad"
    assert "Drie deelgroepen." in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Buurthuis De Meeuw"
    assert str(event["URL"]) == f"https://samenspel.example/meetings/{meeting.pk}/"
    assert str(meeting.pk) in str(event["URL"])
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event["DTEND"].params["TZID"] == "Europe/Amsterdam"
    assert event.start == datetime.datetime(2027, 2, 8, 19, 0, tzinfo=AMS)
    assert event.end == datetime.datetime(2027, 2, 8, 21, 0, tzinfo=AMS)


def test_the_calendar_has_one_vtimezone_for_amsterdam_with_both_rules(db):
    text = meeting_ics(MeetingFactory())
    calendar = icalendar.Calendar.from_ical(text)
    (tz,) = calendar.timezones
    assert str(tz["TZID"]) == "Europe/Amsterdam"
    assert {c.name for c in tz.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert calendar.get_missing_tzids() == set()
    assert "DTSTART;TZID=Europe/Amsterdam:" in text


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (datetime.date(2027, 3, 23), 18),  # before the switch to summer time (CET, +1)
        (datetime.date(2027, 3, 30), 17),  # after the switch on 28 March (CEST, +2)
        (datetime.date(2027, 10, 26), 17),  # still summer time (the switch back is on 31 October)
        (datetime.date(2027, 11, 2), 18),  # winter time again
    ],
)
def test_local_start_time_stays_19_00_across_summer_time(db, day, utc_hour):
    starts_at = datetime.datetime.combine(day, datetime.time(19, 0), tzinfo=AMS)
    meeting = MeetingFactory(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2))
    text = meeting_ics(meeting)
    local = starts_at.strftime("%Y%m%d") + "T190000"
    assert f"DTSTART;TZID=Europe/Amsterdam:{local}" in text
    event = parse_event(text)
    assert event.start.astimezone(datetime.UTC).hour == utc_hour
    assert event.start.astimezone(AMS).hour == 19


def test_the_vtimezone_rules_give_the_same_offsets_as_the_tz_database(db):
    calendar = icalendar.Calendar.from_ical(meeting_ics(MeetingFactory()))
    ours = calendar.timezones[0].to_tz(lookup_tzid=False)
    for year in (2026, 2027, 2031):
        for month in range(1, 13):
            for day in (1, 15, 28):
                moment = datetime.datetime(year, month, day, 19, 0)
                assert ours.utcoffset(moment) == moment.replace(tzinfo=AMS).utcoffset(), moment


def test_uid_stays_and_sequence_rises_when_the_meeting_changes(db):
    meeting = MeetingFactory()
    before = parse_event(meeting_ics(meeting))
    Meeting.objects.filter(pk=meeting.pk).update(title="Nieuwe titel", sequence=F("sequence") + 1)
    meeting.refresh_from_db()
    after = parse_event(meeting_ics(meeting))
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1 == 1
    assert str(after["SUMMARY"]) == "Nieuwe titel"


def test_a_cancelled_meeting_is_status_cancelled(db):
    meeting = MeetingFactory(status=Meeting.Status.CANCELLED, sequence=3)
    event = parse_event(meeting_ics(meeting))
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 3


def test_an_online_meeting_says_online_without_the_link(db):
    meeting = MeetingFactory(location="", online_url="https://meet.example/secret-room")
    text = meeting_ics(meeting)
    assert "secret-room" not in text
    assert str(parse_event(text)["LOCATION"]) == "Online"


def test_a_confirmed_participant_may_get_the_online_link(db):
    meeting = MeetingFactory(location="", online_url="https://meet.example/secret-room")
    event = parse_event(meeting_ics(meeting, with_online_link=True))
    assert "https://meet.example/secret-room" in str(event["DESCRIPTION"])


def test_calendar_ics_names_the_calendar_and_holds_each_meeting(db):
    meetings = MeetingFactory.create_batch(3, visibility=Visibility.PUBLIC)
    text = calendar_ics(Meeting.objects.all(), name="Alle bijeenkomsten")
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["X-WR-CALNAME"]) == "Alle bijeenkomsten"
    assert {str(e["UID"]) for e in calendar.events} == {f"{m.uid}@samenspel" for m in meetings}
    assert len(calendar.timezones) == 1


def test_text_with_commas_semicolons_and_newlines_round_trips(db):
    meeting = MeetingFactory(title="Eten, drinken; praten", description="Regel 1\nRegel 2, met <b>html</b>")
    event = parse_event(meeting_ics(meeting))
    assert str(event["SUMMARY"]) == "Eten, drinken; praten"
    assert str(event["DESCRIPTION"]).startswith("Regel 1\nRegel 2, met <b>html</b>")
