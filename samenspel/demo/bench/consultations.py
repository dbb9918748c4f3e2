"""Consultations for `make bench` (issue 5): a large document, its rounds, and the diff timing.

`seed_consultations(factor)` (called by `manage.py seed_bench` after the members) adds one public
document (slug `BENCH_SLUG`) with two published versions of factor × 20 paragraphs (factor 10:
200), one in ten a heading:

- version 1 has a closed round with factor × 200 comments (factor 10: 2,000), every one with an
  outcome and a reason, a quarter of them linked to the changed paragraph of version 2, some
  supported, and a published reactienota;
- version 2 (the current version) changes one paragraph in five, removes, adds and moves a few,
  and has an open round with factor × 200 comments as well, so the document page counts 2,000
  remarks and the round page shows them.

Above factor 10 the document keeps 200 paragraphs (`PARAGRAPHS_UP_TO_FACTOR`): an advice of 2,000
paragraphs is no document anyone writes, while the comments keep growing (factor 100: 2 × 20,000,
about 100 a paragraph).

The same factor gives the same rows (a fixed random seed); another factor replaces them.
`wipe_consultations()` removes them; it runs before the generated members are replaced, because
a comment cannot lose its author.

`time_diff(...)` times `diff_versions` on the two versions' paragraphs (loaded once, as the compare
page loads them): the computation itself, without queries or rendering. Target: under 100 ms.
"""

import datetime as dt
import random
import statistics
import time
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from .bulk import copy_instances
from .errors import BenchError

BENCH_SLUG = "bench-advies"
BENCH_PARAGRAPHS = 20  # per factor, per version
BENCH_COMMENTS = 200  # per factor, per round
PARAGRAPHS_UP_TO_FACTOR = 10  # the document stops growing at 200 paragraphs per version


def paragraphs_for(factor: int) -> int:
    """Paragraphs per version at `factor`: 20 a factor, at most 200."""
    return BENCH_PARAGRAPHS * min(factor, PARAGRAPHS_UP_TO_FACTOR)


DIFF_TARGET_MS = 100.0

WORDS = [
    "ervaringsdeskundigen",
    "buurtteam",
    "gemeente",
    "netwerk",
    "bewoners",
    "kennis",
    "ervaring",
    "samen",
    "opleiding",
    "tandem",
    "teamleider",
    "professional",
    "begeleiding",
    "werkplek",
    "visie",
    "stad",
    "organisatie",
    "leertraject",
    "intervisie",
    "geld",
    "armoede",
    "schulden",
    "wonen",
    "zorg",
    "hulp",
    "vragen",
    "luisteren",
    "leren",
    "delen",
    "verbeteren",
    "afspraken",
    "ruimte",
    "tijd",
]
COMMENT_TEXTS = [
    "Dit kan duidelijker. Wat bedoel je precies met deze zin?",
    "Goed punt. Noem ook de teamleiders, zij maken het verschil.",
    "Ik mis hier de ervaring van bewoners zelf.",
    "Dit klopt niet met wat wij in ons team zien.",
    "Graag een voorbeeld uit de praktijk.",
]
REASONS = [
    "We hebben de alinea aangepast.",
    "Dit staat al in een andere alinea.",
    "Dit past niet bij het doel van dit advies.",
    "Deels overgenomen: de rest hoort bij een ander stuk.",
]


def _document():
    from samenspel.consultations.models import Document

    return Document.objects.filter(slug=BENCH_SLUG).first()


def is_seeded(factor: int) -> bool:
    """True when the bench document holds exactly the rows of this factor."""
    from samenspel.consultations.models import Comment, Paragraph

    document = _document()
    if document is None:
        return False
    versions = list(document.versions.order_by("number").values_list("pk", flat=True))
    if len(versions) != 2:
        return False
    first = Paragraph.objects.filter(version_id=versions[0]).count()
    comments = Comment.objects.filter(round__version__document=document).count()
    return first == paragraphs_for(factor) and comments == 2 * BENCH_COMMENTS * factor


def wipe_consultations() -> None:
    from samenspel.consultations.models import Comment, Document, Paragraph, ParagraphKey

    document = _document()
    if document is None:
        return
    # Comments first (they point at paragraphs), then paragraphs (they protect their keys).
    Comment.objects.filter(round__version__document=document).delete()
    Paragraph.objects.filter(version__document=document).delete()
    ParagraphKey.objects.filter(document=document).delete()
    Document.objects.filter(pk=document.pk).delete()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph_texts(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(kind, text) for `count` paragraphs: one in ten a heading, the others 2-4 sentences."""
    texts = []
    for i in range(count):
        if i % 10 == 0:
            texts.append(("heading", f"Hoofdstuk {i // 10 + 1}: {rng.choice(WORDS)}"))
        else:
            texts.append(("paragraph", " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(2, 4)))))
    return texts


def _edit(rng: random.Random, text: str) -> str:
    """Change a few words, drop one and add a sentence: a realistic edit for the word diff."""
    words = text.split()
    for _ in range(3):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    if len(words) > 6:
        del words[rng.randrange(len(words))]
    return " ".join(words) + " " + _sentence(rng, 8)


def seed_consultations(factor: int, *, seed: int = 2023) -> dict[str, int]:
    """The bench document for `factor` (idempotent per factor; another factor replaces it)."""
    from samenspel.consultations.models import (
        Comment,
        CommentSupport,
        Document,
        Paragraph,
        ParagraphKey,
        Round,
        Version,
    )
    from samenspel.core import cache_version
    from samenspel.members.models import Member

    n_paragraphs = paragraphs_for(factor)
    n_comments = BENCH_COMMENTS * factor
    if is_seeded(factor):
        return {"created": 0, "paragraphs": n_paragraphs, "comments": 2 * n_comments}
    members = list(
        Member.objects.approved()
        .filter(is_coordinator=False, is_superuser=False)
        .order_by("-pk")  # the bench's logged-in member (lowest pk) writes no comments: its page stays the same
        .values_list("pk", flat=True)[:500]
    )
    if len(members) < 20:
        raise ValueError("The consultations need at least 20 approved members: seed the members first.")
    rng = random.Random(seed)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    with transaction.atomic():
        wipe_consultations()
        document = Document.objects.create(
            title="Benchmark: advies met veel alinea's",
            slug=BENCH_SLUG,
            kind=Document.Kind.ADVICE,
            summary="Een groot document voor de benchmark.",
            is_public=True,
        )
        v1 = Version.objects.create(
            document=document,
            number=1,
            label="1",
            status=Version.Status.PUBLISHED,
            published_at=now - dt.timedelta(days=90),
        )
        v2 = Version.objects.create(
            document=document,
            number=2,
            label="2",
            status=Version.Status.PUBLISHED,
            published_at=now - dt.timedelta(days=10),
            based_on=v1,
        )
        keys = ParagraphKey.objects.bulk_create(
            ParagraphKey(document=document) for _ in range(n_paragraphs + n_paragraphs // 20)
        )
        old_keys, new_keys = keys[:n_paragraphs], keys[n_paragraphs:]
        texts = _paragraph_texts(rng, n_paragraphs)
        Paragraph.objects.bulk_create(
            Paragraph(version=v1, key=key, position=i + 1, kind=kind, level=2 if kind == "heading" else 0, text=text)
            for i, (key, (kind, text)) in enumerate(zip(old_keys, texts, strict=True))
        )
        # Version 2: one paragraph in five edited, one in 17 removed, one in 20 moved a few places down,
        # and one new paragraph per 20 (n_paragraphs // 20 new keys).
        rows = []
        moved = []
        for i, (key, (kind, text)) in enumerate(zip(old_keys, texts, strict=True)):
            if kind == "paragraph" and i % 17 == 16:
                continue
            if kind == "paragraph" and i % 20 == 13:
                moved.append((key, kind, text))
                continue
            if kind == "paragraph" and i % 5 == 4:
                text = _edit(rng, text)
            rows.append((key, kind, text))
            if i % 20 == 10:
                rows.append((new_keys[i // 20], "paragraph", _sentence(rng, 14)))
            if moved and i % 20 == 18:
                rows.append(moved.pop())
        rows += moved
        v2_paragraphs = Paragraph.objects.bulk_create(
            Paragraph(version=v2, key=key, position=i + 1, kind=kind, level=2 if kind == "heading" else 0, text=text)
            for i, (key, kind, text) in enumerate(rows)
        )
        v2_by_key = {p.key_id: p for p in v2_paragraphs}
        v1_paragraphs = list(Paragraph.objects.filter(version=v1).order_by("position"))
        closed = Round.objects.create(
            version=v1,
            title="Benchmark: gesloten ronde",
            audience=Round.Audience.MEMBERS,
            opens_at=now - dt.timedelta(days=90),
            closes_at=now - dt.timedelta(days=60),
            next_version=v2,
            reactienota_published_at=now - dt.timedelta(days=9),
        )
        opened = Round.objects.create(
            version=v2,
            title="Benchmark: open ronde",
            audience=Round.Audience.MEMBERS,
            opens_at=now - dt.timedelta(days=5),
            closes_at=now + dt.timedelta(days=60),
        )
        displays = [Comment.Display.NAME, Comment.Display.ROLE, Comment.Display.ANONYMOUS]
        outcomes = list(Comment.Outcome.values)
        comments = []
        for round_, paragraphs in ((closed, v1_paragraphs), (opened, v2_paragraphs)):
            for j in range(n_comments):
                on_document = j % 25 == 0
                outcome = outcomes[j % len(outcomes)] if round_ is closed else ""
                comments.append(
                    Comment(
                        round=round_,
                        paragraph=None if on_document else paragraphs[(j * 7) % len(paragraphs)],
                        author_id=members[j % len(members)],
                        display=displays[j % 3],
                        body=COMMENT_TEXTS[j % len(COMMENT_TEXTS)],
                        outcome=outcome,
                        reason=REASONS[j % len(REASONS)] if outcome else "",
                        decided_at=now - dt.timedelta(days=20) if outcome else None,
                    )
                )
        comments = Comment.objects.bulk_create(comments, batch_size=1000)
        through = Comment.changed_paragraphs.through
        links = []
        for comment in comments:
            if comment.round_id != closed.pk or comment.outcome not in ("adopted", "partly"):
                continue
            target = v2_by_key.get(comment.paragraph.key_id) if comment.paragraph else None
            if target is not None:
                links.append(through(comment_id=comment.pk, paragraph_id=target.pk))
        copy_instances(links, model=through)
        supports = [
            CommentSupport(comment_id=comment.pk, member_id=members[(i + 1) % len(members)])
            for i, comment in enumerate(comments)
            if i % 4 == 0 and members[(i + 1) % len(members)] != comment.author_id
        ]
        copy_instances(supports)
        cache_version.bump(*{f"round:{comment.round_id}" for comment in comments})  # bulk writes send no signals
    return {"created": len(comments) + len(rows) + n_paragraphs, "paragraphs": n_paragraphs, "comments": len(comments)}


@dataclass(frozen=True)
class Picked:
    slug: str
    open_round: int
    closed_round: int


def pick() -> Picked:
    from samenspel.consultations.models import Round

    document = _document()
    if document is None:
        raise BenchError("There is no bench document. Did seed_bench run?")
    rounds = {
        r.version.number: r.pk for r in Round.objects.filter(version__document=document).select_related("version")
    }
    return Picked(slug=document.slug, open_round=rounds[2], closed_round=rounds[1])


# --- the diff timing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffTiming:
    old_paragraphs: int
    new_paragraphs: int
    entries: int
    runs: int
    median_ms: float
    max_ms: float

    @property
    def passed(self) -> bool:
        return self.median_ms < DIFF_TARGET_MS

    def as_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed}

    def render(self) -> str:
        return (
            f"diff of {self.old_paragraphs} and {self.new_paragraphs} paragraphs ({self.entries} entries), "
            f"{self.runs} runs: median {self.median_ms:.1f} ms, max {self.max_ms:.1f} ms "
            f"-> {'PASS' if self.passed else 'FAIL'} (target: median < {DIFF_TARGET_MS:.0f} ms)"
        )

    def markdown(self) -> str:
        return "\n".join(
            [
                "| old paragraphs | new paragraphs | entries | runs | median ms | max ms | result |",
                "|---:|---:|---:|---:|---:|---:|---|",
                f"| {self.old_paragraphs} | {self.new_paragraphs} | {self.entries} | {self.runs} "
                f"| {self.median_ms:.1f} | {self.max_ms:.1f} | {'PASS' if self.passed else 'FAIL'} |",
            ]
        )


def time_diff(*, slug: str = BENCH_SLUG, old: int = 1, new: int = 2, runs: int = 20) -> DiffTiming:
    """Time diff_versions on two versions of a document (paragraphs loaded once, as the page does)."""
    from samenspel.consultations.diff import diff_versions
    from samenspel.consultations.models import Version
    from samenspel.consultations.selectors.documents import paragraphs_of

    old_version = Version.objects.get(document__slug=slug, number=old)
    new_version = Version.objects.get(document__slug=slug, number=new)
    old_paragraphs, new_paragraphs = paragraphs_of(old_version), paragraphs_of(new_version)
    entries = diff_versions(old_paragraphs, new_paragraphs)  # warm-up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        diff_versions(old_paragraphs, new_paragraphs)
        timings.append((time.perf_counter() - started) * 1000)
    return DiffTiming(
        old_paragraphs=len(old_paragraphs),
        new_paragraphs=len(new_paragraphs),
        entries=len(entries),
        runs=runs,
        median_ms=statistics.median(timings),
        max_ms=max(timings),
    )
