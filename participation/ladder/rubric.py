"""The rubric of LADDER.md: from an engagement's facts to the rung the evidence
supports (the conditions of ladder/conditions.py), with the caps applied
(ladder/caps.py), a confidence, the rung 1–2 candidate flags and the trace that
explains it (ladder/assessment.py).

Pure: no Flask, no database.
"""

from datetime import UTC, datetime
from typing import Any

from participation.core.rungs import rung
from participation.ladder.assessment import (
    RUNG_1_CANDIDATE,
    RUNG_2_CANDIDATE,
    UNVERIFIED_CLAIM,
    Assessment,
    Cap,
    Line,
)
from participation.ladder.caps import (
    RESPONSE_WINDOW_DAYS,
    after_the_fact,
    service_feedback,
    unanswered,
    undelivered,
    veto_or_appointed,
)
from participation.ladder.conditions import RULES, Reader
from participation.ladder.facts import Fact, Facts
from participation.markers import N_


def _named(number: int) -> dict[str, Any]:
    return {"rung": number, "name": rung(number).name}


# The rung chosen, the facts it rests on, the rungs held back (with their declared
# facts) and the demotion applied (a binding vote left undelivered).
Choice = tuple[int, tuple[str, ...], list[tuple[int, tuple[str, ...]]], tuple[Cap, ...]]


def _choose(r: Reader, now: datetime, trace: list[Line], flags: list[str]) -> Choice:
    """The highest rung whose conditions hold (above 4: on verified facts only); a
    binding vote left undelivered counts as 5, and lower rules still get their say."""
    held_back: list[tuple[int, tuple[str, ...]]] = []
    demoted: tuple[int, tuple[str, ...], Cap] | None = None
    for number, rule in RULES:
        if demoted and number <= demoted[0]:
            break
        holds, keys, why = rule(r)
        if not holds:
            assert why is not None  # a rule that does not hold says why
            trace.append(Line(why, _named(number), r.cited(*keys)))
            continue
        if number > 4 and not r.verified(keys):
            weak = tuple(k for k in keys if k in r.facts and not r.facts[k].verified)
            held_back.append((number, weak))
            trace.append(
                Line(
                    N_(
                        "Not %(rung)d %(name)s yet: its conditions hold on declared "
                        "facts only; documented or observed evidence is needed above "
                        "4."
                    ),
                    _named(number),
                    r.cited(*keys),
                )
            )
            continue
        trace.append(
            Line(
                N_("%(rung)d %(name)s: its conditions hold."),
                _named(number),
                r.cited(*keys),
            )
        )
        if number == 7:
            cap = undelivered(r, now, trace, flags)
            if cap:
                trace.append(cap.line)
                demoted = (cap.limit, keys, cap)
                continue
        return number, keys, held_back, ()
    if demoted:
        limit, keys, cap = demoted
        return limit, keys, held_back, (cap,)
    trace.append(
        Line(
            N_(
                "%(rung)d %(name)s: residents are told, with no channel that can "
                "change anything before the decision."
            ),
            _named(3),
            r.cited("input_kind", "decided_at"),
        )
    )
    depends = tuple(k for k in ("input_kind", "decided_at") if k in r.facts)
    return 3, depends, held_back, ()


def assess(
    kind: str,
    facts: Facts,
    claimed_rung: int | None = None,
    now: datetime | None = None,
    response_window_days: int = RESPONSE_WINDOW_DAYS,
    timezone: str = "UTC",
) -> Assessment:
    """The evidenced rung of an engagement of `kind` with these (merged) facts, the
    days without a time read in the city's `timezone` (ladder/timing.py)."""
    now = now or datetime.now(UTC)
    r = Reader(kind, facts, timezone)
    trace: list[Line] = []
    flags: list[str] = []
    chosen, depends, held_back, demotions = _choose(r, now, trace, flags)

    decided_first = after_the_fact(r)
    ignored, flag, line = unanswered(r, now, response_window_days)
    if line:
        trace.append(line)
    if flag:
        flags.append(flag)
    found = (decided_first, ignored, veto_or_appointed(r), service_feedback(kind))
    caps = [c for c in found if c is not None]

    final = min([chosen, *(c.limit for c in caps)])
    applied = demotions + tuple(c for c in caps if c.limit < chosen)
    # Every cap is shown in the trace (LADDER.md): those that lowered the rung, and
    # those that would stop it rising above where the rules left it.
    trace.extend(c.line for c in caps if c not in demotions and c.limit <= chosen)

    if r.value("purpose_persuasion") is True:
        flags.append(RUNG_2_CANDIDATE)
        trace.append(
            Line(
                N_(
                    "Candidate for %(rung)d %(name)s: the stated aim is to educate, "
                    "persuade or change behaviour; an evaluator decides."
                ),
                _named(2),
                r.cited("purpose_persuasion"),
            )
        )
    if r.value("endorsement_claimed") is True and r.decided_before_opening:
        flags.append(RUNG_1_CANDIDATE)
        trace.append(
            Line(
                N_(
                    "Candidate for %(rung)d %(name)s: the outcome is presented as "
                    "residents' endorsement of a decision taken before they were asked; "
                    "an evaluator decides."
                ),
                _named(1),
                r.cited("endorsement_claimed", "decided_at", "opens_at"),
            )
        )
    lifted = [number for number, _keys in held_back if number > final]
    if claimed_rung is not None and claimed_rung > max(final, 4) and lifted:
        flags.append(UNVERIFIED_CLAIM)

    present = [k for k in depends if k in facts]
    confidence = (
        sum(facts[k].verified for k in present) / len(present) if present else 0.0
    )
    return Assessment(
        rung=final,
        caps=applied,
        confidence=round(confidence, 3),
        flags=tuple(dict.fromkeys(flags)),
        trace=tuple(trace),
        depends_on=tuple(depends),
        held_back=tuple((n, keys) for n, keys in held_back if n > final),
        claimed_rung=claimed_rung,
    )


def fact(value: Any, provenance: str = "declared", evidence: str = "") -> Fact:
    """Shorthand for tests and callers."""
    return Fact(value, provenance, evidence)
