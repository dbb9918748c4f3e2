"""The newsletter's section "Opportunities": published since the previous edition, for its readers."""

import datetime

import pytest
from django.utils import timezone

from samenspel.newsletter import sections
from samenspel.newsletter.models import Edition
from tests.factories.newsletter import EditionFactory
from tests.factories.opportunities import OpportunityFactory

from .helpers_posting import in_days

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def titles(edition) -> list[str]:
    return [item.title for item in sections.get("opportunities").gather(edition, NOW)]


def ago(days: int):
    return NOW - datetime.timedelta(days=days)


@pytest.fixture
def opportunities():
    EditionFactory(
        status=Edition.Status.SENT, issue_date=timezone.localdate() - datetime.timedelta(days=30), sent_at=ago(30)
    )
    OpportunityFactory(title="Nieuw openbaar", audience="public", published_at=ago(3))
    OpportunityFactory(title="Nieuw voor leden", audience="members", published_at=ago(3))
    OpportunityFactory(title="Al eerder", audience="public", published_at=ago(40))
    OpportunityFactory(title="Gesloten", status="closed", published_at=ago(3))
    OpportunityFactory(title="Wacht", status="pending", published_at=None)
    OpportunityFactory(title="Verlopen", respond_by=in_days(-1), published_at=ago(3))


def test_a_members_edition_shows_what_was_published_since_the_last_one(opportunities):
    edition = EditionFactory(
        issue_date=timezone.localdate(), audience=Edition.Audience.MEMBERS, visibility=Edition.Visibility.MEMBERS
    )
    assert sorted(titles(edition)) == ["Nieuw openbaar", "Nieuw voor leden"]


def test_a_public_edition_shows_public_ones_only(opportunities):
    edition = EditionFactory(issue_date=timezone.localdate(), visibility=Edition.Visibility.PUBLIC)
    assert titles(edition) == ["Nieuw openbaar"]


def test_the_section_is_registered_with_its_heading_and_links(opportunities):
    section = sections.get("opportunities")
    assert str(section.heading) in ("Opportunities", "Kansen")
    edition = EditionFactory(issue_date=timezone.localdate(), visibility=Edition.Visibility.PUBLIC)
    [item] = section.gather(edition, NOW)
    assert item.url.startswith("/opportunities/")
    assert "Kenniscentrum Ongelijkheid" in item.note
