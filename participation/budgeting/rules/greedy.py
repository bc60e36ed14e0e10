"""Greedy by votes, with the variants cities use (Pabulib's rule names)."""

from participation.budgeting.rules.base import Election, Outcome


def greedy_order(election: Election) -> list[str]:
    """Projects by score, highest first; ties: cheaper first, then the file's order."""
    position = {p: n for n, p in enumerate(election.costs)}
    return sorted(
        election.costs,
        key=lambda p: (-election.score(p), election.costs[p], position[p]),
    )


def greedy(
    election: Election,
    skip: bool = True,
    threshold: bool = False,
    reserve_share: float | None = None,
) -> Outcome:
    """Fund projects in score order while they fit (never one nobody voted for).

    skip=False stops at the first project that does not fit (greedy-no-skip).
    threshold=True leaves out projects scoring below the election's threshold
    (greedy-threshold). reserve_share (Poznań's greedy-custom): at the first project
    that does not fit, fund it anyway from reserve funds when what is left covers at
    least that share of its cost, then stop.
    """
    left = election.budget
    selected: list[str] = []
    reasons: dict[str, dict[str, object]] = {}
    stopped_at: str | None = None
    rule = (
        "greedy-custom"
        if reserve_share is not None
        else "greedy-threshold"
        if threshold
        else "greedy"
        if skip
        else "greedy-no-skip"
    )
    for project in greedy_order(election):
        cost, score = election.costs[project], election.score(project)
        base = {"score": score, "cost": cost}
        if project in election.withdrawn:
            reasons[project] = {**base, "result": "withdrawn"}
        elif score <= 0:
            # Nobody voted for it: money left over does not go to it.
            reasons[project] = {**base, "result": "no_votes"}
        elif (
            threshold and election.threshold is not None and score < election.threshold
        ):
            reasons[project] = {**base, "result": "below_threshold"}
        elif stopped_at is not None:
            reasons[project] = {
                **base,
                "result": "after_stop",
                "stopped_at": stopped_at,
            }
        elif cost <= left:
            left -= cost
            selected.append(project)
            reasons[project] = {**base, "result": "funded", "left_after": left}
        elif reserve_share is not None and left >= reserve_share * cost:
            selected.append(project)
            reasons[project] = {**base, "result": "funded_from_reserve", "left": left}
            left = 0
            stopped_at = project
        else:
            reasons[project] = {**base, "result": "did_not_fit", "left": left}
            if not skip:
                stopped_at = project
    parameters: dict[str, object] = {"order": "score, then lower cost, then file order"}
    if threshold:
        parameters["threshold"] = election.threshold
    if reserve_share is not None:
        parameters["reserve_share"] = reserve_share
    return Outcome(
        rule=rule,
        selected=selected,
        cost=sum(election.costs[p] for p in selected),
        parameters=parameters,
        reasons=reasons,
    )
