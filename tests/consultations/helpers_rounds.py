"""Helpers for the rounds tests: an open round on a published version, and confirmed email addresses."""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress

from samenspel.consultations.models import Paragraph, Round, Version
from tests.factories.consultations import DocumentFactory, ParagraphFactory, RoundFactory, VersionFactory

NOW = datetime.datetime(2030, 3, 1, 10, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def confirm_email(*people) -> None:
    """Give each person a verified primary email address (what allauth does at sign-up)."""
    for person in people:
        if person is not None:
            EmailAddress.objects.get_or_create(
                user=person, email=person.email, defaults={"verified": True, "primary": True}
            )


@dataclass
class Setup:
    document: object
    version: Version
    paragraphs: list[Paragraph]
    round: Round


def make_round(*, is_public: bool = True, audience=Round.Audience.MEMBERS, paragraphs: int = 3, **fields) -> Setup:
    """A round open from NOW - 1 day to NOW + 10 days on a published version with a heading and paragraphs."""
    document = DocumentFactory(is_public=is_public, title="Concept-advies ervaringskennis")
    version = VersionFactory(document=document, label="1")
    items = [ParagraphFactory(version=version, kind=Paragraph.Kind.HEADING, level=1, text="Inleiding")]
    items += [ParagraphFactory(version=version) for _ in range(paragraphs - 1)]
    fields.setdefault("opens_at", NOW - DAY)
    fields.setdefault("closes_at", NOW + 10 * DAY)
    round_ = RoundFactory(version=version, audience=audience, **fields)
    return Setup(document, version, items, round_)
