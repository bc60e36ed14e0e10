"""The Method of Equal Shares (Peters & Skowron), with the add1 completion and the
comparison with greedy, as `../shared/PB.md` and equalshares.net define them.

Every voter starts with an equal share of the budget. A project is bought by its
supporters: each pays in proportion to their utility (approval, choose-1, ordinal:
the project's cost, so supporters split it equally; cumulative, scoring: the points
given), capped by what they have left; the project whose price per unit of utility
is lowest goes first, and a project its supporters can no longer pay for is out.
Ties (prices within a relative ε): lower cost, then more supporters, then the
project's position in a published order (a seeded lot when the election asks for
one). add1 reruns the method with each voter's money raised by one currency unit at
a time (from floor(budget / voters)) and keeps the last outcome that fits the
budget; -comparison uses greedy instead when strictly more voters prefer it.

How it is computed (_mes_profile.py, _mes_batch.py; numpy): voters who have the
same money left and value alike every project they support always pay alike, so
they are counted together as a class (with cost utilities, the voters who approved
the same funded projects). add1 runs the method for many amounts of money per voter
at once, in lockstep round by round, one column of money per amount: the counting
of supporters per class is shared by all the amounts, only the money differs. Every
amount still goes through every step of the method, so the outcome, its reasons
(up to rounding) and its parameters are those of the straightforward method (kept
as the tests' oracle, tests/budgeting/mes_reference.py). That method scans the
projects in the order of their previous prices; its winner of a round is this
one's except when three or more prices lie within 2ε of one another without being
equal, where the order of its scan decides (prices equal up to rounding are ties
in both).
"""

import random

from participation.budgeting.rules._mes_batch import EPSILON, Run, money_left, outcomes
from participation.budgeting.rules._mes_profile import Profile
from participation.budgeting.rules.base import Election, Outcome
from participation.budgeting.rules.greedy import greedy

__all__ = ["EPSILON", "equal_shares"]

# How many amounts of money per voter add1 runs at once at first (then twice as many
# each time, up to BATCH_MOST).
BATCH, BATCH_MOST = 64, 1024


def _reasons(profile: Profile, result: Run) -> dict[str, dict[str, object]]:
    """Why each project won or lost, as the straightforward method words it."""
    reasons: dict[str, dict[str, object]] = {}
    left = money_left(profile, *result["final"])
    for number, (w, (rho, paid, largest)) in enumerate(
        zip(result["winners"], result["funded"], strict=True), start=1
    ):
        reasons[profile.ids[w]] = {
            "result": "funded",
            "round": number,
            "supporters": int(profile.approvals[w]),
            "price_per_utility": float(rho),
            "paid": float(paid),
            "largest_payment": float(largest),
        }
    for n, project in enumerate(profile.ids):
        if project not in reasons:
            reasons[project] = {
                "result": "not_affordable",
                "supporters": int(profile.approvals[n]),
                "supporters_money_left": float(left[n]),
                "cost": profile.int_cost[n],
            }
    return reasons


def _run(
    election: Election, per_voter: float, tie_order: dict[str, int]
) -> tuple[list[str], dict[str, dict[str, object]]]:
    """One run of the method: the funded projects in order, and every reason."""
    profile = Profile(election, tie_order)
    (result,) = outcomes(profile, [per_voter])
    return [profile.ids[w] for w in result["winners"]], _reasons(profile, result)


def _tie_order(election: Election, seed: int | None) -> dict[str, int]:
    order = list(election.costs)
    if seed is not None:
        random.Random(seed).shuffle(order)
    return {p: n for n, p in enumerate(order)}


def _add1(election: Election, profile: Profile, start: int) -> tuple[int, Run]:
    """The money per voter whose outcome add1 keeps, and that outcome: from `start`,
    one unit more at a time while the outcome fits the budget, stopping once every
    project is funded or every voter could pay alone for all they approve. The
    amounts are run BATCH at a time, then twice as many each time (at most
    BATCH_MOST), so the few past the stop cost little."""
    enough = profile.enough
    costs = profile.int_cost
    per_voter, batch = start, BATCH
    kept: Run | None = None
    while kept is None or (len(kept["winners"]) < len(costs) and per_voter <= enough):
        first = per_voter if kept is None else per_voter + 1
        amounts = list(range(first, max(first + 1, min(first + batch, enough + 2))))
        batch = min(2 * batch, BATCH_MOST)
        for amount, result in zip(amounts, outcomes(profile, amounts), strict=True):
            if kept is not None:
                if sum(costs[w] for w in result["winners"]) > election.budget:
                    return per_voter, kept
                per_voter = amount
            kept = result
            if len(kept["winners"]) == len(costs) or per_voter > enough:
                return per_voter, kept
    return per_voter, kept


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
    profile = Profile(election, tie_order)
    if completion == "add1" and voters:
        per_voter, result = _add1(election, profile, start)
    else:
        per_voter, (result,) = start, outcomes(profile, [start])
    selected = [profile.ids[w] for w in result["winners"]]
    reasons = _reasons(profile, result)
    rule = "equalshares" + ("/add1" if completion == "add1" else "")
    parameters = {
        "utilities": "cost (approval) or points",
        "completion": completion,
        "per_voter_start": start,
        "add1_steps": per_voter - start,
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


def _compare(
    election: Election, first: list[str], second: list[str]
) -> tuple[int, int]:
    a, b = set(first), set(second)
    better_first = better_second = 0
    for projects, _points in election.ballots:
        approved = set(projects)
        x, y = len(approved & a), len(approved & b)
        better_first += x > y
        better_second += y > x
    return better_first, better_second
