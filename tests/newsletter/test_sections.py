"""What an edition gathers: what its readers may see, and a section another app adds."""

import datetime

import pytest
from django.utils import timezone

from samenspel.meetings.models import Meeting, Report, Visibility
from samenspel.newsletter import sections
from samenspel.newsletter.models import Edition
from tests.factories.circles import CircleFactory, CircleUpdateFactory
from tests.factories.consultations import DocumentFactory, RoundFactory, VersionFactory
from tests.factories.meetings import MeetingFactory
from tests.factories.newsletter import EditionFactory, UpdateRequestFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def titles(edition, key) -> list[str]:
    return [item.title for item in sections.get(key).gather(edition, NOW)]


def test_a_public_edition_gathers_public_meetings_only(personas):
    soon = NOW + datetime.timedelta(days=20)
    MeetingFactory(
        title="Openbaar", visibility=Visibility.PUBLIC, starts_at=soon, ends_at=soon + datetime.timedelta(hours=2)
    )
    MeetingFactory(
        title="Voor leden", visibility=Visibility.MEMBERS, starts_at=soon, ends_at=soon + datetime.timedelta(hours=2)
    )
    MeetingFactory(title="Concept", visibility=Visibility.PUBLIC, status=Meeting.Status.DRAFT)
    MeetingFactory(
        title="Over drie maanden",
        visibility=Visibility.PUBLIC,
        starts_at=NOW + datetime.timedelta(days=90),
        ends_at=NOW + datetime.timedelta(days=90, hours=2),
    )
    MeetingFactory(title="Kring", visibility=Visibility.CIRCLE, circle=personas.circle)
    edition = EditionFactory(issue_date=timezone.localdate())
    assert titles(edition, "meetings") == ["Openbaar"]
    members = EditionFactory(issue_date=timezone.localdate(), audience="members", visibility="members")
    assert set(titles(members, "meetings")) == {"Openbaar", "Voor leden"}
    circle = EditionFactory(
        issue_date=timezone.localdate(), audience="circle", circle=personas.circle, visibility="members"
    )
    assert set(titles(circle, "meetings")) == {"Openbaar", "Voor leden", "Kring"}


def test_rounds_open_for_the_editions_readers(personas):
    public_doc = DocumentFactory(is_public=True)
    RoundFactory(
        title="Iedereen",
        version=VersionFactory(document=public_doc),
        audience="everyone",
        closes_at=NOW + datetime.timedelta(days=10),
    )
    RoundFactory(
        title="Leden",
        version=VersionFactory(document=public_doc),
        audience="members",
        closes_at=NOW + datetime.timedelta(days=10),
    )
    RoundFactory(
        title="Uitgenodigden",
        version=VersionFactory(document=public_doc),
        audience="invited",
        closes_at=NOW + datetime.timedelta(days=10),
    )
    RoundFactory(
        title="Gesloten",
        version=VersionFactory(document=public_doc),
        audience="everyone",
        opens_at=NOW - datetime.timedelta(days=20),
        closes_at=NOW - datetime.timedelta(days=1),
    )
    edition = EditionFactory(issue_date=timezone.localdate())
    assert titles(edition, "rounds") == ["Iedereen"]
    members = EditionFactory(issue_date=timezone.localdate(), audience="members", visibility="members")
    assert set(titles(members, "rounds")) == {"Iedereen", "Leden"}


def test_reports_published_since_the_previous_edition(personas):
    EditionFactory(
        status=Edition.Status.SENT,
        issue_date=timezone.localdate() - datetime.timedelta(days=30),
        sent_at=NOW - datetime.timedelta(days=30),
    )
    for title, days_ago, visibility in [
        ("Nieuw", 3, "public"),
        ("Oud", 40, "public"),
        ("Deelnemers", 3, "participants"),
    ]:
        meeting = MeetingFactory(title=title, status=Meeting.Status.HELD)
        Report.objects.create(
            meeting=meeting, visibility=visibility, published_at=NOW - datetime.timedelta(days=days_ago)
        )
    MeetingFactory(title="Niet gepubliceerd")
    edition = EditionFactory(issue_date=timezone.localdate())
    assert titles(edition, "reports") == ["Nieuw"]


def test_the_updates_are_those_written_for_the_edition_in_the_circles_order(personas):
    edition = EditionFactory()
    first, second = CircleFactory(position=1, name="B"), CircleFactory(position=0, name="A")
    UpdateRequestFactory(edition=edition, circle=first, update=CircleUpdateFactory(circle=first, title="Van B"))
    UpdateRequestFactory(edition=edition, circle=second, update=CircleUpdateFactory(circle=second, title="Van A"))
    UpdateRequestFactory(edition=edition, circle=CircleFactory())  # not written
    CircleUpdateFactory(circle=first, title="Niet gevraagd")
    assert titles(edition, "updates") == ["Van A", "Van B"]


def test_another_app_adds_a_section_and_it_shows_at_the_end(personas):
    def gather(edition, now):
        return [sections.Item(title="Betaald werk bij Meetellen", url="/opportunities/1/", note="Onderzoek")]

    # A section of its own, after every registered one (the opportunities app registers a real one).
    try:
        sections.register(sections.Section(key="elsewhere", heading="Vraag en aanbod", gather=gather, position=999))
        edition = EditionFactory(sections=[{"key": "updates", "show": True}, {"key": "meetings", "show": True}])
        shown = sections.shown_sections(edition)
        assert shown[-1].key == "elsewhere"
        assert [item.title for item in shown[-1].items] == ["Betaald werk bij Meetellen"]
        assert sections.freeze(edition) == 1
        edition.status = Edition.Status.SENT
        assert [item.title for item in sections.shown_sections(edition)[-1].items] == ["Betaald werk bij Meetellen"]
    finally:
        sections._registry.pop("elsewhere", None)


def test_an_unknown_section_in_an_old_edition_is_left_out(personas):
    edition = EditionFactory(sections=[{"key": "gone", "show": True}, "not-a-dict", {"key": "updates", "show": False}])
    keys = [section.key for section, _show in sections.order_of(edition)]
    assert keys[0] == "updates" and "gone" not in keys
    assert "updates" not in [shown.key for shown in sections.shown_sections(edition)]
