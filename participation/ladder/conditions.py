"""The conditions of each rung of LADDER.md (8 down to 4), read from an engagement's
facts: whether they hold, the facts they rest on, and why not.

Pure: no Flask, no database.
"""

from collections.abc import Callable
from typing import Any

from participation.ladder import timing
from participation.ladder.facts import Facts
from participation.markers import N_


class Reader:
    """The facts with the questions the rules ask of them, dates judged in the
    city's timezone."""

    def __init__(self, kind: str, facts: Facts, timezone: str = "UTC"):
        self.kind, self.facts, self.timezone = kind, facts, timezone

    def value(self, key: str, default: Any = None) -> Any:
        fact = self.facts.get(key)
        return default if fact is None else fact.value

    def part(self, key: str, name: str, default: Any = None) -> Any:
        value = self.value(key)
        return value.get(name, default) if isinstance(value, dict) else default

    def verified(self, keys: tuple[str, ...]) -> bool:
        return all(self.facts[k].verified for k in keys if k in self.facts)

    def cited(self, *keys: str) -> tuple[tuple[str, str], ...]:
        return tuple((k, self.facts[k].provenance) for k in keys if k in self.facts)

    @property
    def binding(self) -> bool:
        return self.value("bindingness") == "binding"

    @property
    def seats(self) -> tuple[int, int]:
        return (
            int(self.part("board", "resident_seats", 0) or 0),
            int(self.part("board", "total_seats", 0) or 0),
        )

    @property
    def resident_majority(self) -> bool:
        residents, total = self.seats
        return total > 0 and residents * 2 > total

    @property
    def direct_vote(self) -> bool:
        return self.value("input_kind") == "vote"

    @property
    def delegated(self) -> bool:
        scope = self.value("delegated_scope")
        try:
            return float(scope or 0) > 0
        except (TypeError, ValueError):
            return False

    def when(self, key: str) -> timing.When | None:
        """A date fact's value: a day or a moment (ladder/timing.py)."""
        return timing.when(self.value(key))

    @property
    def decided_before_opening(self) -> bool:
        """The decision came before the opening (ladder/timing.py)."""
        return (
            timing.decided_before_opening(
                self.when("decided_at"), self.when("opens_at"), self.timezone
            )
            is True
        )


# A rule answers (holds, the facts it rests on, why not).
Rule = Callable[[Reader], tuple[bool, tuple[str, ...], str | None]]


def _citizen_control(r: Reader):
    keys = ("bindingness", "board", "resident_funds_control")
    if not r.binding:
        return False, keys, N_("Not %(rung)d %(name)s: the outcome is not binding.")
    if not r.resident_majority:
        return (
            False,
            keys,
            N_(
                "Not %(rung)d %(name)s: residents hold no majority of the voting seats."
            ),
        )
    if r.value("resident_funds_control") is not True:
        return (
            False,
            keys,
            N_("Not %(rung)d %(name)s: no residents' body controls the funds."),
        )
    if r.part("board", "official_veto", False):
        return False, keys, N_("Not %(rung)d %(name)s: officials keep a veto.")
    return True, keys, None


def _delegated_power(r: Reader):
    route = "board" if r.resident_majority else "input_kind"
    keys = ("bindingness", "delegated_scope", route)
    if not r.binding:
        return False, keys, N_("Not %(rung)d %(name)s: the outcome is not binding.")
    if not r.delegated:
        return (
            False,
            keys,
            N_("Not %(rung)d %(name)s: nothing is placed under residents' decision."),
        )
    if not (r.resident_majority or r.direct_vote):
        return (
            False,
            keys,
            N_("Not %(rung)d %(name)s: neither a resident majority nor a direct vote."),
        )
    return True, keys, None


def _partnership(r: Reader):
    keys = ("agreement", "board")
    residents, total = r.seats
    if not r.value("agreement"):
        return (
            False,
            keys,
            N_("Not %(rung)d %(name)s: no negotiated agreement on shared rules."),
        )
    if r.part("board", "selection") not in ("elected", "lottery"):
        return (
            False,
            keys,
            N_(
                "Not %(rung)d %(name)s: resident members are not elected by their "
                "community or drawn by lot."
            ),
        )
    if total == 0 or residents * 2 < total:
        return (
            False,
            keys,
            N_("Not %(rung)d %(name)s: residents hold less than half of the seats."),
        )
    return True, keys, None


def _placation(r: Reader):
    if r.value("residents_set_options") is True:
        return True, ("residents_set_options",), None
    if r.seats[0] > 0:
        return True, ("board",), None
    return (
        False,
        ("residents_set_options", "board"),
        N_(
            "Not %(rung)d %(name)s: residents neither put options forward nor sit on a "
            "board."
        ),
    )


def _consultation(r: Reader):
    keys = ("input_kind", "opens_at", "decided_at")
    if r.value("input_kind") in (None, "none"):
        return (
            False,
            ("input_kind",),
            N_("Not %(rung)d %(name)s: no input is collected."),
        )
    if r.decided_before_opening:
        return (
            False,
            keys,
            N_("Not %(rung)d %(name)s: input is only collected after the decision."),
        )
    return True, keys, None


RULES: tuple[tuple[int, Rule], ...] = (
    (8, _citizen_control),
    (7, _delegated_power),
    (6, _partnership),
    (5, _placation),
    (4, _consultation),
)
