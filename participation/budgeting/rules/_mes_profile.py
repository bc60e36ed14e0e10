"""An election's ballots as the arrays Equal Shares runs on (_mes_batch.py), built
once for all the runs of add1.

Identical ballots are merged into groups (they are always charged alike). With cost
utilities (approval, choose-1, ordinal ballots, and points ballots without points)
a supporter's utility for a project is its cost, so the supporters of a project
split its cost equally; with points, payments are proportional to the points given
(projects given no points are not supported).
"""

from collections import Counter
from itertools import chain
from operator import itemgetter

import numpy as np
from numpy.typing import NDArray

from participation.budgeting.rules.base import APPROVAL, CHOOSE_ONE, ORDINAL, Election

# The arrays the method runs on, by kind of element.
Ints = NDArray[np.integer]
Floats = NDArray[np.floating]
Bools = NDArray[np.bool_]
# A points ballot as merged: its (project, points) pairs, points given only.
Points = tuple[tuple[str, float], ...]

KEY = np.int64(1 << 32)  # a cell's sort key: project · KEY + class


def _points(projects: tuple[str, ...], points: tuple[float, ...]) -> Points:
    given = sorted(zip(projects, points, strict=True))
    return tuple({p: float(x) for p, x in given if x}.items())


class Profile:
    """Groups of identical ballots: weights, and per group and per project (both
    ways, as CSR arrays) the supported projects with each one's utility."""

    def __init__(self, election: Election, tie_order: dict[str, int]) -> None:
        self.ids = ids = list(election.costs)
        index = {p: n for n, p in enumerate(ids)}
        self.cost = cost = np.array([float(election.costs[p]) for p in ids])
        self.int_cost = [election.costs[p] for p in ids]
        by_cost = election.vote_type in (APPROVAL, CHOOSE_ONE, ORDINAL)
        merged: Counter[tuple[str, ...]]
        merged_points: Counter[Points]
        if by_cost:
            merged = Counter(map(itemgetter(0), election.ballots))
            merged_points = Counter()
        else:
            merged = Counter(b for b, x in election.ballots if not x)
            merged_points = Counter(_points(b, x) for b, x in election.ballots if x)
        merged.pop((), None)
        merged_points.pop((), None)
        # Cost ballots first, then points ballots.
        plain, given = list(merged), list(merged_points)
        weights = [*merged.values(), *merged_points.values()]
        # Per group (in order) its projects: a cost ballot's (each once, utility its
        # cost) or a points ballot's (utility the points).
        size = np.fromiter(map(len, plain), dtype=np.int64, count=len(plain))
        group = np.repeat(np.arange(len(plain)), size)
        project = np.fromiter(
            map(index.__getitem__, chain.from_iterable(plain)), dtype=np.int64
        )
        pairs = list(chain.from_iterable(given))
        size = np.fromiter(map(len, given), dtype=np.int64, count=len(given))
        group = np.concatenate(
            [group, len(plain) + np.repeat(np.arange(len(given)), size)]
        )
        points = np.array([x for _p, x in pairs], dtype=float)
        project = np.concatenate([project, [index[p] for p, _x in pairs]]).astype(
            np.int64
        )
        by_project = np.argsort(project, kind="stable")  # groups in order within each
        twice = (np.diff(project[by_project]) == 0) & (np.diff(group[by_project]) == 0)
        if twice.any():  # a project listed twice on a cost ballot counts once
            keep = np.ones(len(project), dtype=bool)
            keep[by_project[1:][twice]] = False
            group, project = group[keep], project[keep]
            by_project = np.argsort(project, kind="stable")
        utility = np.concatenate([cost[project[: len(project) - len(points)]], points])
        self.weight = np.array(weights, dtype=float)
        self.groups = groups = len(self.weight)
        # A class per points ballot; every cost ballot in class 0 (see _mes_batch).
        own = np.arange(groups) >= len(plain)
        self.start_class = np.where(own, np.cumsum(own) - (not plain), 0)
        self.classes = int(self.start_class.max()) + 1 if groups else 1
        # Per group (g_ptr, g_proj) and per project (s_ptr, s_group) as CSR arrays.
        self.g_group, self.g_proj = group, project
        self.g_ptr = np.searchsorted(group, np.arange(groups + 1))
        self.s_group = group[by_project]
        counts = np.bincount(project, minlength=len(ids))
        self.s_ptr = np.concatenate([[0], np.cumsum(counts)])
        self.approvals = np.bincount(project, self.weight[group], len(ids))
        order = sorted(
            range(len(ids)),
            key=lambda p: (cost[p], -self.approvals[p], tie_order[ids[p]]),
        )
        self.rank = np.empty(len(ids), dtype=np.int64)
        self.rank[order] = np.arange(len(ids))
        # The cells of the first round: per project and class (in order: cost
        # ballots' class 0 first), supporters and their utility.
        key = project[by_project] * KEY + self.start_class[self.s_group]
        first = np.ones(len(key), dtype=bool)
        first[1:] = key[1:] != key[:-1]
        # numpy's stubs type bincount as integers; with weights it gives floats.
        supporters: Floats = np.bincount(  # type: ignore[assignment]
            np.cumsum(first) - 1, self.weight[self.s_group]
        )
        self.cells: tuple[Ints, Ints, Floats, Floats] = (
            key[first],
            key[first] % KEY,
            supporters,
            utility[by_project][first],
        )
        # The most a ballot's projects cost together (listed projects, points or not).
        plain_total = np.bincount(
            group[group < len(plain)], cost[project[group < len(plain)]]
        )
        points_totals = (
            []
            if by_cost
            else [
                sum(election.costs[p] for p in set(b)) for b, x in election.ballots if x
            ]
        )
        self.enough = int(max([0, plain_total.max(initial=0)] + points_totals))
        withdrawn = np.array([p in election.withdrawn for p in ids], dtype=bool)
        self.eligible = (counts > 0) & ~withdrawn
        self._ballots: dict[int, tuple[Ints, Ints, Floats]] = {}

    def ballots_of(self, project: int) -> tuple[Ints, Ints, Floats]:
        """The ballots of the project's supporters, entry by entry: whose (position
        among the supporters), which project, the ballot's weight (cached)."""
        if project not in self._ballots:
            groups = self.s_group[self.s_ptr[project] : self.s_ptr[project + 1]]
            take, lengths = segments(self.g_ptr[groups], self.g_ptr[groups + 1])
            who = np.repeat(np.arange(len(groups)), lengths)
            self._ballots[project] = (who, self.g_proj[take], self.weight[groups][who])
        return self._ballots[project]


def segments(starts: Ints, ends: Ints) -> tuple[Ints, Ints]:
    """The positions of the concatenated ranges starts[i]:ends[i], and their lengths."""
    lengths = ends - starts
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(lengths.sum()), lengths
