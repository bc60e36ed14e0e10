"""The rules on hand-made elections: worked examples and properties that always hold."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.budgeting.rules import Election, tally


def approval(budget, costs, ballots):
    return Election(budget=budget, costs=costs, ballots=[(b, None) for b in ballots])


def two_groups() -> Election:
    """60 voters approve A, B, C and 40 approve D, E; every project costs 4,000; the
    budget is 16,000, so each voter starts with 160."""
    costs = {p: 4000 for p in "ABCDE"}
    return approval(16000, costs, [tuple("ABC")] * 60 + [tuple("DE")] * 40)


def test_greedy_serves_the_majority_equal_shares_gives_the_minority_its_share():
    election = two_groups()
    assert tally(election, "greedy").selected == ["A", "B", "C", "D"]
    # The majority's 9,600 buys two projects, the minority's 6,400 one.
    outcome = tally(election, "equalshares")
    assert outcome.selected == ["A", "B", "D"] and outcome.cost == 12000
    assert outcome.reasons["A"]["largest_payment"] == 4000 / 60
    assert outcome.reasons["C"]["result"] == "not_affordable"
    assert outcome.reasons["C"]["supporters_money_left"] == pytest.approx(
        60 * 160 - 8000
    )
    # add1: with 200 each everything is bought (20,000 > 16,000): keep the last fit.
    add1 = tally(election, "equalshares/add1")
    assert add1.selected == ["A", "B", "D"]
    assert add1.parameters["add1_steps"] == 39


def test_comparison_uses_greedy_when_more_voters_prefer_it():
    outcome = tally(two_groups(), "equalshares/add1-comparison")
    assert outcome.parameters["comparison"] == {
        "voters_better_off_with_greedy": 60,
        "voters_better_off_with_equal_shares": 0,
        "used": "greedy",
    }
    assert outcome.selected == ["A", "B", "C", "D"]


def test_supporters_split_the_cost_and_add1_completes_the_outcome():
    # Budget 120 for three voters: 40 each. The park (90) costs its three supporters
    # 30 each; the two who also want the bench have 10 each left, not enough for 30.
    election = approval(
        120,
        {"park": 90, "bench": 30},
        [("park",), ("park", "bench"), ("park", "bench")],
    )
    plain = tally(election, "equalshares")
    assert plain.selected == ["park"]
    assert plain.reasons["bench"]["supporters_money_left"] == 20
    # With 45 each, the two have 15 left each: the bench is bought; 120 fits.
    assert tally(election, "equalshares/add1").selected == ["park", "bench"]


def test_ties_go_to_the_cheaper_project_then_the_more_supported():
    election = approval(
        100,
        {"x": 60, "y": 50, "z": 50},
        [("x", "y", "z")] * 2 + [("z",)],
    )
    # y and z cost the same; z has more supporters, so it is cheaper per supporter.
    assert tally(election, "equalshares").selected[0] == "z"


def test_points_make_payments_proportional():
    election = Election(
        budget=100,
        costs={"a": 60, "b": 60},
        ballots=[(("a", "b"), (3.0, 1.0)), (("a",), (1.0,))],
        vote_type="cumulative",
    )
    outcome = tally(election, "equalshares")
    assert outcome.selected == ["a"]
    # a's price: 3ρ + ρ = 60 → ρ = 15; the first voter pays 45 (capped at their 50).
    assert outcome.reasons["a"]["largest_payment"] == 45


def test_greedy_threshold_and_no_skip():
    election = Election(
        budget=100,
        costs={"big": 80, "small": 30, "tiny": 10},
        ballots=[(("big",), None)] * 5
        + [(("small", "tiny"), None)] * 3
        + [(("small",), None)],
        threshold=4,
    )
    assert tally(election, "greedy").selected == ["big", "tiny"]
    assert tally(election, "greedy-no-skip").selected == ["big"]
    threshold = tally(election, "greedy-threshold")
    assert threshold.selected == ["big"]
    assert threshold.reasons["tiny"]["result"] == "below_threshold"


elections = st.builds(
    lambda costs, ballots, budget: approval(
        budget,
        {str(n): c for n, c in enumerate(costs)},
        [tuple(sorted({str(i % len(costs)) for i in b})) for b in ballots if b],
    ),
    st.lists(st.integers(1, 500), min_size=1, max_size=6),
    st.lists(
        st.lists(st.integers(0, 5), min_size=1, max_size=4), min_size=1, max_size=12
    ),
    st.integers(1, 1500),
)


@settings(max_examples=150, deadline=None)
@given(elections)
def test_no_rule_spends_more_than_the_budget(election):
    for rule in ("greedy", "greedy-no-skip", "equalshares", "equalshares/add1"):
        outcome = tally(election, rule)
        assert outcome.cost <= election.budget
        assert len(set(outcome.selected)) == len(outcome.selected)


@settings(max_examples=150, deadline=None)
@given(elections)
def test_greedy_leaves_no_project_that_still_fits(election):
    outcome = tally(election, "greedy")
    left = election.budget - outcome.cost
    voted = election.counted_scores()
    assert all(
        cost > left
        for p, cost in election.costs.items()
        if p not in outcome.selected and voted[p] > 0
    )
    assert all(voted[p] > 0 for p in outcome.selected)


@settings(max_examples=100, deadline=None)
@given(elections)
def test_equal_shares_never_charges_a_voter_more_than_their_share(election):
    outcome = tally(election, "equalshares")
    share = election.budget // len(election.ballots)
    for project in outcome.selected:
        assert outcome.reasons[project]["largest_payment"] <= share * (1 + 1e-9)
