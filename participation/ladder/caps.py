"""The caps of LADDER.md: what holds an engagement's rung down whatever conditions
hold (a decision taken before opening, inputs left unanswered, an official veto or
appointed members, service feedback, a binding vote left undelivered), each with the
sentence of the trace that says so.

Pure: no Flask, no database.
"""

from datetime import datetime

from participation.ladder import timing
from participation.ladder.assessment import (
    DELIVERY_PENDING,
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


def undelivered(r: Reader, trace: list[Line], flags: list[str]) -> Cap | None:
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
