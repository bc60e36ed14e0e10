"""The ladder on the platform's own engagements: their facts gathered from the three
places (planners' records, the features' observations, the dates), the evidenced rung
computed from them and kept fresh (the facts planners record: planners_facts.py)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from participation.core.models import City, Engagement
from participation.core.services import get_city
from participation.extensions import db
from participation.ladder import rubric, timing
from participation.ladder.assessment import Line
from participation.ladder.facts import (
    DECLARED,
    DOCUMENTED,
    FACT_KEYS,
    OBSERVED,
    Fact,
    merge,
)
from participation.ladder.figures import stored_figures
from participation.ladder.models import LadderAssessment, RecordedFact
from participation.ladder.observers import (
    observed_facts,
    recorded_decision,
    register_dependency,
)
from participation.types import utcnow

# The rubric's kinds of engagement.
KIND = {
    "issue_channel": "issue_channel",
    "consultation": "consultation",
    "budget_process": "budget",
    "meeting": "meeting",
}


def _dates(engagement: Engagement) -> list[tuple[str, Fact]]:
    """When it ran (the platform's record), and when the decision it informs was
    taken: documented by a recorded decision with its document (a day: the city day
    it was taken on), else declared (the planners' date and time)."""
    found = [("opens_at", Fact(engagement.opens_at, OBSERVED))]
    if engagement.closes_at is not None:
        found.append(("closes_at", Fact(engagement.closes_at, OBSERVED)))
    decision = recorded_decision(engagement)
    if decision is not None:
        decided_at, document_url = decision
        provenance = DOCUMENTED if document_url else DECLARED
        found.append(("decided_at", Fact(decided_at, provenance, document_url)))
    elif engagement.decided_at is not None:
        found.append(("decided_at", Fact(engagement.decided_at, DECLARED)))
    return found


def _recorded(engagement_id: int) -> list[tuple[str, Fact]]:
    rows = db.session.scalars(
        select(RecordedFact).where(RecordedFact.engagement_id == engagement_id)
    )
    return [(r.key, Fact(r.value, r.provenance, r.evidence)) for r in rows]


def _observed(engagement: Engagement) -> list[tuple[str, Fact]]:
    found = []
    for key, value in observed_facts(engagement).items():
        if key not in FACT_KEYS or value is None:
            continue
        found.append((key, value if isinstance(value, Fact) else Fact(value, OBSERVED)))
    return found


def facts_of(engagement: Engagement) -> dict[str, Fact]:
    """The merged facts: observed > documented > declared."""
    return merge(_recorded(engagement.id), _dates(engagement), _observed(engagement))


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def store_assessment(
    engagement: Engagement, facts: dict[str, Fact]
) -> LadderAssessment:
    timezone = get_city().timezone
    result = rubric.assess(
        KIND[engagement.kind],
        facts,
        claimed_rung=engagement.claimed_rung,
        timezone=timezone,
    )
    row = db.session.get(LadderAssessment, engagement.id) or LadderAssessment(
        engagement_id=engagement.id
    )
    row.rung, row.confidence = result.rung, result.confidence
    row.flags = list(result.flags)
    row.caps = [{"code": c.code, "limit": c.limit} for c in result.caps]
    row.trace = [
        {
            "template": line.template,
            "values": _jsonable(line.values),
            "facts": [list(pair) for pair in line.facts],
        }
        for line in result.trace
    ]
    row.held_back = [{"rung": n, "facts": list(keys)} for n, keys in result.held_back]
    row.facts = {
        key: {
            "value": _jsonable(fact.value),
            "provenance": fact.provenance,
            "evidence": fact.evidence,
        }
        for key, fact in facts.items()
    }
    for column, value in stored_figures(facts, timezone).items():
        setattr(row, column, value)
    row.computed_at, row.stale = utcnow(), False
    db.session.add(row)
    return row


def assessment_of(engagement: Engagement) -> LadderAssessment:
    """The engagement's evidenced rung, recomputed if anything it rests on changed."""
    row = db.session.get(LadderAssessment, engagement.id)
    if row is None or row.stale:
        row = store_assessment(engagement, facts_of(engagement))
        db.session.commit()
    return row


def assessments_for(engagements: list[Engagement]) -> dict[int, LadderAssessment]:
    """The assessments of these engagements (one query; missing or stale ones are
    recomputed)."""
    ids = [e.id for e in engagements]
    rows = (
        {
            row.engagement_id: row
            for row in db.session.scalars(
                select(LadderAssessment).where(LadderAssessment.engagement_id.in_(ids))
            )
        }
        if ids
        else {}
    )
    redo = [e for e in engagements if e.id not in rows or rows[e.id].stale]
    for engagement in redo:
        rows[engagement.id] = store_assessment(engagement, facts_of(engagement))
    if redo:
        db.session.commit()
    return rows


def refresh(all_of_them: bool = False) -> int:
    """Recompute stale (or all) assessments and those never made; returns how many."""
    query = select(Engagement).outerjoin(
        LadderAssessment, LadderAssessment.engagement_id == Engagement.id
    )
    if not all_of_them:
        query = query.where(
            (LadderAssessment.engagement_id.is_(None))
            | (LadderAssessment.stale.is_(True))
        )
    engagements = list(db.session.scalars(query))
    for engagement in engagements:
        store_assessment(engagement, facts_of(engagement))
    db.session.commit()
    return len(engagements)


def trace_lines(row: LadderAssessment) -> list[Line]:
    """The stored trace as lines to word in the reader's language (a day read back
    as a day, a moment as a moment)."""
    lines = []
    for item in row.trace:
        values = {
            k: timing.when(v) if k in ("decided", "opens") else v
            for k, v in item["values"].items()
        }
        lines.append(Line(item["template"], values, tuple(map(tuple, item["facts"]))))
    return lines


register_dependency(Engagement, lambda engagement: engagement.id)
register_dependency(RecordedFact, lambda fact: fact.engagement_id)
# Days are judged in the city's timezone: its settings touch every assessment.
register_dependency(City, lambda city: select(Engagement.id))
