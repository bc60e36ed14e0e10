"""The caps of LADDER.md: what holds an engagement's rung down whatever conditions
hold (a decision taken before opening, inputs left unanswered, an official veto or
appointed members, service feedback, a binding vote left undelivered), each with the
sentence of the trace that says so.

Pure: no Flask, no database.
"""

import math
from datetime import datetime
from typing import Any

from participation.ladder import timing
from participation.ladder.assessment import (
    DELIVERY_PENDING,
    MOSTLY_LATE,
    NOT_ALL_DELIVERED,
    UNANSWERED_INPUTS,
    Cap,
    Line,
)
from participation.ladder.conditions import Reader
from participation.markers import N_

RESPONSE_WINDOW_DAYS = 60


def after_the_fact(r: Reader) -> Cap | None:
    """At most 3 when the decision came before the engagement opened."""
    if not r.decided_before_opening:
        return None
    decided, opens = r.when("decided_at"), r.when("opens_at")
    assert decided is not None and opens is not None  # decided before opening
    # Days when either side is a day (that is what was compared), else moments.
    as_day = not (timing.has_time(decided) and timing.has_time(opens))
    return Cap(
        "after_the_fact",
        3,
        Line(
            N_(
                "At most 3: the decision (%(decided)s) came before the engagement "
                "opened (%(opens)s)."
            ),
            {
                "decided": timing.shown(decided, r.timezone, as_day),
                "opens": timing.shown(opens, r.timezone, as_day),
            },
            r.cited("decided_at", "opens_at"),
        ),
    )


def unanswered(
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
    closes = r.when("closes_at")
    over = closes is not None and timing.days_between(closes, now, r.timezone) >= window
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


# A binding vote keeps its rung when at least this share of the winners (by money
# where their costs are known, else by count) was implemented or funded.
DELIVERED_ENOUGH = 0.8


def _share(given: object, part: object, whole: object) -> float | None:
    """A share as given, else part / whole when both are counts."""
    if isinstance(given, (int, float)):
        return float(given)
    if isinstance(part, int) and isinstance(whole, int) and whole > 0:
        return part / whole
    return None


def delivery_shares(delivery: dict[str, Any]) -> tuple[float | None, float | None, str]:
    """(share implemented, share on time, "money" or "count") of a delivery fact:
    the shares as given (by money when `measured_by` says so), else from the
    counts."""
    winners = delivery.get("winners")
    implemented = _share(
        delivery.get("share_implemented"), delivery.get("implemented"), winners
    )
    on_time = _share(delivery.get("share_on_time"), delivery.get("on_time"), winners)
    given = delivery.get("share_implemented") is not None
    measured = delivery.get("measured_by") if given else None
    return implemented, on_time, "money" if measured == "money" else "count"


def _percent(share: float) -> int:
    # Down, so that 79.6 % reads 79 % (under 80) and 99.5 % never reads 100 %.
    return math.floor(share * 100 + 1e-9)


def _pending(
    r: Reader, delivery: dict[str, Any], share: float | None, now: datetime
) -> bool:
    """Before the promised window has ended (and not everything is delivered)."""
    if delivery.get("pending"):
        return True
    promised = delivery.get("promised_by")
    try:
        by = timing.when(promised)
    except ValueError:
        return False
    return (
        by is not None
        and (share is None or share < 1)
        and timing.day_of(now, r.timezone) <= timing.day_of(by, r.timezone)
    )


SHARES_LINES = {
    ("money", True): N_(
        "%(delivered)d %% of the winners' money delivered, %(on_time)d %% on time."
    ),
    ("money", False): N_("%(delivered)d %% of the winners' money delivered."),
    ("count", True): N_(
        "%(delivered)d %% of the winners delivered, %(on_time)d %% on time."
    ),
    ("count", False): N_("%(delivered)d %% of the winners delivered."),
}


def undelivered(
    r: Reader, now: datetime, trace: list[Line], flags: list[str]
) -> Cap | None:
    """For a binding vote, once the promised window has ended: under 80 % of the
    winners delivered turns 7 into 5 (a cap); 80 % or more keeps the rung, flagged
    when not all were delivered or under half on time. Before the window has
    ended: delivery pending (a flag)."""
    delivery = r.value("delivery")
    if not (r.direct_vote and isinstance(delivery, dict)):
        return None
    share, on_time, measured = delivery_shares(delivery)
    if _pending(r, delivery, share, now):
        flags.append(DELIVERY_PENDING)
        trace.append(
            Line(
                N_("Delivery pending: the promised window has not ended."),
                {},
                r.cited("delivery"),
            )
        )
        return None
    if share is None:  # nothing known of what was delivered
        return None
    values = {"delivered": _percent(share)}
    if on_time is not None:
        values["on_time"] = _percent(on_time)
    trace.append(
        Line(SHARES_LINES[(measured, on_time is not None)], values, r.cited("delivery"))
    )
    if on_time is not None and on_time < 0.5:
        flags.append(MOSTLY_LATE)
    if share >= DELIVERED_ENOUGH:
        if share < 1:
            flags.append(NOT_ALL_DELIVERED)
        return None
    return Cap(
        "power_on_paper",
        5,
        Line(
            N_(
                "7 becomes 5: %(delivered)d %% of the winners were delivered once "
                "the promised window had ended, under the %(limit)d %% that keeps "
                "the rung (power on paper)."
            ),
            {"delivered": _percent(share), "limit": round(DELIVERED_ENOUGH * 100)},
            r.cited("delivery"),
        ),
    )


def veto_or_appointed(r: Reader) -> Cap | None:
    """At most 5 when officials can veto the outcome or appointed the residents."""
    if not (
        r.part("board", "official_veto", False)
        or r.part("board", "selection") == "appointed"
    ):
        return None
    return Cap(
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


def service_feedback(kind: str) -> Cap | None:
    """At most 4 for an issue-reporting channel."""
    if kind != "issue_channel":
        return None
    return Cap(
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
