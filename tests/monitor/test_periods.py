"""Closing a period freezes its figures; corrections are recorded next to them, never rewriting them."""

import pytest

from samenspel.core.models import AuditLogEntry
from samenspel.monitor import selectors, services
from samenspel.monitor.indicators import MET
from samenspel.monitor.models import Correction, LevelAssessment, Snapshot
from tests.factories.tandems import D, expert

AFTER = D(2024, 4, 2)


def test_closing_freezes_a_snapshot_per_organisation_and_one_for_the_city(crafted, personas):
    services.close_period(actor=personas.coordinator, period=crafted.period, today=AFTER)
    crafted.period.refresh_from_db()
    assert crafted.period.is_closed
    assert crafted.period.closed_by == personas.coordinator
    snapshots = Snapshot.objects.filter(period=crafted.period)
    # Alfa, Beta and the personas' organisation, plus the city.
    assert snapshots.count() == 4
    city = snapshots.get(organisation=None).data["figures"]
    assert city["experts_employed"] == 8
    assert city["experts_fte"] == 4.83
    alfa = snapshots.get(organisation=crafted.alfa).data
    assert [t["name"] for t in alfa["teams"]] == ["A1", "A2", "A3"]
    assert AuditLogEntry.objects.filter(action="monitor.period.closed").count() == 1


def test_later_edits_do_not_change_a_closed_period(crafted, personas):
    services.close_period(actor=personas.coordinator, period=crafted.period, today=AFTER)
    expert(crafted.teams["A3"], start=D(2024, 1, 1), trained_on=D(2024, 2, 1))  # entered late
    figures = selectors.closed_period(2024, 1)
    assert figures.city["experts_employed"] == 8
    assert figures.city["teams_with_expert"] == 2


def test_a_period_cannot_be_closed_before_it_is_over_or_twice(crafted, personas):
    with pytest.raises(services.MonitorError, match="31-03-2024"):
        services.close_period(actor=personas.coordinator, period=crafted.period, today=D(2024, 3, 31))
    assert not Snapshot.objects.exists()
    services.close_period(actor=personas.coordinator, period=crafted.period, today=AFTER)
    with pytest.raises(services.MonitorError):
        services.close_period(actor=personas.coordinator, period=crafted.period, today=AFTER)
    assert Snapshot.objects.count() == 4


def test_a_correction_changes_the_shown_figure_and_keeps_the_frozen_one(crafted, personas):
    services.close_period(actor=personas.coordinator, period=crafted.period, today=AFTER)
    correction = services.record_correction(
        actor=personas.coordinator,
        period=crafted.period,
        organisation=crafted.alfa,
        indicator="experts_trained",
        new_value="2",
        reason="E2 finished the training in March; the certificate came late.",
    )
    assert (correction.old_value, correction.new_value) == (1, 2)
    figures = selectors.closed_period(2024, 1)
    assert figures.city["experts_trained"] == 8
    assert figures.city["share_trained"] == 1.0
    assert figures.frozen_city["experts_trained"] == 7  # the snapshot is untouched
    assert (
        Snapshot.objects.get(period=crafted.period, organisation=crafted.alfa).data["figures"]["experts_trained"] == 1
    )
    alfa = next(r for r in figures.organisations if r.name == "Alfa")
    assert alfa.corrected == {"experts_trained"}
    assert figures.status()[1].status == MET  # request b: every expert trained
    # A second correction starts from the corrected value.
    second = services.record_correction(
        actor=personas.coordinator,
        period=crafted.period,
        organisation=crafted.alfa,
        indicator="experts_trained",
        new_value="1",
        reason="Undo.",
    )
    assert second.old_value == 2


@pytest.mark.parametrize(
    ("indicator", "value", "message"),
    [
        ("experts_trained", "", "whole number"),
        ("experts_trained", "-1", "whole number"),
        ("experts_trained", "two", "whole number"),
        ("experts_trained", "1.5", "whole number"),
        ("experts_fte", "abc", "FTE"),
        ("experts_fte", "NaN", "FTE"),
        ("level_board", "5", "1, 2, 3 or 4"),
        ("share_trained", "50", "can be corrected"),
        ("unknown", "1", "can be corrected"),
        ("experts_trained", "1", "same"),
    ],
)
def test_a_bad_correction_is_refused_and_nothing_is_saved(crafted, personas, indicator, value, message):
    services.close_period(actor=personas.coordinator, period=crafted.period, today=AFTER)
    with pytest.raises(services.MonitorError, match=message):
        services.record_correction(
            actor=personas.coordinator,
            period=crafted.period,
            organisation=crafted.alfa,
            indicator=indicator,
            new_value=value,
            reason="Because.",
        )
    assert not Correction.objects.exists()


def test_an_open_period_gets_no_corrections_and_a_reason_is_required(crafted, personas):
    with pytest.raises(services.MonitorError, match="closed period"):
        services.record_correction(
            actor=personas.coordinator,
            period=crafted.period,
            organisation=crafted.alfa,
            indicator="experts_trained",
            new_value="2",
            reason="Because.",
        )
    services.close_period(actor=personas.coordinator, period=crafted.period, today=AFTER)
    with pytest.raises(services.MonitorError, match="why"):
        services.record_correction(
            actor=personas.coordinator,
            period=crafted.period,
            organisation=crafted.alfa,
            indicator="experts_trained",
            new_value="2",
            reason="   ",
        )
    assert not Correction.objects.exists()


def test_an_assessment_of_a_closed_period_cannot_change(crafted, personas):
    services.close_period(actor=personas.coordinator, period=crafted.period, today=AFTER)
    with pytest.raises(services.MonitorError, match="correction"):
        services.save_assessment(
            actor=personas.orgrep,
            organisation=crafted.alfa,
            period=crafted.period,
            level="board",
            step=4,
            explanation="Better now.",
            evidence="",
        )
    assert LevelAssessment.objects.get(organisation=crafted.alfa, period=crafted.period, level="board").step == 2


def test_a_level_can_be_corrected_and_the_city_average_follows(crafted, personas):
    services.close_period(actor=personas.coordinator, period=crafted.period, today=AFTER)
    services.record_correction(
        actor=personas.coordinator,
        period=crafted.period,
        organisation=crafted.beta,
        indicator="level_team_leaders",
        new_value="1",
        reason="Beta sent its scan late.",
    )
    figures = selectors.closed_period(2024, 1)
    assert figures.city["level_team_leaders"] == 2.0  # (3 + 1) / 2
