"""One engagement's figures as the city report reads them: the row (already
aggregated from the contributions in SQL), the quarter it opened in, the figures it
counts in (the report's drill-down) and the figures stored from its facts.

Pure: no Flask, no database.
"""

from dataclasses import dataclass
from datetime import datetime

from participation.ladder import timing
from participation.ladder.facts import Facts

CITIZEN_POWER = (6, 7, 8)


@dataclass(frozen=True)
class EngagementFigures:
    id: int
    kind: str
    project_id: int
    district_id: int | None
    opens_at: datetime
    closes_at: datetime | None
    claimed: int | None  # None: the planner made no claim
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
    recurring: bool = False  # its project engages residents again and again
    # Its timing as the rubric judged it (ladder/timing.py), from the decision the
    # rubric used; None when no decision date is known.
    decided_before_opening: bool | None = None
    lead_days: float | None = None
    # When the report dates it: its opening, or an attached import's attachment.
    counted_at: datetime | None = None

    @property
    def rung(self) -> int:
        """The rung the report counts: the evaluator's when reviewed, else evidenced."""
        return self.reviewed or self.evidenced

    @property
    def quarter(self) -> str:
        return quarter_label(quarter_number(self.counted_at or self.opens_at))


def quarter_number(moment: datetime) -> int:
    """The quarter a moment falls in as one number, year × 4 + (quarter − 1), as
    ladder/people.py stores it (people.quarter_of is the same in SQL)."""
    return moment.year * 4 + (moment.month - 1) // 3


def quarter_label(number: int) -> str:
    """2026-Q3 for the third quarter of 2026's number."""
    return f"{number // 4}-Q{number % 4 + 1}"


# The engagements behind each figure: one test per figure, used both to compute it
# and to list the engagements behind it (the report's drill-down).
def citizen_powered(r: EngagementFigures, now: datetime) -> bool:
    return r.rung in CITIZEN_POWER


def over_claimed(r: EngagementFigures, now: datetime) -> bool:
    return r.claimed is not None and r.claimed > r.evidenced


def claim_gap(r: EngagementFigures) -> int:
    """How far the claim is above the evidence (0 without a claim)."""
    return 0 if r.claimed is None else r.claimed - r.evidenced


def made_a_claim(r: EngagementFigures, now: datetime) -> bool:
    return r.claimed is not None


def no_claim(r: EngagementFigures, now: datetime) -> bool:
    return r.claimed is None


def dated(r: EngagementFigures, now: datetime) -> bool:
    """The decision's date is known, so its timing is judged."""
    return r.decided_before_opening is not None


def after_the_fact(r: EngagementFigures, now: datetime) -> bool:
    return r.decided_before_opening is True


def before_decision(r: EngagementFigures, now: datetime) -> bool:
    return r.decided_before_opening is False


def unanswered(r: EngagementFigures, now: datetime) -> bool:
    return r.contributions > r.answered


def closed(r: EngagementFigures, now: datetime) -> bool:
    return r.closes_at is not None and r.closes_at <= now


def without_report(r: EngagementFigures, now: datetime) -> bool:
    return closed(r, now) and r.report_published is False


def options_adopted(r: EngagementFigures, now: datetime) -> bool:
    return r.resident_options_adopted > 0


def binding_money(r: EngagementFigures, now: datetime) -> bool:
    return r.binding_money > 0


def with_winners(r: EngagementFigures, now: datetime) -> bool:
    return r.winners > 0


def not_on_time(r: EngagementFigures, now: datetime) -> bool:
    return r.winners > r.on_time


BEHIND = {
    "citizen_power": citizen_powered,
    "over_claim": over_claimed,
    "no_claim": no_claim,
    "after_the_fact": after_the_fact,
    "before_decision": before_decision,
    "unanswered": unanswered,
    "without_report": without_report,
    "options_adopted": options_adopted,
    "binding_money": binding_money,
    "delivery": with_winners,
    "not_on_time": not_on_time,
}


def behind(
    rows: list[EngagementFigures],
    now: datetime,
    figure: str | None = None,
    rung_number: int | None = None,
    quarter: str | None = None,
) -> list[EngagementFigures]:
    """The engagements behind a figure (BEHIND), a rung of the distribution and/or a
    quarter of the trend; all of them when none is given."""
    test = BEHIND.get(figure) if figure else None
    return [
        r
        for r in rows
        if (test is None or test(r, now))
        and (rung_number is None or r.rung == rung_number)
        and (quarter is None or r.quarter == quarter)
    ]


def stored_figures(
    facts: Facts, timezone: str = "UTC"
) -> dict[str, int | float | bool | None]:
    """The numbers the city report reads from an engagement's facts (Fact objects by
    key), stored beside its assessment; None when a fact is not known. Its timing is
    judged as the rubric judges it, days in the city's `timezone`."""

    def value(key: str, *inside: str) -> object:
        found = facts.get(key)
        found = found.value if found is not None else None
        for name in inside:
            found = found.get(name) if isinstance(found, dict) else None
        return found

    def number(found: object, kind: type[int] | type[float]) -> int | float | None:
        return kind(found) if isinstance(found, (int, float)) else None

    bindingness = value("bindingness")
    recurring = value("continuity", "recurring")
    when = timing.timing(
        value("opens_at"), value("closes_at"), value("decided_at"), timezone
    )
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
        "decided_before_opening": when.decided_before_opening,
        "closed_before_decision": when.closed_before_decision,
        "lead_days": when.lead_days,
    }
