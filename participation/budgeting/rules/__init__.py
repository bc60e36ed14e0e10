"""Tallying rules as pure functions: an election in, an outcome with its reasons out.

No Flask, no database: the same functions tally a process of this platform, a Pabulib
file from the command line, and the tests' hand-made examples.
"""

from participation.budgeting.rules.base import Election, Outcome, election_from
from participation.budgeting.rules.equal_shares import equal_shares
from participation.budgeting.rules.greedy import greedy

RULES = {
    "greedy": lambda e, **kw: greedy(e, **kw),
    "greedy-threshold": lambda e, **kw: greedy(e, threshold=True, **kw),
    "greedy-no-skip": lambda e, **kw: greedy(e, skip=False, **kw),
    "greedy-custom": lambda e, **kw: greedy(e, skip=False, reserve_share=0.8, **kw),
    "greedy-exclusive": lambda e, **kw: greedy(e, **kw),
    "equalshares": lambda e, **kw: equal_shares(e, completion=None, **kw),
    "equalshares/add1": lambda e, **kw: equal_shares(e, completion="add1", **kw),
    "equalshares-comparison": lambda e, **kw: equal_shares(
        e, completion=None, comparison=True, **kw
    ),
    "equalshares/add1-comparison": lambda e, **kw: equal_shares(
        e, completion="add1", comparison=True, **kw
    ),
}


def tally(election: Election, rule: str, **parameters: int | None) -> Outcome:
    """The outcome of `election` under the named rule (see RULES); `parameters`: the
    rule's options (Equal Shares' seed)."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; known: {', '.join(RULES)}")
    return RULES[rule](election, **parameters)


__all__ = ["RULES", "Election", "Outcome", "election_from", "tally"]
