"""The rubric of LADDER.md: from an engagement's facts to the rung the evidence
supports, with the caps applied, a confidence, the rung 1–2 candidate flags and the
trace that explains it.

Pure: no Flask, no database. Every sentence of the trace is a template marked with
N_ and its values, so the pages translate it and the API sends it in English.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from participation.ladder.conditions import RULES, Reader, moment
from participation.ladder.facts import Fact, Facts
from participation.ladder.rungs import rung
from participation.markers import N_

RESPONSE_WINDOW_DAYS = 60

# Flags an assessment can carry.
RUNG_1_CANDIDATE = "rung_1_candidate"
RUNG_2_CANDIDATE = "rung_2_candidate"
UNVERIFIED_CLAIM = "unverified_claim"
UNANSWERED_INPUTS = "unanswered_inputs"
DELIVERY_PENDING = "delivery_pending"
FLAGS = (
    RUNG_1_CANDIDATE,
    RUNG_2_CANDIDATE,
    UNVERIFIED_CLAIM,
    UNANSWERED_INPUTS,
    DELIVERY_PENDING,
)


@dataclass(frozen=True)
class Line:
    """One sentence of the trace: a template, its values, and the facts it rests on
    as (key, provenance) pairs."""

    template: str
    values: dict[str, Any] = field(default_factory=dict)
    facts: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        """The sentence in English (dates as ISO days)."""
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
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _named(number: int) -> dict[str, Any]:
    return {"rung": number, "name": rung(number).name}


def _undelivered(r: Reader, trace: list[Line], flags: list[str]) -> Cap | None:
    """For a binding vote: winners not delivered in the promised window (a cap), or
    the window still open (a flag)."""
    delivery = r.value("delivery")
    if not (r.direct_vote and isinstance(delivery, dict)):
        return None
    if delivery.get("pending"):
        flags.append(DELIVERY_PENDING)
        trace.append(
            Line(
                N_("Delivery pending: the promised window has not ended."),
                {},
                r.cited("delivery"),
            )
        )
        return None
    if (delivery.get("share_implemented") or 0) >= 1:
        return None
    return Cap(
        "power_on_paper",
        5,
        Line(
            N_(
                "7 becomes 5: the winners were not delivered within the promised "
                "window (power on paper)."
            ),
            {},
            r.cited("delivery"),
        ),
    )


# The rung chosen, the facts it rests on, the rungs held back (with their declared
# facts) and the demotion applied (a binding vote left undelivered).
Choice = tuple[int, tuple[str, ...], list[tuple[int, tuple[str, ...]]], tuple[Cap, ...]]


def _choose(r: Reader, trace: list[Line], flags: list[str]) -> Choice:
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
            cap = _undelivered(r, trace, flags)
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


def _responses(
    r: Reader, now: datetime, window: int
) -> tuple[Cap | None, str | None, Line | None]:
    """(cap or None, flag or None, line or None) from the responses to inputs."""
    responses = r.value("responses")
    if not isinstance(responses, dict):
        return None, None, None
    count = int(responses.get("contributions") or 0)
    share = responses.get("answered_share")
    if not count or share is None:
        return None, None, None
    median = responses.get("median_days_to_respond")
    line = Line(
        N_("%(percent)d %% of %(count)d inputs answered, median %(days)s days."),
        {
            "percent": round(share * 100),
            "count": count,
            "days": "—" if median is None else round(median, 1),
        },
        r.cited("responses"),
    )
    closes = moment(r.value("closes_at"))
    over = closes is not None and closes + timedelta(days=window) <= now
    if share == 0 and over:
        cap = Cap(
            "unanswered",
            3,
            Line(
                N_(
                    "At most 3: none of the %(count)d inputs was answered within %(days)d "
                    "days of closing."
                ),
                {"count": count, "days": window},
                r.cited("responses", "closes_at"),
            ),
        )
        return cap, UNANSWERED_INPUTS, line
    return None, UNANSWERED_INPUTS if share < 0.5 else None, line


def assess(
    kind: str,
    facts: Facts,
    claimed_rung: int | None = None,
    now: datetime | None = None,
    response_window_days: int = RESPONSE_WINDOW_DAYS,
) -> Assessment:
    """The evidenced rung of an engagement of `kind` with these (merged) facts."""
    now = now or datetime.now(UTC)
    r = Reader(kind, facts)
    trace: list[Line] = []
    caps: list[Cap] = []
    flags: list[str] = []
    chosen, depends, held_back, demotions = _choose(r, trace, flags)

    if r.decided_before_opening:
        caps.append(
            Cap(
                "after_the_fact",
                3,
                Line(
                    N_(
                        "At most 3: the decision (%(decided)s) came before the engagement "
                        "opened (%(opens)s)."
                    ),
                    {
                        "decided": moment(r.value("decided_at")),
                        "opens": moment(r.value("opens_at")),
                    },
                    r.cited("decided_at", "opens_at"),
                ),
            )
        )
    cap, flag, line = _responses(r, now, response_window_days)
    if line:
        trace.append(line)
    if cap:
        caps.append(cap)
    if flag:
        flags.append(flag)
    if r.part("board", "official_veto", False) or r.part("board", "selection") == (
        "appointed"
    ):
        caps.append(
            Cap(
                "veto_or_appointed",
                5,
                Line(
                    N_(
                        "At most 5: officials can veto the outcome, or the city appointed the "
                        "resident members."
                    ),
                    {},
                    r.cited("board"),
                ),
            )
        )
    if kind == "issue_channel":
        caps.append(
            Cap(
                "service_feedback",
                4,
                Line(
                    N_(
                        "At most 4: an issue-reporting channel is service feedback, judged on "
                        "its response and fix rates."
                    ),
                    {},
                    (),
                ),
            )
        )

    final = min([chosen, *(c.limit for c in caps)])
    applied = demotions + tuple(c for c in caps if c.limit < chosen)
    trace.extend(c.line for c in applied if c not in demotions)

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
