"""Races in the monitor, with real concurrent connections on PostgreSQL (skipped on SQLite).

Two coordinators close the same quarter at the same moment: one snapshot set, one refusal.
Two representatives save the same level at once: one row. An assessment saved while the quarter
is being closed either lands before the snapshot or is refused; never after it, unseen.
"""

import pytest
from django.db import connection

from samenspel.monitor import services
from samenspel.monitor.models import LevelAssessment, Period, Snapshot
from tests.concurrency.test_races_postgres import run_at_once
from tests.conftest import make_coordinator
from tests.factories.members import MemberFactory
from tests.factories.organisations import OrganisationFactory, TeamFactory
from tests.factories.tandems import D, expert

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: run with DATABASE_URL set"),
]


def test_a_quarter_is_closed_once_when_two_coordinators_close_it_at_once():
    organisation = OrganisationFactory()
    expert(TeamFactory(organisation=organisation), start=D(2023, 1, 1))
    period = Period.objects.create(year=2024, quarter=1)
    coordinators = [make_coordinator(), make_coordinator()]

    def close(i):
        return services.close_period(actor=coordinators[i], period=period, today=D(2024, 4, 2))

    results, errors = run_at_once(2, close)
    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], services.MonitorError)
    assert Snapshot.objects.filter(period=period).count() == 2  # the organisation and the city


def test_saving_the_same_level_at_once_keeps_one_row():
    organisation = OrganisationFactory()
    period = Period.objects.create(year=2024, quarter=1)
    reps = [MemberFactory(), MemberFactory(), MemberFactory(), MemberFactory()]

    def save(i):
        return services.save_assessment(
            actor=reps[i],
            organisation=organisation,
            period=period,
            level="board",
            step=i % 4 + 1,
            explanation=f"Rep {i}.",
            evidence="",
        )

    _results, errors = run_at_once(4, save)
    assert not errors
    assert LevelAssessment.objects.filter(organisation=organisation, period=period, level="board").count() == 1


def test_an_assessment_racing_the_close_is_in_the_snapshot_or_refused():
    organisation = OrganisationFactory()
    period = Period.objects.create(year=2024, quarter=1)
    coordinator, rep = make_coordinator(), MemberFactory()

    def work(i):
        if i == 0:
            return services.close_period(actor=coordinator, period=period, today=D(2024, 4, 2))
        return services.save_assessment(
            actor=rep,
            organisation=organisation,
            period=period,
            level="board",
            step=3,
            explanation="Just in time?",
            evidence="",
        )

    _results, errors = run_at_once(2, work)
    snapshot = Snapshot.objects.get(period=period, organisation=organisation)
    saved = LevelAssessment.objects.filter(organisation=organisation, period=period).exists()
    if saved:
        assert snapshot.data["figures"]["level_board"] == 3
        assert not errors
    else:
        assert snapshot.data["figures"]["level_board"] is None
        assert len(errors) == 1 and isinstance(errors[0], services.MonitorError)
