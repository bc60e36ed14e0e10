"""What every rule reads (an election) and returns (an outcome)."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# How Pabulib marks a project withdrawn after the vote.
WITHDRAWN_COST = 999_999_999

APPROVAL, CUMULATIVE, SCORING, ORDINAL, CHOOSE_ONE = (
    "approval",
    "cumulative",
    "scoring",
    "ordinal",
    "choose-1",
)
VOTE_TYPES = (APPROVAL, CUMULATIVE, SCORING, ORDINAL, CHOOSE_ONE)


@dataclass(frozen=True)
class Election:
    """A budget, its projects' costs and the ballots.

    `ballots` holds (project ids, points or None); ordinal ballots list the projects from
    most to least preferred. `scores` are the per-project figures greedy rules order by
    (a file's score or votes column, else counted from the ballots); `threshold` is the
    minimum score a project needs under greedy-threshold.
    """

    budget: int
    costs: dict[str, int]
    ballots: list[tuple[tuple[str, ...], tuple[float, ...] | None]]
    vote_type: str = APPROVAL
    scores: dict[str, float] = field(default_factory=dict)
    threshold: float | None = None
    # Projects withdrawn after the vote: on the ballots, never funded.
    withdrawn: frozenset[str] = frozenset()

    def score(self, project: str) -> float:
        """The figure greedy rules order by."""
        if project in self.scores:
            return self.scores[project]
        return self.counted_scores()[project]

    def counted_scores(self) -> dict[str, float]:
        """Scores counted from the ballots: approvals (choose-1, ordinal: mentions),
        or the sum of points."""
        # Not a Counter: points are floats.
        totals: dict[str, float] = {p: 0 for p in self.costs}
        for projects, points in self.ballots:
            for n, project in enumerate(projects):
                totals[project] = totals.get(project, 0) + (points[n] if points else 1)
        return totals

    def approvals(self) -> dict[str, int]:
        """How many ballots name each project."""
        totals: Counter[str] = Counter({p: 0 for p in self.costs})
        for projects, _points in self.ballots:
            totals.update(set(projects))
        return dict(totals)


@dataclass
class Outcome:
    """The funded projects in the order the rule chose them, with every reason."""

    rule: str
    selected: list[str]
    cost: int
    parameters: dict[str, Any] = field(default_factory=dict)
    # One line of explanation per project: why it won or lost.
    reasons: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "parameters": self.parameters,
            "selected": self.selected,
            "cost": self.cost,
        }

    def as_record(self) -> dict[str, Any]:
        """Everything, reasons included, as JSON-ready data (what is published)."""
        return {**self.as_dict(), "reasons": self.reasons}


def election_from(instance: Any) -> Election:
    """The election of a Pabulib instance (participation.budgeting.pabulib)."""
    costs = {p.id: p.cost for p in instance.projects.values()}
    scores: dict[str, float] = {}
    for column in ("score", "votes"):
        values = {p.id: p.number(column) for p in instance.projects.values()}
        if all(v is not None for v in values.values()):
            scores = values
            break
    threshold = instance.meta.get("min_project_score_threshold")
    return Election(
        budget=int(float(instance.meta["budget"])),
        costs=costs,
        ballots=[(vote.projects, vote.points) for vote in instance.votes],
        vote_type=instance.meta.get("vote_type", APPROVAL),
        scores=scores,
        threshold=float(threshold) if threshold else None,
        withdrawn=frozenset(p for p, cost in costs.items() if cost >= WITHDRAWN_COST),
    )
