"""The facts of an engagement (LADDER.md), each with its provenance, and how facts from
planners, documents and the platform's own records are merged.

Pure: no Flask, no database.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DECLARED, DOCUMENTED, OBSERVED = "declared", "documented", "observed"
PROVENANCES = (DECLARED, DOCUMENTED, OBSERVED)
# Observed beats documented beats declared when several sources give one fact.
STRENGTH = {DECLARED: 0, DOCUMENTED: 1, OBSERVED: 2}

FACT_KEYS = (
    "initiated_by",
    "entry_stage",
    "opens_at",
    "closes_at",
    "decided_at",
    "input_kind",
    "residents_set_options",
    "resident_options_adopted",
    "bindingness",
    "delegated_scope",
    "board",
    "agreement",
    "resident_funds_control",
    "responses",
    "delivery",
    "continuity",
    "purpose_persuasion",
    "endorsement_claimed",
)

KINDS = ("issue_channel", "consultation", "budget", "meeting")
INITIATORS = ("city", "residents", "jointly")
ENTRY_STAGES = ("problem_definition", "options", "decision", "implementation")
INPUT_KINDS = ("none", "choice", "feedback", "proposals", "deliberation", "vote")
BINDINGNESS = ("binding", "respond_to_every_input", "advisory")
SELECTIONS = ("elected", "lottery", "self_selected", "appointed")


@dataclass(frozen=True)
class Fact:
    """One fact: its value, where it comes from, and the link or reference behind it."""

    value: Any
    provenance: str = DECLARED
    evidence: str = ""

    @property
    def verified(self) -> bool:
        """Documented or observed: strong enough to lift a rung above 4."""
        return self.provenance in (DOCUMENTED, OBSERVED)


Facts = Mapping[str, Fact]


def merge(*sources: Iterable[tuple[str, Fact]]) -> dict[str, Fact]:
    """One fact per key: the strongest provenance wins (observed > documented >
    declared); between equals, the later source. A None value gives nothing."""
    merged: dict[str, Fact] = {}
    for source in sources:
        for key, fact in source:
            if fact.value is None:
                continue
            held = merged.get(key)
            if held is None or STRENGTH[fact.provenance] >= STRENGTH[held.provenance]:
                merged[key] = fact
    return merged


def observed(values: Mapping[str, Any], evidence: str = "") -> list[tuple[str, Fact]]:
    """A feature's observations (key -> value) as observed facts."""
    return [
        (key, Fact(value, OBSERVED, evidence))
        for key, value in values.items()
        if key in FACT_KEYS
    ]
