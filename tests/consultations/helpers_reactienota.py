"""Helpers for the reactienota tests: a closed round with comments, and a published next version."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from samenspel.consultations.models import Comment, Paragraph, Round, Version
from tests.factories.consultations import (
    CommentFactory,
    DocumentFactory,
    ParagraphFactory,
    RoundFactory,
    VersionFactory,
)


@dataclass
class Consultation:
    document: object
    version: Version
    paragraphs: list[Paragraph]
    round: Round
    next_version: Version
    next_paragraphs: list[Paragraph]


def closed_round(version: Version, **fields) -> Round:
    now = timezone.now()
    fields.setdefault("opens_at", now - timedelta(days=20))
    fields.setdefault("closes_at", now - timedelta(days=1))
    return RoundFactory(version=version, **fields)


def carry_over(
    version: Version, paragraphs: list[Paragraph], *, edits: dict[int, str] | None = None
) -> list[Paragraph]:
    """Copy paragraphs into `version` keeping their keys; `edits` replaces the text at those indexes."""
    edits = edits or {}
    return [
        ParagraphFactory(version=version, key=p.key, kind=p.kind, level=p.level, text=edits.get(i, p.text))
        for i, p in enumerate(paragraphs)
    ]


def make_consultation(*, is_public: bool = True, paragraphs: int = 3, next_status=Version.Status.PUBLISHED):
    document = DocumentFactory(is_public=is_public, title="Concept-advies ervaringskennis")
    version = VersionFactory(document=document, label="1")
    first = [ParagraphFactory(version=version, kind=Paragraph.Kind.HEADING, level=1, text="Inleiding")]
    first += [ParagraphFactory(version=version) for _ in range(paragraphs - 1)]
    round_ = closed_round(version)
    next_version = VersionFactory(document=document, label="2", status=next_status)
    second = carry_over(next_version, first, edits={1: "Een herschreven alinea over ervaringskennis."})
    return Consultation(document, version, first, round_, next_version, second)


def comment(consultation: Consultation, *, paragraph=None, index: int | None = 1, **fields) -> Comment:
    """A comment on paragraph `index` of the consulted version (index None: the whole document)."""
    if paragraph is None and index is not None:
        paragraph = consultation.paragraphs[index]
    return CommentFactory(round=consultation.round, paragraph=paragraph, **fields)


def answer_all(consultation: Consultation, actor) -> None:
    """Give every open comment the outcome 'not adopted', and choose the next version."""
    from samenspel.consultations.selectors import reactienota as selectors
    from samenspel.consultations.services import reactienota

    reactienota.set_next_version(round_=consultation.round, version=consultation.next_version, actor=actor)
    for item in selectors.answerable_comments(consultation.round).filter(outcome=""):
        reactienota.set_outcome(
            round_=consultation.round,
            comment=item,
            outcome="not_adopted",
            reason="Past niet bij dit advies.",
            actor=actor,
        )
