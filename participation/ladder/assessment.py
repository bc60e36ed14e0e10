"""What the rubric gives: an engagement's assessment, the caps applied to it, its
flags and the trace that explains it.

Pure: no Flask, no database. Every sentence of the trace is a template marked with
N_ and its values, so the pages translate it and the API sends it in English.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from participation.core.rungs import rung

# Flags an assessment can carry.
RUNG_1_CANDIDATE = "rung_1_candidate"
RUNG_2_CANDIDATE = "rung_2_candidate"
UNVERIFIED_CLAIM = "unverified_claim"
UNANSWERED_INPUTS = "unanswered_inputs"
DELIVERY_PENDING = "delivery_pending"
NOT_ALL_DELIVERED = "not_all_delivered"
MOSTLY_LATE = "mostly_late"
FLAGS = (
    RUNG_1_CANDIDATE,
    RUNG_2_CANDIDATE,
    UNVERIFIED_CLAIM,
    UNANSWERED_INPUTS,
    DELIVERY_PENDING,
    NOT_ALL_DELIVERED,
    MOSTLY_LATE,
)


@dataclass(frozen=True)
class Line:
    """One sentence of the trace: a template, its values, and the facts it rests on
    as (key, provenance) pairs."""

    template: str
    values: dict[str, Any] = field(default_factory=dict)
    facts: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        """The sentence in English (days as YYYY-MM-DD, moments with their time)."""
        return self.template % {k: _plain(v) for k, v in self.values.items()}


@dataclass(frozen=True)
class Cap:
    code: str
    limit: int
    line: Line


@dataclass(frozen=True)
class Assessment:
    rung: int
    caps: tuple[Cap, ...]
    confidence: float
    flags: tuple[str, ...]
    trace: tuple[Line, ...]
    # The facts the assigned rung depends on.
    depends_on: tuple[str, ...]
    # What would lift it: (rung, facts to document) for rungs held back by
    # declared-only facts.
    held_back: tuple[tuple[int, tuple[str, ...]], ...]
    claimed_rung: int | None = None

    @property
    def name(self) -> str:
        return rung(self.rung).name

    @property
    def tier(self) -> str:
        return rung(self.rung).tier

    @property
    def gap(self) -> int | None:
        """How far the claim is above the evidence (negative: below)."""
        return None if self.claimed_rung is None else self.claimed_rung - self.rung


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value
