"""The city indicators of LADDER.md from per-engagement figures (already aggregated
from the contributions in SQL): plain values in, plain values out.

Pure: no Flask, no database.
"""

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from participation.ladder.rungs import rung

# Groups smaller than this are never shown (privacy).
MIN_GROUP = 10
CITIZEN_POWER = (6, 7, 8)


@dataclass(frozen=True)
class EngagementFigures:
    id: int
    kind: str
    project_id: int
    district_id: int | None
    opens_at: datetime
    closes_at: datetime | None
    decided_at: datetime | None
    claimed: int
    evidenced: int
    reviewed: int | None = None
    money: float = 0
    participants: int = 0
    contributions: int = 0
    answered: int = 0
    median_days_to_answer: float | None = None
    report_published: bool | None = None
    resident_options_adopted: int = 0
    binding_money: float = 0
    winners: int = 0
    implemented: int = 0
    on_time: int = 0

    @property
    def rung(self) -> int:
        """The rung the report counts: the evaluator's when reviewed, else evidenced."""
        return self.reviewed or self.evidenced

    @property
    def quarter(self) -> str:
        return f"{self.opens_at.year}-Q{(self.opens_at.month - 1) // 3 + 1}"


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _median(values: Iterable[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def distribution(rows: list[EngagementFigures]) -> dict:
    """Engagements, money and participants per rung and per tier."""
    by_rung = {
        n: {"engagements": 0, "money": 0.0, "participants": 0} for n in range(1, 9)
    }
    for row in rows:
        cell = by_rung[row.rung]
        cell["engagements"] += 1
        cell["money"] += row.money
        cell["participants"] += row.participants
    tiers: dict[str, dict] = defaultdict(
        lambda: {"engagements": 0, "money": 0.0, "participants": 0}
    )
    for number, cell in by_rung.items():
        for key, value in cell.items():
            tiers[rung(number).tier][key] += value
    return {"by_rung": by_rung, "by_tier": dict(tiers)}


def citizen_power(rows: list[EngagementFigures]) -> dict:
    powered = [r for r in rows if r.rung in CITIZEN_POWER]
    return {
        "engagements_share": _share(len(powered), len(rows)),
        "money_share": _share(
            sum(r.money for r in powered), sum(r.money for r in rows)
        ),
    }


def over_claim(rows: list[EngagementFigures]) -> dict:
    over = [r for r in rows if r.claimed > r.evidenced]
    return {
        "share": _share(len(over), len(rows)),
        "mean_gap": statistics.fmean(r.claimed - r.evidenced for r in over)
        if over
        else None,
        "engagements": [r.id for r in over],
    }


def timeliness(rows: list[EngagementFigures]) -> dict:
    dated = [r for r in rows if r.decided_at is not None]
    before = [r for r in dated if r.opens_at < r.decided_at]
    return {
        "share_before_decision": _share(len(before), len(dated)),
        "median_lead_days": _median(
            (r.decided_at - r.opens_at).total_seconds() / 86400 for r in before
        ),
        "after_the_fact": [r.id for r in dated if r.opens_at >= r.decided_at],
    }


def responsiveness(rows: list[EngagementFigures], now: datetime) -> dict:
    closed = [r for r in rows if r.closes_at is not None and r.closes_at <= now]
    reportable = [r for r in closed if r.report_published is not None]
    return {
        "answered_share": _share(
            sum(r.answered for r in rows), sum(r.contributions for r in rows)
        ),
        "median_days_to_answer": _median(r.median_days_to_answer for r in rows),
        "closed_with_report_share": _share(
            sum(bool(r.report_published) for r in reportable), len(reportable)
        ),
    }


def influence(rows: list[EngagementFigures]) -> dict:
    return {
        "resident_options_adopted": sum(r.resident_options_adopted for r in rows),
        "money_under_binding_resident_decision": sum(r.binding_money for r in rows),
    }


def delivery(rows: list[EngagementFigures]) -> dict:
    winners = sum(r.winners for r in rows)
    return {
        "winners": winners,
        "implemented_share": _share(sum(r.implemented for r in rows), winners),
        "on_time_share": _share(sum(r.on_time for r in rows), winners),
    }


def reach(
    participants_by_district: dict[int, int],
    population: dict[int, int],
    city_participants: int,
) -> dict:
    """Participants per 1,000 residents per district against the city's figure, and
    the disparity (highest rate / lowest). Districts under MIN_GROUP participants show
    no figure."""
    city_population = sum(population.values())
    rates: dict[int, float | None] = {}
    for district_id, people in population.items():
        count = participants_by_district.get(district_id, 0)
        rates[district_id] = (
            count / people * 1000 if people and count >= MIN_GROUP else None
        )
    shown = [r for r in rates.values() if r is not None]
    return {
        "per_1000_by_district": rates,
        "per_1000_city": city_participants / city_population * 1000
        if city_population
        else None,
        "disparity": max(shown) / min(shown) if len(shown) > 1 and min(shown) else None,
    }


def by_quarter(rows: list[EngagementFigures]) -> dict[str, dict]:
    """The trend: per quarter of opening, engagements, citizen-power and over-claim
    shares, and the mean rung."""
    quarters: dict[str, list[EngagementFigures]] = defaultdict(list)
    for row in rows:
        quarters[row.quarter].append(row)
    return {
        quarter: {
            "engagements": len(group),
            "citizen_power_share": citizen_power(group)["engagements_share"],
            "over_claim_share": over_claim(group)["share"],
            "mean_rung": statistics.fmean(r.rung for r in group),
        }
        for quarter, group in sorted(quarters.items())
    }


@dataclass
class Indicators:
    engagements: int
    distribution: dict
    citizen_power: dict
    over_claim: dict
    timeliness: dict
    responsiveness: dict
    influence: dict
    delivery: dict
    trend: dict
    extra: dict = field(default_factory=dict)


def indicators(rows: list[EngagementFigures], now: datetime) -> Indicators:
    """Every per-engagement indicator of LADDER.md (reach, return rate, continuity
    and fixes come from their own aggregates)."""
    return Indicators(
        engagements=len(rows),
        distribution=distribution(rows),
        citizen_power=citizen_power(rows),
        over_claim=over_claim(rows),
        timeliness=timeliness(rows),
        responsiveness=responsiveness(rows, now),
        influence=influence(rows),
        delivery=delivery(rows),
        trend=by_quarter(rows),
    )


def stored_figures(facts: dict[str, Any]) -> dict[str, Any]:
    """The numbers the city report reads from an engagement's facts (Fact objects by
    key), stored beside its assessment; None when a fact is not known."""

    def value(key: str, *inside: str) -> Any:
        found = facts.get(key)
        found = found.value if found is not None else None
        for name in inside:
            found = found.get(name) if isinstance(found, dict) else None
        return found

    def number(found: Any, kind: type) -> Any:
        return kind(found) if isinstance(found, (int, float)) else None

    bindingness = value("bindingness")
    recurring = value("continuity", "recurring")
    return {
        "contributions": number(value("responses", "contributions"), int),
        "answered_share": number(value("responses", "answered_share"), float),
        "median_days_to_answer": number(
            value("responses", "median_days_to_respond"), float
        ),
        "options_adopted": number(value("resident_options_adopted"), int),
        "binding": None if bindingness is None else bindingness == "binding",
        "winners": number(value("delivery", "winners"), int),
        "implemented": number(value("delivery", "implemented"), int),
        "on_time": number(value("delivery", "on_time"), int),
        "recurring": None if recurring is None else bool(recurring),
        "longest_gap_days": number(value("continuity", "longest_gap_days"), float),
    }
