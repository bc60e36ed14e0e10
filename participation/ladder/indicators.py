"""The city indicators of LADDER.md from per-engagement figures (ladder/figures.py,
already aggregated from the contributions in SQL): plain values in, plain values out.

Pure: no Flask, no database.
"""

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypedDict

from participation.core.rungs import rung
from participation.ladder.figures import (
    EngagementFigures,
    after_the_fact,
    before_decision,
    citizen_powered,
    claim_gap,
    closed,
    dated,
    made_a_claim,
    over_claimed,
)

# Groups smaller than this are never shown (privacy).
MIN_GROUP = 10
_ANY = datetime.min  # for the tests that do not depend on the day


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _median(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


class Cell(TypedDict):
    engagements: int
    money: float
    participants: int


class Distribution(TypedDict):
    by_rung: dict[int, Cell]
    by_tier: dict[str, Cell]


class ShownCell(TypedDict):
    engagements: int
    money: float
    participants: int | None  # None: a small group, not shown


class ShownDistribution(TypedDict):
    by_rung: dict[int, ShownCell]
    by_tier: dict[str, ShownCell]


def distribution(rows: list[EngagementFigures]) -> Distribution:
    """Engagements, money and participants per rung and per tier."""
    by_rung: dict[int, Cell] = {
        n: {"engagements": 0, "money": 0.0, "participants": 0} for n in range(1, 9)
    }
    for row in rows:
        cell = by_rung[row.rung]
        cell["engagements"] += 1
        cell["money"] += row.money
        cell["participants"] += row.participants
    tiers: dict[str, Cell] = defaultdict(
        lambda: {"engagements": 0, "money": 0.0, "participants": 0}
    )
    for number, cell in by_rung.items():
        tier = tiers[rung(number).tier]
        tier["engagements"] += cell["engagements"]
        tier["money"] += cell["money"]
        tier["participants"] += cell["participants"]
    return {"by_rung": by_rung, "by_tier": dict(tiers)}


def shown_people(count: int) -> int | None:
    """A number of people as the report may show it: none, or at least MIN_GROUP
    (None: a small group, not shown)."""
    return count if count == 0 or count >= MIN_GROUP else None


def _shown(cell: Cell) -> ShownCell:
    return {**cell, "participants": shown_people(cell["participants"])}


def without_small_groups(distribution: Distribution) -> ShownDistribution:
    """The distribution as the report shows it: participants of cells under
    MIN_GROUP people hidden."""
    return {
        "by_rung": {n: _shown(cell) for n, cell in distribution["by_rung"].items()},
        "by_tier": {t: _shown(cell) for t, cell in distribution["by_tier"].items()},
    }


class CitizenPower(TypedDict):
    engagements_share: float | None
    money_share: float | None


def citizen_power(rows: list[EngagementFigures]) -> CitizenPower:
    powered = [r for r in rows if citizen_powered(r, _ANY)]
    return {
        "engagements_share": _share(len(powered), len(rows)),
        "money_share": _share(
            sum(r.money for r in powered), sum(r.money for r in rows)
        ),
    }


class OverClaim(TypedDict):
    share: float | None  # of the engagements that made a claim
    mean_gap: float | None
    engagements: list[int]
    claimed: int  # engagements that made a claim: the share's denominator
    no_claim: int  # engagements whose planner chose to make no claim


def over_claim(rows: list[EngagementFigures]) -> OverClaim:
    """Claimed above the evidence, among the engagements that made a claim (one
    without a claim is counted apart, never as rung 1)."""
    claiming = [r for r in rows if made_a_claim(r, _ANY)]
    over = [r for r in claiming if over_claimed(r, _ANY)]
    return {
        "claimed": len(claiming),
        "no_claim": len(rows) - len(claiming),
        "share": _share(len(over), len(claiming)),
        "mean_gap": statistics.fmean(claim_gap(r) for r in over) if over else None,
        "engagements": [r.id for r in over],
    }


class Timeliness(TypedDict):
    share_before_decision: float | None
    median_lead_days: float | None
    after_the_fact: list[int]


def timeliness(rows: list[EngagementFigures]) -> Timeliness:
    """Judged as the rubric judges them (ladder/timing.py, stored with the
    assessment): opened before the decision, and how long before."""
    judged = [r for r in rows if dated(r, _ANY)]
    before = [r for r in judged if before_decision(r, _ANY)]
    return {
        "share_before_decision": _share(len(before), len(judged)),
        "median_lead_days": _median(
            r.lead_days for r in before if r.lead_days is not None
        ),
        "after_the_fact": [r.id for r in judged if after_the_fact(r, _ANY)],
    }


class Responsiveness(TypedDict):
    answered_share: float | None
    median_days_to_answer: float | None
    closed_with_report_share: float | None


def responsiveness(rows: list[EngagementFigures], now: datetime) -> Responsiveness:
    reportable = [r for r in rows if closed(r, now) and r.report_published is not None]
    return {
        "answered_share": _share(
            sum(r.answered for r in rows), sum(r.contributions for r in rows)
        ),
        "median_days_to_answer": _median(r.median_days_to_answer for r in rows),
        "closed_with_report_share": _share(
            sum(bool(r.report_published) for r in reportable), len(reportable)
        ),
    }


class Influence(TypedDict):
    resident_options_adopted: int
    money_under_binding_resident_decision: float


def influence(rows: list[EngagementFigures]) -> Influence:
    return {
        "resident_options_adopted": sum(r.resident_options_adopted for r in rows),
        "money_under_binding_resident_decision": sum(r.binding_money for r in rows),
    }


class Delivery(TypedDict):
    winners: int
    implemented_share: float | None
    on_time_share: float | None


def delivery(rows: list[EngagementFigures]) -> Delivery:
    winners = sum(r.winners for r in rows)
    return {
        "winners": winners,
        "implemented_share": _share(sum(r.implemented for r in rows), winners),
        "on_time_share": _share(sum(r.on_time for r in rows), winners),
    }


def recurring_share(rows: list[EngagementFigures]) -> float | None:
    """Of the projects these engagements belong to, the share that engage residents
    recurrently over their life."""
    projects: dict[int, bool] = {}
    for r in rows:
        projects[r.project_id] = projects.get(r.project_id, False) or r.recurring
    return _share(sum(projects.values()), len(projects))


class Trend(TypedDict):
    """One quarter's figures (see by_quarter)."""

    engagements: int
    mean_rung: float
    citizen_power_share: float | None
    citizen_power_money_share: float | None
    over_claim_share: float | None
    over_claim_mean_gap: float | None
    share_before_decision: float | None
    median_lead_days: float | None
    answered_share: float | None
    median_days_to_answer: float | None
    closed_with_report_share: float | None
    resident_options_adopted: int
    money_under_binding_resident_decision: float
    implemented_share: float | None
    on_time_share: float | None
    recurring_share: float | None
    participations: int | None


def by_quarter(rows: list[EngagementFigures], now: datetime) -> dict[str, Trend]:
    """The trend of every per-engagement indicator, per quarter of opening."""
    quarters: dict[str, list[EngagementFigures]] = defaultdict(list)
    for row in rows:
        quarters[row.quarter].append(row)
    trend: dict[str, Trend] = {}
    for quarter, group in sorted(quarters.items()):
        answers = responsiveness(group, now)
        power, over = citizen_power(group), over_claim(group)
        timing, delivered = timeliness(group), delivery(group)
        trend[quarter] = {
            "engagements": len(group),
            "mean_rung": statistics.fmean(r.rung for r in group),
            "citizen_power_share": power["engagements_share"],
            "citizen_power_money_share": power["money_share"],
            "over_claim_share": over["share"],
            "over_claim_mean_gap": over["mean_gap"],
            "share_before_decision": timing["share_before_decision"],
            "median_lead_days": timing["median_lead_days"],
            "answered_share": answers["answered_share"],
            "median_days_to_answer": answers["median_days_to_answer"],
            "closed_with_report_share": answers["closed_with_report_share"],
            **influence(group),
            "implemented_share": delivered["implemented_share"],
            "on_time_share": delivered["on_time_share"],
            "recurring_share": recurring_share(group),
            "participations": shown_people(sum(r.participants for r in group)),
        }
    return trend


@dataclass
class Indicators:
    engagements: int
    distribution: ShownDistribution
    citizen_power: CitizenPower
    over_claim: OverClaim
    timeliness: Timeliness
    responsiveness: Responsiveness
    influence: Influence
    delivery: Delivery
    trend: dict[str, Trend]
    extra: dict[str, object] = field(default_factory=dict)


def indicators(rows: list[EngagementFigures], now: datetime) -> Indicators:
    """Every per-engagement indicator of LADDER.md (reach and return rate come from
    the people counted ahead, ladder/reach.py; continuity and fixes from their own
    aggregates)."""
    return Indicators(
        engagements=len(rows),
        distribution=without_small_groups(distribution(rows)),
        citizen_power=citizen_power(rows),
        over_claim=over_claim(rows),
        timeliness=timeliness(rows),
        responsiveness=responsiveness(rows, now),
        influence=influence(rows),
        delivery=delivery(rows),
        trend=by_quarter(rows, now),
    )
