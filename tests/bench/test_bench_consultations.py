"""The consultations part of `make bench`: the generated document, its pages' query counts, the diff timing."""

import pytest

from samenspel.consultations.diff import diff_versions
from samenspel.consultations.models import Comment, Document, Paragraph, Round
from samenspel.demo.bench import consultations as bench_consultations
from samenspel.demo.bench import pages as bench
from tests.factories.members import ConsentTextFactory, MemberFactory

pytestmark = [pytest.mark.urls("samenspel.demo.bench.urls"), pytest.mark.bench]


@pytest.fixture
def people(db):
    ConsentTextFactory()
    return MemberFactory.create_batch(30)


def measure(member) -> dict[str, int]:
    from dataclasses import asdict

    page_list = bench.consultation_pages(**asdict(bench_consultations.pick()))
    return bench.count_queries(page_list, member=member)


def test_seed_makes_a_document_with_two_versions_two_rounds_and_is_idempotent(people):
    result = bench_consultations.seed_consultations(1)

    assert result["paragraphs"] == 20 and result["comments"] == 400
    document = Document.objects.get(slug=bench_consultations.BENCH_SLUG)
    v1, v2 = document.versions.order_by("number")
    assert v1.paragraphs.count() == 20
    closed, opened = Round.objects.get(version=v1), Round.objects.get(version=v2)
    assert closed.reactienota_published_at and closed.next_version == v2 and not closed.is_open
    assert opened.is_open
    assert closed.comments.count() == opened.comments.count() == 200
    assert not closed.comments.filter(outcome="").exists()
    assert Comment.changed_paragraphs.through.objects.filter(paragraph__version=v2).exists()
    statuses = {entry.status for entry in diff_versions(v1.paragraphs.all(), v2.paragraphs.all())}
    assert statuses == {"unchanged", "changed", "added", "removed", "moved"}
    keys = set(Paragraph.objects.values_list("pk", flat=True))

    again = bench_consultations.seed_consultations(1)

    assert again["created"] == 0
    assert set(Paragraph.objects.values_list("pk", flat=True)) == keys


def test_the_pages_take_at_most_15_queries_and_as_many_at_twice_the_size(people):
    member = bench.pick_member()
    bench_consultations.seed_consultations(1)
    at_1x = measure(member)
    assert list(at_1x) == [
        "document page",
        "document page member",
        "round page",
        "round page public",
        "diff",
        "diff member",
        "reactienota",
        "reactienota member",
    ]
    for name, count in at_1x.items():
        assert 1 <= count <= bench.MAX_QUERIES, (name, count)

    bench_consultations.seed_consultations(2)  # 40 paragraphs, 2 x 400 comments

    assert Paragraph.objects.filter(version__number=1).count() == 40
    assert measure(member) == at_1x


def test_the_diff_timing_measures_the_two_versions(people):
    bench_consultations.seed_consultations(1)
    timing = bench_consultations.time_diff(runs=3)
    assert timing.old_paragraphs == 20 and timing.runs == 3
    assert timing.entries >= 20 and timing.median_ms > 0
    assert timing.passed == (timing.median_ms < bench_consultations.DIFF_TARGET_MS)


# The command (seed_bench replaces the document before the members it refers to, --wipe removes
# it): tests/demo/test_seed_bench.py, which runs the command as few times as it can.
