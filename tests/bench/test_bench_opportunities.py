"""The opportunities part of `make bench`: many members with opt-ins, "Kansen voor jou" with the same
queries at the baseline and at the full number, and match_count (a small run here; bin/bench runs
20,000 members on PostgreSQL)."""

import pytest

from samenspel.demo.bench import opportunities as bench_opportunities
from samenspel.demo.bench import pages as bench
from samenspel.members.models import Member, Theme
from samenspel.opportunities.models import Area, MatchingOptIn, Opportunity

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


def test_the_run_measures_the_same_queries_at_both_sizes_and_cleans_up():
    result = bench_opportunities.opportunities_run(members=300, opportunities=40, baseline=30)

    assert result.passed, result.render()
    assert result.queries_baseline == result.queries_full > 0
    assert result.shown > 0 and result.fitting > 0
    assert "| 300 | 40 |" in result.markdown()
    assert not Member.objects.exists() and not MatchingOptIn.objects.exists()
    assert not Opportunity.objects.exists() and not Area.objects.exists() and not Theme.objects.exists()


def test_a_baseline_above_the_members_is_refused(capsys, monkeypatch):
    monkeypatch.setattr(bench, "_setup_django", lambda: None)
    assert bench.main(["opportunities", "--members", "10", "--baseline", "20"]) == 2
    assert "baseline" in capsys.readouterr().err


def test_the_command_prints_the_figures(capsys, monkeypatch):
    monkeypatch.setattr(bench, "_setup_django", lambda: None)
    assert bench.main(["opportunities", "--members", "60", "--opportunities", "10", "--baseline", "20"]) == 0
    assert "60 members with opt-ins, 10 published opportunities" in capsys.readouterr().out
