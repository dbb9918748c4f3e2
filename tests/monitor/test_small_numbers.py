"""The small-number rule: counts from 1 to 4 are hidden in public, and what would give them away."""

from samenspel.monitor import indicators


def test_counts_from_one_to_four_are_hidden_and_zero_and_five_are_not():
    figures = indicators.derive(
        {
            "experts_employed": 5,
            "experts_trained": 4,
            "tandems_formed": 0,
            "tandems_in_trajectory": 0,
            "tandems_through_trajectory": 0,
            "teams": 2,
            "teams_with_expert": 1,
            "experts_fte": 3.0,
        }
    )
    hidden = indicators.hidden_keys(figures)
    assert "experts_employed" not in hidden
    assert "experts_trained" in hidden
    assert "share_trained" in hidden  # 80% of 5 gives the 4 away
    assert "tandems_formed" not in hidden
    assert "teams_with_expert" not in hidden  # teams are not people


def test_the_fte_of_fewer_than_five_people_is_hidden():
    hidden = indicators.hidden_keys(indicators.derive({"experts_employed": 3, "experts_fte": 2.0}))
    assert {"experts_employed", "experts_fte", "share_trained"} <= hidden


def test_when_one_organisation_alone_is_hidden_the_next_smallest_is_hidden_too(crafted):
    computed = indicators.compute(on=crafted.period.ends_on, period=crafted.period)
    rows = [indicators.derive(r.figures) for r in computed.organisations]  # Alfa, Beta
    alfa, beta = indicators.hide_across(rows)
    assert {"experts_employed", "experts_trained", "tandems_formed", "experts_fte"} <= alfa
    # Beta's 6 and 5 are not small, but with the city total they would give Alfa's away.
    assert {"experts_employed", "experts_trained", "tandems_formed", "experts_fte", "share_trained"} <= beta
    # Alfa's 1 in the trajectory: Beta has 0, nothing to hide beside it.
    assert "tandems_in_trajectory" not in beta
