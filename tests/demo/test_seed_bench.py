"""seed_bench tops the demo up to factor x (200 members, 4 circles, 400 updates), deterministically.

Each run of the command loads the whole demo and the bench data, so these tests run it as few
times as they can: one test goes through factor 1, --wipe, 1, 1 again and 2.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.consultations.models import Document, Paragraph
from samenspel.demo import base as demo
from samenspel.demo.bench import consultations as bench_consultations
from samenspel.demo.bench.scale import BENCH_DOMAIN
from samenspel.members.models import Consent, Member

pytestmark = [pytest.mark.django_db, pytest.mark.bench]


def bench(*args) -> str:
    out = StringIO()
    call_command("seed_bench", *args, stdout=out)
    return out.getvalue()


def totals() -> tuple[int, int, int]:
    return Member.objects.count(), Circle.objects.count(), CircleUpdate.objects.count()


def bench_names() -> list[str]:
    return list(
        Member.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").order_by("email").values_list("name", flat=True)
    )


def bench_paragraphs() -> int:
    return Paragraph.objects.filter(version__document__slug=bench_consultations.BENCH_SLUG).count()


def test_factor_1_wipe_1_again_then_2_replaces_the_generated_rows_deterministically():
    out = bench("--factor", "1")
    assert "Benchmark consultation x1 created" in out
    # Factor 1: 200 members, 4 circles and 400 updates on top of the demo.
    assert totals() == (200, 4, 400)
    # The demo logins are there too.
    assert Member.objects.filter(email=demo.COORDINATOR_EMAIL, is_coordinator=True).exists()
    # Generated members are usable: approved, consented, in circles.
    generated = Member.objects.filter(email__endswith=f"@{BENCH_DOMAIN}")
    assert generated.filter(status=Member.Status.APPROVED).count() == generated.count()
    assert Consent.objects.filter(member__in=generated).count() == generated.count()
    assert CircleMembership.objects.filter(member__in=generated).count() >= generated.count()
    for circle in Circle.objects.all():
        assert circle.updates.count() >= 90
    names = bench_names()
    assert names

    # --wipe removes the generated rows and keeps the demo, which then needs nothing.
    bench("--wipe")
    assert not bench_names()
    assert not Document.objects.filter(slug=bench_consultations.BENCH_SLUG).exists()
    assert Member.objects.filter(email=demo.COORDINATOR_EMAIL, is_coordinator=True).exists()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "already up to date" in out.getvalue()

    # The same factor once more gives the same people.
    bench("--factor", "1")
    assert bench_names() == names  # deterministic

    # The same factor again: idempotent.
    assert "already in place" in bench("--factor", "1")
    assert totals() == (200, 4, 400)

    # Another factor replaces the generated rows; the bench document goes before the members it refers to.
    bench("--factor", "2")
    assert totals() == (400, 8, 800)
    assert Circle.objects.filter(memberships__role=CircleMembership.Role.LEAD).distinct().count() == 8
    assert bench_paragraphs() > 40


def test_a_factor_below_one_is_refused():
    with pytest.raises(CommandError):
        bench("--factor", "0")
    assert Member.objects.count() == 0
