"""Indicators on crafted data, against the figures worked out by hand in conftest.py."""

from samenspel.monitor import indicators
from samenspel.monitor.indicators import MET, NOT_STARTED, UNDER_WAY
from tests.factories.tandems import D


def figures_of(computed, name):
    return next(r for r in computed.organisations if r.organisation.name == name)


def test_it_counts_each_organisation_as_of_the_last_day_of_the_period(crafted):
    computed = indicators.compute(on=crafted.period.ends_on, period=crafted.period)
    alfa = figures_of(computed, "Alfa").figures
    assert alfa == {
        "teams": 3,
        "teams_with_expert": 1,
        "experts_employed": 2,
        "experts_fte": 1.5,
        "experts_trained": 1,
        "tandems_formed": 2,
        "tandems_in_trajectory": 1,
        "tandems_through_trajectory": 1,
        "level_board": 2,
        "level_team_leaders": 3,
        "level_professionals": 1,
    }
    beta = figures_of(computed, "Beta").figures
    assert beta["experts_employed"] == 6
    assert beta["experts_fte"] == 3.33
    assert beta["experts_trained"] == 6
    assert beta["tandems_formed"] == 5
    assert beta["tandems_in_trajectory"] == beta["tandems_through_trajectory"] == 0
    assert beta["teams_with_expert"] == 1
    assert (beta["level_board"], beta["level_team_leaders"], beta["level_professionals"]) == (4, None, None)


def test_the_city_adds_the_organisations_up_and_averages_the_levels(crafted):
    city = indicators.derive(indicators.compute(on=crafted.period.ends_on, period=crafted.period).city)
    assert city["teams"] == 5
    assert city["teams_with_expert"] == 2
    assert city["teams_without_expert"] == 3
    assert city["experts_employed"] == 8
    assert city["experts_fte"] == 4.83
    assert city["experts_trained"] == 7
    assert city["share_trained"] == 0.875
    assert city["tandems_formed"] == 7
    assert city["share_in_trajectory"] == round(1 / 7, 4)
    assert city["share_through_trajectory"] == round(1 / 7, 4)
    assert (city["level_board"], city["level_team_leaders"], city["level_professionals"]) == (3.0, 3.0, 1.0)


def test_per_team_figures_are_counted_too(crafted):
    computed = indicators.compute(on=crafted.period.ends_on, period=crafted.period)
    teams = {t.name: t.figures for t in figures_of(computed, "Alfa").teams}
    assert teams["A1"]["experts_employed"] == 2
    assert teams["A1"]["experts_fte"] == 1.5
    assert teams["A2"]["experts_employed"] == 0
    assert teams["A3"]["tandems_formed"] == 0


def test_an_earlier_day_gives_earlier_figures(crafted):
    # On 31 December 2023: E1 and E3 employed in Alfa (E2 not yet), T1 and T3 running, T1 in the trajectory.
    alfa = figures_of(indicators.compute(on=D(2023, 12, 31)), "Alfa").figures
    assert alfa["experts_employed"] == 2
    assert alfa["experts_fte"] == round(60 / 36, 2)
    assert alfa["teams_with_expert"] == 2
    assert alfa["tandems_formed"] == 2
    assert alfa["tandems_in_trajectory"] == 1
    assert alfa["tandems_through_trajectory"] == 0
    assert alfa["level_board"] is None  # no period given: no assessments


def test_the_motion_requests_get_a_status_from_the_figures(crafted):
    computed = indicators.compute(on=crafted.period.ends_on, period=crafted.period)
    statuses = indicators.motion_status([r.figures for r in computed.organisations], computed.city)
    assert [s.status for s in statuses] == [MET, UNDER_WAY, UNDER_WAY]
    assert statuses[0].figures[0][2:] == (2, 2)  # two of two organisations have an expert in a tandem


def test_nothing_done_is_not_started():
    empty = dict.fromkeys(indicators.STORED, 0)
    statuses = indicators.motion_status([empty, empty], indicators.aggregate([empty, empty]))
    assert [s.status for s in statuses] == [NOT_STARTED, NOT_STARTED, NOT_STARTED]
