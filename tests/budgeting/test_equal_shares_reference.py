"""Equal Shares (participation/budgeting/rules/equal_shares.py, many amounts of money
per voter in lockstep over classes of voters) against the straightforward method it
replaced (mes_reference.py): the same funded projects in the same order, the same
reasons (floats up to rounding) and the same parameters."""

import math
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.budgeting import pabulib
from participation.budgeting.rules import Election, election_from
from participation.budgeting.rules._mes_batch import money_left, outcomes
from participation.budgeting.rules._mes_profile import Profile
from participation.budgeting.rules.equal_shares import (
    _reasons,
    _tie_order,
    equal_shares,
)
from tests.budgeting import mes_reference as reference
from tests.budgeting.test_rules_on_pabulib import DATA

SMALL = [p for p in sorted(DATA.glob("*.pb")) if len(pabulib.read(p).votes) < 10_000]


def assert_same(ours, theirs):
    assert ours.selected == theirs.selected
    assert ours.cost == theirs.cost
    assert ours.parameters == theirs.parameters
    assert list(ours.reasons) == list(theirs.reasons)
    for project, reason in theirs.reasons.items():
        assert_same_reason(ours.reasons[project], reason)


def assert_same_reason(ours, theirs):
    assert ours.keys() == theirs.keys()
    for key, value in theirs.items():
        if isinstance(value, float):
            assert math.isclose(ours[key], value, rel_tol=1e-6, abs_tol=1e-6), key
        else:
            assert ours[key] == value, key


@cache
def election(path: Path) -> Election:
    return election_from(pabulib.read(path))


@pytest.mark.parametrize("completion", [None, "add1"])
@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.stem)
def test_shared_instances_equal_the_reference(path, completion):
    e = election(path)
    ours = equal_shares(e, completion=completion, comparison=True)
    assert_same(ours, reference.equal_shares(e, completion=completion, comparison=True))


def test_a_seeded_lot_equals_the_reference():
    e = election(DATA / "Netherlands_Assen_2024.pb")
    assert_same(equal_shares(e, seed=3), reference.equal_shares(e, seed=3))


@pytest.mark.parametrize(
    "name, step", [("Poland_Swiecie_2023", 5), ("France_Toulouse_2019", 19)]
)
def test_every_amount_of_a_batch_equals_its_own_run(name, step):
    """Amounts run in lockstep fund different projects in different orders; each
    is the method's own run at that amount."""
    e = election(DATA / f"{name}.pb")
    tie_order = _tie_order(e, None)
    profile = Profile(e, tie_order)
    start = e.budget // len(e.ballots)
    amounts = list(range(start, start + 50 * step, step))
    orders = set()
    for amount, result in zip(amounts, outcomes(profile, amounts), strict=True):
        selected, reasons = reference._run(e, amount, tie_order)
        assert [profile.ids[w] for w in result["winners"]] == selected
        ours = _reasons(profile, result)
        assert list(ours) == list(reasons)
        for project, reason in reasons.items():
            assert_same_reason(ours[project], reason)
        orders.add(tuple(selected))
    assert len(orders) > 5
    assert money_left(profile, *result["final"]).shape == (len(profile.ids),)


# Warsaw 2026 (83 projects, 61,668 voters): the reference takes 278 s; its outcome.
# fmt: off
WARSAW = [
    "214", "1109", "93", "1952", "915", "800", "1401", "1734", "1273", "1114", "644",
    "1945", "278", "922", "795", "149", "2199", "343", "1932", "1794", "1227", "1222",
    "1310", "1753", "1926", "855", "1521", "802", "1458", "38", "89", "1375", "932",
    "1008", "1664", "1214", "1989", "1291", "2067", "1425", "1454", "1499", "1510",
    "1903", "361", "1652", "1208", "1786", "1803",
]
# fmt: on
WARSAW_REASONS = {
    "214": {
        "result": "funded",
        "round": 1,
        "supporters": 14126,
        "price_per_utility": 7.079144839303412e-05,
        "paid": 4799999.999999618,
        "largest_payment": 339.7989522865638,
    },
    "1109": {
        "result": "funded",
        "round": 2,
        "supporters": 12500,
        "price_per_utility": 8e-05,
        "paid": 1200000.0000000002,
        "largest_payment": 96.00000000000001,
    },
    "557": {
        "result": "not_affordable",
        "supporters": 369,
        "supporters_money_left": 100975.52505017217,
        "cost": 3376400,
    },
    "566": {
        "result": "not_affordable",
        "supporters": 237,
        "supporters_money_left": 58340.528025289765,
        "cost": 140000,
    },
}


def test_warsaw_2026_equals_the_reference():
    outcome = equal_shares(election(DATA / "Poland_Warszawa_2026.pb"))
    assert outcome.selected == WARSAW
    assert outcome.cost == 22_232_851
    assert outcome.parameters["per_voter_start"] == 392
    assert outcome.parameters["add1_steps"] == 184
    for project, reason in WARSAW_REASONS.items():
        assert_same_reason(outcome.reasons[project], reason)


def test_a_free_project_is_funded_at_no_cost():
    # The reference divides by the cost here (ZeroDivisionError); we fund it.
    e = Election(budget=100, costs={"a": 0, "b": 50}, ballots=[(("a", "b"), None)])
    outcome = equal_shares(e)
    assert outcome.selected == ["a", "b"]
    assert outcome.reasons["a"]["largest_payment"] == 0


def ballots(points: bool):
    ids = st.sampled_from([f"p{n}" for n in range(6)])
    if not points:
        return st.lists(st.lists(ids, max_size=5).map(lambda b: (tuple(b), None)))
    ballot = st.lists(st.tuples(ids, st.sampled_from([0, 1, 1, 2, 3])), max_size=5)
    return st.lists(
        ballot.map(lambda b: (tuple(p for p, _x in b), tuple(float(x) for _p, x in b)))
    )


def elections(points: bool):
    return st.builds(
        lambda costs, ballots, budget, vote_type: Election(
            budget=budget,
            costs={f"p{n}": c for n, c in enumerate(costs)},
            ballots=ballots,
            vote_type=vote_type,
        ),
        # Few distinct costs and small electorates: many exact ties.
        st.lists(st.sampled_from([5, 10, 20, 30, 30, 40, 60]), min_size=6, max_size=6),
        ballots(points).filter(len),
        st.integers(0, 400),
        st.sampled_from(
            ["cumulative", "scoring"] if points else ["approval", "ordinal"]
        ),
    )


@settings(max_examples=300, deadline=None)
@given(
    elections(points=False), st.sampled_from([None, "add1"]), st.sampled_from([None, 1])
)
def test_random_approval_elections_equal_the_reference(e, completion, seed):
    ours = equal_shares(e, completion=completion, seed=seed)
    assert_same(ours, reference.equal_shares(e, completion=completion, seed=seed))


@settings(max_examples=300, deadline=None)
@given(
    elections(points=True), st.sampled_from([None, "add1"]), st.sampled_from([None, 1])
)
def test_random_points_elections_equal_the_reference(e, completion, seed):
    ours = equal_shares(e, completion=completion, seed=seed)
    assert_same(ours, reference.equal_shares(e, completion=completion, seed=seed))
