"""Our Equal Shares against pabutools (the research community's implementation, exact
fractions; a test dependency only), with the same tie-breaking: lower cost, more
supporters, then the projects' order."""

from copy import deepcopy
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pabutools.election import (
    ApprovalBallot,
    ApprovalProfile,
    Cost_Sat,
    Instance,
    Project,
    parse_pabulib,
)
from pabutools.rules import method_of_equal_shares
from pabutools.tiebreaking import TieBreakingRule

from participation.budgeting import pabulib
from participation.budgeting.rules import Election, election_from, tally
from tests.budgeting.test_rules_on_pabulib import DATA


def reference(instance, profile, order, per_voter: Fraction | int, add1: bool):
    """pabutools' Equal Shares from `per_voter` each; with add1, one unit more per
    voter at a time, keeping the last outcome within the real budget."""
    position = {p: n for n, p in enumerate(order)}
    tie = TieBreakingRule(
        lambda inst, prof, proj: (
            proj.cost,
            -prof.approval_score(proj),
            position[proj.name],
        )
    )
    voters = profile.num_ballots()
    budget = instance.budget_limit
    run = deepcopy(instance)
    run.budget_limit = per_voter * voters
    kept = None
    enough = max(sum(p.cost for p in ballot) for ballot in profile)
    while True:
        outcome = method_of_equal_shares(
            run, profile, sat_class=Cost_Sat, tie_breaking=tie
        )
        if not add1:
            return {p.name for p in outcome}
        if sum(p.cost for p in outcome) > budget:
            return {p.name for p in kept} if kept is not None else set()
        kept = outcome
        if len(outcome) == len(instance) or run.budget_limit > enough * voters:
            return {p.name for p in kept}
        run.budget_limit += voters


def test_assen_add1_equals_pabutools():
    path = DATA / "Netherlands_Assen_2024.pb"
    instance, profile = parse_pabulib(str(path))
    ours = pabulib.read(path)
    election = election_from(ours)
    expected = reference(
        instance,
        profile,
        list(ours.projects),
        election.budget // len(election.ballots),
        add1=True,
    )
    assert set(tally(election, "equalshares/add1").selected) == expected


@pytest.mark.parametrize("extra", [0, 37, 120])
def test_swiecie_equal_shares_at_several_budgets_equals_pabutools(extra):
    from participation.budgeting.rules.equal_shares import _run, _tie_order

    path = DATA / "Poland_Swiecie_2023.pb"
    instance, profile = parse_pabulib(str(path))
    ours = pabulib.read(path)
    election = election_from(ours)
    per_voter = election.budget // len(election.ballots) + extra
    expected = reference(instance, profile, list(ours.projects), per_voter, add1=False)
    selected, _reasons = _run(election, per_voter, _tie_order(election, None))
    assert set(selected) == expected


elections = st.tuples(
    st.lists(st.integers(1, 60), min_size=1, max_size=6),
    st.lists(
        st.lists(st.integers(0, 5), min_size=1, max_size=4), min_size=1, max_size=9
    ),
    st.integers(1, 200),
)


@settings(max_examples=40, deadline=None)
@given(elections)
def test_random_elections_equal_pabutools(data):
    costs, raw_ballots, budget = data
    ids = [f"p{n}" for n in range(len(costs))]
    ballots = [tuple(sorted({ids[i % len(ids)] for i in b})) for b in raw_ballots]
    election = Election(
        budget=budget,
        costs=dict(zip(ids, costs, strict=True)),
        ballots=[(b, None) for b in ballots],
    )
    projects = {i: Project(i, c) for i, c in zip(ids, costs, strict=True)}
    instance = Instance(projects.values(), budget_limit=budget)
    profile = ApprovalProfile([ApprovalBallot(projects[p] for p in b) for b in ballots])
    per_voter = budget // len(ballots)
    for rule, add1 in (("equalshares", False), ("equalshares/add1", True)):
        expected = reference(instance, profile, ids, per_voter, add1)
        assert set(tally(election, rule).selected) == expected, rule
