"""Conditional requests (RFC 9110 §13): calendar feeds, .ics files and open data send ETag and
Last-Modified, answer If-None-Match / If-Modified-Since with 304 without building the body, and
send a new ETag after a change.
"""

from dataclasses import dataclass
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.lib.tokens import hash_token
from samenspel.meetings.models import CalendarFeed, Visibility
from samenspel.monitor.models import Period
from samenspel.monitor.services import close_period
from tests.conftest import make_coordinator
from tests.factories.circles import CircleFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import MemberFactory
from tests.factories.organisations import OrganisationFactory


@dataclass
class Case:
    url: str
    change: object  # a function that changes what the resource shows
    builders: tuple[str, ...]  # what builds the body: must not be called for a 304


def _rename(meeting):
    def change():
        meeting.title = "Nieuwe titel"
        meeting.save()

    return change


def _make_case(kind: str) -> Case:
    circle = CircleFactory(slug="kring")
    meeting = MeetingFactory(circle=circle, visibility=Visibility.PUBLIC)
    views = "samenspel.meetings.views.calendars."
    if kind == "feed_public":
        return Case(reverse("meetings:feed_public"), _rename(meeting), (views + "cached_feed_ics",))
    if kind == "feed_circle":
        return Case(reverse("meetings:feed_circle", args=[circle.slug]), _rename(meeting), (views + "cached_feed_ics",))
    if kind == "feed_personal":
        member = MemberFactory()
        RegistrationFactory(meeting=meeting, member=member)
        CalendarFeed.objects.create(member=member, token_hash=hash_token("secret-feed-token"))
        url = reverse("meetings:feed_personal", args=["secret-feed-token"])
        return Case(url, _rename(meeting), (views + "calendar_ics",))
    if kind == "meeting_ics":
        return Case(reverse("meetings:ics", args=[meeting.pk]), _rename(meeting), (views + "meeting_ics",))
    # open data: a closed quarter with one organisation; renaming it changes every file
    organisation = OrganisationFactory(name="Buurtteam Oost")
    close_period(actor=make_coordinator(), period=Period.objects.create(year=2024, quarter=1))

    def rename_organisation():
        organisation.name = "Buurtteam Oost-Watergraafsmeer"
        organisation.save()

    url = {
        "export_csv": lambda: reverse("monitor:export_csv", args=[2024, 1]),
        "export_xlsx": lambda: reverse("monitor:export_xlsx", args=[2024, 1]),
        "api_period": lambda: reverse("api:monitor_period", kwargs={"year": 2024, "quarter": 1}),
    }[kind]()
    return Case(url, rename_organisation, ("samenspel.monitor.selectors.closed_period",))


KINDS = ["feed_public", "feed_circle", "feed_personal", "meeting_ics", "export_csv", "export_xlsx", "api_period"]


def _without_building(case: Case):
    """Fail if anything that builds the body is called."""
    patches = [mock.patch(target, side_effect=AssertionError(f"{target} built the body")) for target in case.builders]
    for patch in patches:
        patch.start()
    return patches


@pytest.mark.parametrize("kind", KINDS)
def test_a_conditional_request_gets_304_until_the_resource_changes(db, client, kind):
    case = _make_case(kind)
    first = client.get(case.url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and etag.endswith('"')

    patches = _without_building(case)
    try:
        with CaptureQueriesContext(connection) as queries:
            same = client.get(case.url, headers={"If-None-Match": etag})
        assert same.status_code == 304
        assert same.content == b""
        assert same["ETag"] == etag
        assert len(queries) <= 2, [q["sql"] for q in queries]
        assert client.get(case.url, headers={"If-Modified-Since": last_modified}).status_code == 304
        assert client.head(case.url, headers={"If-None-Match": etag}).status_code == 304
    finally:
        for patch in patches:
            patch.stop()

    head = client.head(case.url)
    assert head.status_code == 200 and head["ETag"] == etag and head.content == b""
    other = client.get(case.url, headers={"If-None-Match": '"another-one"'})  # a copy that is not current
    assert other.status_code == 200 and other.content == first.content

    case.change()
    changed = client.get(case.url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.content
    assert changed["ETag"] != etag
    assert client.get(case.url, headers={"If-None-Match": changed["ETag"]}).status_code == 304


def test_an_unknown_period_is_404_even_for_if_none_match_star(db, client):
    url = reverse("monitor:export_csv", args=[2023, 4])
    assert client.get(url, headers={"If-None-Match": "*"}).status_code == 404
