"""Equal Shares at many amounts of money per voter at once (numpy), for
equal_shares.py.

Voters are counted in classes: a class's voters have the same money left at every
amount and, for each project they support, the same utility, so they always pay
alike. With cost utilities every voter starts in one class; the first time any
amount buys a project, each class holding both supporters of it and other voters
is split in two (until an amount buys it the two halves simply have the same money).
A voter's class is thus the set of projects bought at some amount that they
approved; a points ballot is a class of its own; a class with no money left at any
amount is dropped for good. Per project and class the method only needs the number
of supporters, a "cell"; cells are kept sorted by project, then class.

The amounts are run in lockstep, one column of money per amount, round by round;
each still takes exactly the method's steps. A project's price per utility ρ is the
root of Σ supporters·min(money, ρ·utility) = cost (Newton's method from below, from
the project's previous price: prices only rise); a project whose supporters have
less than (1 − ε)·cost is out for good; one whose supporters have just less than its
cost is bought with all they have. The project with the lowest price wins, ties
within ε broken by the tie order; only projects whose previous price is within ε of
the best price found are priced again.
"""

from collections.abc import Sequence
from typing import NotRequired, TypedDict

import numpy as np

from participation.budgeting.rules._mes_profile import (
    KEY,
    Bools,
    Floats,
    Ints,
    Profile,
    segments,
)

EPSILON = 1e-9

# What money_left needs of a finished amount: every ballot group's class, and the
# money each class has left at the finished amounts (a column each).
Final = tuple[Ints, Floats]


class Run(TypedDict):
    """One amount's run: the winners in order, each one's (price per utility, paid,
    largest payment), and once finished its column of the final money."""

    winners: list[int]
    funded: list[tuple[float, float, float]]
    final: NotRequired[tuple[Final, int]]


class Batch:
    """The state of the method for some amounts (columns), round after round."""

    def __init__(self, profile: Profile, amounts: Sequence[float]) -> None:
        self.p = p = profile
        self.index = np.arange(len(amounts))  # the amounts' positions in `amounts`
        self.active = np.ones(len(amounts), dtype=bool)  # not finished
        self.cls = p.start_class.copy()
        self.K = p.classes
        # money[class, amount]: what each voter of the class has left. Never more
        # classes than ballot groups: room for all (pages untouched until used).
        room = max(p.groups, self.K)
        self.money = np.zeros((room, len(amounts)))
        self.money[: self.K] = np.asarray(amounts, float)[None, :]
        self.size = np.zeros(room)
        self.size[: self.K] = np.bincount(self.cls, p.weight, self.K)
        self.alive = np.zeros(room, dtype=bool)  # classes with money at some amount
        self.alive[: self.K] = (self.money[: self.K] > 0).any(1)
        self.tracked = np.ones(len(p.ids), dtype=bool)  # projects with cells
        self.refined = np.zeros(len(p.ids), dtype=bool)  # classes split by them
        self._layout(*p.cells)
        self.previous = np.zeros((len(p.ids), len(amounts)))
        self.remaining = np.repeat(p.eligible[:, None], len(amounts), axis=1)

    def _layout(
        self, key: Ints, cls: Ints, m: Floats, u: Floats, more: Ints | int = 0
    ) -> None:
        """Lay the cells out, each project's in a block with room to spare: the
        keys stay sorted (spare room holds the block's highest key); emptied cells
        stay, without supporters, until the next layout."""
        projects = len(self.p.ids)
        count = np.bincount(key // KEY, minlength=projects)
        room = 3 * (count + more) + 8
        self.start = np.concatenate([[0], np.cumsum(room)])
        self.used = count
        at = np.repeat(self.start[:-1] - np.cumsum(count) + count, count)
        at += np.arange(len(key))
        self.key = np.repeat((np.arange(projects) + 1) * KEY - 1, room)
        self.cell_cls = np.zeros(len(self.key), dtype=np.int64)
        self.cell_m, self.cell_u = np.zeros(len(self.key)), np.ones(len(self.key))
        self.key[at], self.cell_cls[at], self.cell_m[at], self.cell_u[at] = (
            key,
            cls,
            m,
            u,
        )

    def _cells(self, project: int) -> tuple[Ints, Floats, Floats]:
        """A project's cells whose classes have money (class, supporters, utility)."""
        at = slice(self.start[project], self.start[project] + self.used[project])
        k, m, u = self.cell_cls[at], self.cell_m[at], self.cell_u[at]
        live = (m > 0) & self.alive[k]
        return k[live], m[live], u[live]

    def prices(self, ps: Ints, need: Bools) -> tuple[Floats, Bools]:
        """The prices per utility of projects ps at the amounts where `need` (rows:
        ps, columns: amounts) is set, in the order of np.nonzero(need), and whether
        the project is still affordable there."""
        take, lengths = segments(self.start[ps], self.start[ps] + self.used[ps])
        row = np.repeat(np.arange(len(ps)), lengths)
        k, m, u = self.cell_cls[take], self.cell_m[take], self.cell_u[take]
        live = self.alive[k] & (m > 0)
        k, m, u, row = k[live], m[live], u[live], row[live]
        lengths = np.bincount(row, minlength=len(ps))
        # One segment per (project, amount): the project's cells with money.
        rows, columns = np.nonzero(need)
        cost = self.p.cost[ps][rows]
        rho = np.zeros(len(rows))
        afford = cost <= 0  # supporters without money can only afford a free project
        some = np.flatnonzero(lengths[rows] > 0)
        if not len(some):
            return rho, afford
        rows, columns, cost = rows[some], columns[some], cost[some]
        size = lengths[rows]
        first = np.cumsum(size) - size
        ends = np.cumsum(lengths)
        cells, _size = segments(ends[rows] - size, ends[rows])
        pair = np.repeat(np.arange(len(rows)), size)
        mu = m * u
        utility = np.bincount(row, mu, len(ps))[rows]  # the same at every amount
        money = self.money.ravel()[k[cells] * self.money.shape[1] + columns[pair]]
        paying, mu = m[cells] * money, mu[cells]
        total = np.add.reduceat(paying, first)
        regular = (total >= cost) & (cost > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = paying / mu  # money per utility: capped at prices above it
            # From below the price (the previous price, or no one capped).
            price = np.maximum(self.previous[ps[rows], columns], cost / utility)
        capped = ratio < price[pair]
        spent = np.add.reduceat(paying * capped, first)
        held = np.add.reduceat(mu * capped, first)
        np.putmask(ratio, capped, np.inf)  # from now on: the ratios of the others
        # Everyone capped: the money is the cost, up to rounding (all pay all).
        regular &= np.logical_or.reduceat(ratio < np.inf, first)
        check = None  # the cells whose pair's price moved (at first: all)
        while True:  # Newton's steps: the capped supporters only grow
            with np.errstate(divide="ignore", invalid="ignore"):
                price = np.where(regular, (cost - spent) / (utility - held), price)
            bar = np.where(regular, price, -np.inf)
            if check is None:
                newly = np.flatnonzero(ratio < bar[pair])
            else:
                newly = check[ratio[check] < bar[pair[check]]]
            if not len(newly):
                break
            ratio[newly] = np.inf  # few: update the sums, not recount them
            at = pair[newly]
            np.add.at(spent, at, paying[newly])
            np.add.at(held, at, mu[newly])
            moved = np.unique(at)
            check, sizes = segments(first[moved], first[moved] + size[moved])
            regular[moved] &= np.logical_or.reduceat(
                ratio[check] < np.inf, np.cumsum(sizes) - sizes
            )
        # Just less than the cost (within ε): everyone pays all they have. A free
        # project costs nothing; the price of one out of reach does not matter.
        short = np.flatnonzero(~regular & (cost > 0) & (total >= cost * (1 - EPSILON)))
        price[~regular] = 0.0
        if len(short):
            cells, sizes = segments(first[short], first[short] + size[short])
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = paying[cells] / mu[cells]
            price[short] = np.maximum.reduceat(ratio, np.cumsum(sizes) - sizes)
        rho[some] = price
        afford[some] = total >= cost * (1 - EPSILON)
        return rho, afford

    def choose(self) -> tuple[Ints, Floats]:
        """Each amount's winner of this round (−1: none), and the prices found."""
        p, width = self.p, self.money.shape[1]
        seen = np.zeros(self.remaining.shape, dtype=bool)
        rho = np.full(self.remaining.shape, np.inf)
        best = np.full(width, np.inf)
        while True:
            open_ = self.remaining & ~seen
            lowest = np.where(open_, self.previous, np.inf).min(0)
            limit = np.where(best < np.inf, best * (1 + EPSILON), lowest)
            need = open_ & (self.previous <= limit)
            todo = np.flatnonzero(need.any(1))
            if not len(todo):
                break
            price, afford = self.prices(todo, need[todo])
            rows, columns = np.nonzero(need[todo])
            at = todo[rows], columns
            seen[at], rho[at] = True, price
            alive = self.remaining[at] & afford
            self.remaining[at] = alive
            self.previous[at] = np.where(alive, price, self.previous[at])
            np.minimum.at(best, columns, np.where(alive, price, np.inf))
        tied = self.remaining & seen & (rho <= best * (1 + EPSILON))
        ranked = np.where(tied, p.rank[:, None], len(p.ids))
        winner = np.where(tied.any(0), ranked.argmin(0), -1)
        return winner, rho

    def refine(self, project: int) -> None:
        """Split every class holding both supporters of the project and others (the
        supporters get a new class, with the same money)."""
        p, projects = self.p, len(self.p.ids)
        k, m, _u = self._cells(project)
        parted = self.size[k] != m
        parents = k[parted]
        new = self.K + np.arange(len(parents))
        self.K += len(new)
        rows = slice(self.K - len(new), self.K)
        self.money[rows], self.alive[rows] = self.money[parents], True
        self.size[parents] -= m[parted]
        self.size[rows] = m[parted]
        # The supporters in the split classes move to the new ones.
        groups = p.s_group[p.s_ptr[project] : p.s_ptr[project + 1]]
        local = np.full(self.K, -1)
        local[parents] = np.arange(len(parents))
        part = local[self.cls[groups]]
        moving = part >= 0
        self.cls[groups[moving]] = new[part[moving]]
        # With them their cells, counted from their ballots (sorted by project,
        # then class: new classes have the highest ids, so theirs go last).
        who, proj, weight = p.ballots_of(project)
        part = part[who]
        moving = (part >= 0) & self.tracked[proj]
        slot = proj[moving] * len(parents) + part[moving]
        counts = np.bincount(slot, weight[moving], len(parents) * projects)
        moved = np.flatnonzero(counts)
        counts, proj, part = counts[moved], moved // len(parents), moved % len(parents)
        self.cell_m[np.searchsorted(self.key, proj * KEY + parents[part])] -= counts
        rank = np.arange(len(proj)) - np.searchsorted(proj, proj)
        if (self.used[proj] + rank >= self.start[proj + 1] - self.start[proj]).any():
            self._layout(*self._compact(), more=np.bincount(proj, minlength=projects))
        at = self.start[proj] + self.used[proj] + rank
        self.key[at], self.cell_cls[at] = proj * KEY + new[part], new[part]
        self.cell_m[at], self.cell_u[at] = counts, p.cost[proj]
        self.used += np.bincount(proj, minlength=projects)
        self.refined[project] = True

    def pay(self, project: int, columns: Ints, rho: Floats) -> tuple[Floats, Floats]:
        """At these amounts the project's supporters pay for it (rho: its price per
        utility); returns what was paid and the largest payment, per amount."""
        if not self.refined[project]:
            self.refine(project)
        k, m, u = self._cells(project)
        at = np.ix_(k, columns)
        money = self.money[at]
        pay = np.minimum(money, rho[None, :] * u[:, None])
        self.money[at] = left = money - pay
        dry = k[~(left > 0).any(1)]  # no money left at these amounts: at others?
        self.alive[dry] = (self.money[dry] > 0).any(1)
        self.remaining[project, columns] = False
        return m @ pay, pay.max(0, initial=0.0)

    def _compact(self) -> tuple[Ints, Ints, Floats, Floats]:
        """The cells with supporters and money, of the projects still followed."""
        keep = (
            (self.cell_m > 0)
            & self.tracked[self.key // KEY]
            & self.alive[self.cell_cls]
        )
        return self.key[keep], self.cell_cls[keep], self.cell_m[keep], self.cell_u[keep]

    def finish(self, columns: Ints) -> Final:
        """These amounts have bought all they can: what money_left needs for them.
        Once half of the amounts are finished, the batch forgets them."""
        final = self.cls.copy(), self.money[: self.K, columns]
        self.active[columns] = False
        if 2 * self.active.sum() < len(self.active):
            keep = self.active
            money = np.zeros((len(self.money), keep.sum()))
            money[: self.K] = self.money[: self.K, keep]
            self.index, self.money, self.active = self.index[keep], money, keep[keep]
            self.previous, self.remaining = (
                self.previous[:, keep],
                self.remaining[:, keep],
            )
            self.alive[: self.K] = (self.money[: self.K] > 0).any(1)
        return final


def money_left(profile: Profile, final: Final, column: int) -> Floats:
    """Per project, the money its supporters have left at the end of a run."""
    cls, money = final
    budget = money[cls, column]
    # numpy's stubs type bincount as integers; with weights it gives floats.
    return np.bincount(  # type: ignore[return-value]
        profile.g_proj, (profile.weight * budget)[profile.g_group], len(profile.ids)
    )


def outcomes(profile: Profile, amounts: Sequence[float]) -> list[Run]:
    """The method at each amount of money per voter: per amount, the winners in
    order, each one's price per utility, what was paid and the largest payment, and
    what money_left needs to tell every project's supporters' money at the end."""
    results: list[Run] = [{"winners": [], "funded": []} for _ in amounts]
    batch = Batch(profile, amounts)
    while batch.active.any():  # one round
        winner, rho = batch.choose()
        for w in np.unique(winner[winner >= 0]).tolist():
            columns = np.flatnonzero(winner == w)
            paid, largest = batch.pay(w, columns, rho[w, columns])
            for n, i in enumerate(batch.index[columns]):
                results[i]["winners"].append(w)
                results[i]["funded"].append((rho[w, columns[n]], paid[n], largest[n]))
        batch.tracked &= batch.remaining.any(1)  # out everywhere: no more cells
        done = np.flatnonzero((winner < 0) & batch.active)
        if len(done):
            finished = batch.index[done]
            final = batch.finish(done)
            for n, i in enumerate(finished):
                results[i]["final"] = (final, n)
    return results
