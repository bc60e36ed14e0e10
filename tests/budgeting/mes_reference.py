"""The straightforward Method of Equal Shares with add1, kept as the tests' oracle.

This is the implementation the platform used before the fast one of
participation/budgeting/rules/equal_shares.py (which must give the same outcomes,
reasons and parameters): identical ballots merged into groups, each project's price
found by sorting its supporters' groups by remaining money, and add1 rerunning the
whole method once per currency unit added per voter. Slow on large instances
(minutes on Warsaw 2026), obviously right on small ones. Never used by the
application.
"""

import random
from dataclasses import dataclass

from participation.budgeting.rules.base import (
    APPROVAL,
    CHOOSE_ONE,
    ORDINAL,
    Election,
    Outcome,
)
from participation.budgeting.rules.greedy import greedy

# Relative tolerance under which two prices are a tie (floating point search).
EPSILON = 1e-9


@dataclass
class _Group:
    """Voters with identical ballots: their number and each one's remaining money."""

    weight: int
    budget: float
    utilities: dict[str, float]


def _merged(election: Election) -> dict[tuple, int]:
    """Identical ballots merged: each distinct ballot (its projects and utilities) and
    its number of voters. Depends on the ballots only, not on the money."""
    merged: dict[tuple, int] = {}
    for projects, points in election.ballots:
        if election.vote_type in (APPROVAL, CHOOSE_ONE, ORDINAL) or not points:
            # Cost utilities: an approver's utility is the project's cost, so the
            # supporters of a project split its cost equally.
            key = tuple(sorted((p, float(election.costs[p])) for p in set(projects)))
        else:
            # Points: payments proportional to the points given.
            key = tuple(
                sorted(
                    (p, float(x)) for p, x in zip(projects, points, strict=True) if x
                )
            )
        if key:
            merged[key] = merged.get(key, 0) + 1
    return merged


def _groups(
    election: Election, per_voter: float, merged: dict[tuple, int] | None = None
) -> list[_Group]:
    if merged is None:
        merged = _merged(election)
    return [_Group(w, per_voter, dict(key)) for key, w in merged.items()]


def _price(cost: float, supporters: list[tuple[_Group, float]]) -> float | None:
    """The lowest ρ with Σ min(budget, ρ·u) = cost over the supporters, or None when
    their money is not enough."""
    money = sum(g.weight * g.budget for g, _u in supporters)
    if money < cost * (1 - EPSILON):
        return None
    remaining, utility = cost, sum(g.weight * u for g, u in supporters)
    for group, u in sorted(supporters, key=lambda s: s[0].budget / s[1]):
        if group.budget / u * utility >= remaining:
            return remaining / utility
        remaining -= group.weight * group.budget
        utility -= group.weight * u
    # Everyone pays all they have (their money is the cost, up to rounding).
    return max(g.budget / u for g, u in supporters)


def _run(
    election: Election,
    per_voter: float,
    tie_order: dict[str, int],
    merged: dict[tuple, int] | None = None,
) -> tuple[list[str], dict[str, dict]]:
    """One run of the method from `per_voter` each (`merged`: the ballots merged by
    _merged, when the caller runs the same election many times)."""
    groups = _groups(election, per_voter, merged)
    supporters: dict[str, list[tuple[_Group, float]]] = {p: [] for p in election.costs}
    for group in groups:
        for project, utility in group.utilities.items():
            supporters[project].append((group, utility))
    approvals = {p: sum(g.weight for g, _u in s) for p, s in supporters.items()}
    remaining = {
        p for p in election.costs if supporters[p] and p not in election.withdrawn
    }
    previous: dict[str, float] = {p: 0.0 for p in remaining}
    selected: list[str] = []
    payments: dict[str, dict] = {}

    def tie_key(project: str) -> tuple:
        return (election.costs[project], -approvals[project], tie_order[project])

    while remaining:
        best, best_price = None, None
        # Prices only rise: scan in the order of the previous round's prices, and
        # stop once the previous price of the next project exceeds the best found.
        for project in sorted(remaining, key=lambda p: (previous[p], tie_key(p))):
            if best_price is not None and previous[project] > best_price * (
                1 + EPSILON
            ):
                break
            price = _price(election.costs[project], supporters[project])
            if price is None:
                remaining.discard(project)
                continue
            previous[project] = price
            if (
                best_price is None
                or price < best_price * (1 - EPSILON)
                or (
                    price <= best_price * (1 + EPSILON)
                    and tie_key(project) < tie_key(best)
                )
            ):
                best, best_price = project, price
        if best is None:
            break
        paid = largest = 0.0
        for group, utility in supporters[best]:
            pay = min(group.budget, best_price * utility)
            group.budget -= pay
            paid += pay * group.weight
            largest = max(largest, pay)
        selected.append(best)
        payments[best] = {
            "result": "funded",
            "round": len(selected),
            "supporters": approvals[best],
            "price_per_utility": best_price,
            "paid": paid,
            "largest_payment": largest,
        }
        remaining.discard(best)
    for project in election.costs:
        if project not in payments:
            money = sum(g.weight * g.budget for g, _u in supporters[project])
            payments[project] = {
                "result": "not_affordable",
                "supporters": approvals[project],
                "supporters_money_left": money,
                "cost": election.costs[project],
            }
    return selected, payments


def _tie_order(election: Election, seed: int | None) -> dict[str, int]:
    order = list(election.costs)
    if seed is not None:
        random.Random(seed).shuffle(order)
    return {p: n for n, p in enumerate(order)}


def equal_shares(
    election: Election,
    completion: str | None = "add1",
    comparison: bool = False,
    seed: int | None = None,
) -> Outcome:
    """The Method of Equal Shares.

    completion="add1": rerun with each voter's money raised by one currency unit at a
    time (from floor(budget / voters)), keeping the last outcome that fits the budget.
    comparison=True: use greedy instead when strictly more voters get more of their
    approved projects funded under greedy.
    seed: ties broken by a lot drawn with this seed (default: the projects' order).
    """
    voters = len(election.ballots)
    budget = election.budget
    tie_order = _tie_order(election, seed)
    start = budget // voters if voters else 0
    # add1 reruns the method once per unit added: merge the ballots once.
    merged = _merged(election)
    selected, reasons = _run(election, start, tie_order, merged)
    steps = 0
    if completion == "add1" and voters:
        # Once every voter can pay alone for all they approve, more money changes
        # nothing: every supported project is bought.
        enough = max(
            sum(election.costs[p] for p in set(b)) for b, _x in election.ballots
        )
        per_voter = start
        while len(selected) < len(election.costs) and per_voter <= enough:
            per_voter += 1
            more, more_reasons = _run(election, per_voter, tie_order, merged)
            if sum(election.costs[p] for p in more) > budget:
                break
            selected, reasons, steps = more, more_reasons, per_voter - start
    rule = "equalshares" + ("/add1" if completion == "add1" else "")
    parameters = {
        "utilities": "cost (approval) or points",
        "completion": completion,
        "per_voter_start": start,
        "add1_steps": steps,
        "tie_breaking": "lower cost, more supporters, "
        + (f"lot with seed {seed}" if seed is not None else "order of the projects"),
    }
    outcome = Outcome(
        rule=rule,
        selected=selected,
        cost=sum(election.costs[p] for p in selected),
        parameters=parameters,
        reasons=reasons,
    )
    if comparison:
        outcome.rule += "-comparison"
        alternative = greedy(election)
        better_greedy, better_mes = _compare(election, alternative.selected, selected)
        outcome.parameters["comparison"] = {
            "voters_better_off_with_greedy": better_greedy,
            "voters_better_off_with_equal_shares": better_mes,
        }
        if better_greedy > better_mes:
            outcome.selected, outcome.cost = alternative.selected, alternative.cost
            outcome.reasons = alternative.reasons
            outcome.parameters["comparison"]["used"] = "greedy"
        else:
            outcome.parameters["comparison"]["used"] = "equalshares"
    return outcome


def _compare(election: Election, first: list[str], second: list[str]):
    a, b = set(first), set(second)
    better_first = better_second = 0
    for projects, _points in election.ballots:
        approved = set(projects)
        x, y = len(approved & a), len(approved & b)
        better_first += x > y
        better_second += y > x
    return better_first, better_second
