"""The ladder on the platform's own engagements: their facts gathered from the three
places (planners' records, the features' observations, the dates), the evidenced rung
computed from them and kept fresh, and the facts planners record."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.permissions import require
from participation.core.audit import record_action
from participation.core.checks import check_link
from participation.core.models import Engagement
from participation.core.services import get_engagement
from participation.errors import Invalid
from participation.extensions import db
from participation.ladder import document, rubric
from participation.ladder.assessment import Line
from participation.ladder.conditions import moment
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
# The facts planners record themselves (the others are observed).
RECORDABLE = (
    "initiated_by",
    "entry_stage",
    "input_kind",
    "residents_set_options",
    "bindingness",
    "delegated_scope",
    "board",
    "agreement",
    "resident_funds_control",
    "purpose_persuasion",
    "endorsement_claimed",
)


def _dates(engagement: Engagement) -> list[tuple[str, Fact]]:
    """When it ran (the platform's record), and when the decision it informs was
    taken: documented by a recorded decision with its document, else declared."""
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


def _store(engagement: Engagement, facts: dict[str, Fact]) -> LadderAssessment:
    result = rubric.assess(
        KIND[engagement.kind], facts, claimed_rung=engagement.claimed_rung
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
    for column, value in stored_figures(facts).items():
        setattr(row, column, value)
    row.computed_at, row.stale = utcnow(), False
    db.session.add(row)
    return row


def assessment_of(engagement: Engagement) -> LadderAssessment:
    """The engagement's evidenced rung, recomputed if anything it rests on changed."""
    row = db.session.get(LadderAssessment, engagement.id)
    if row is None or row.stale:
        row = _store(engagement, facts_of(engagement))
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
        rows[engagement.id] = _store(engagement, facts_of(engagement))
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
        _store(engagement, facts_of(engagement))
    db.session.commit()
    return len(engagements)


def trace_lines(row: LadderAssessment) -> list[Line]:
    """The stored trace as lines to word in the reader's language."""
    lines = []
    for item in row.trace:
        values = {
            k: moment(v) if k in ("decided", "opens") else v
            for k, v in item["values"].items()
        }
        lines.append(Line(item["template"], values, tuple(map(tuple, item["facts"]))))
    return lines


@dataclass
class FactData:
    key: str
    value: Any
    provenance: str = DECLARED
    evidence: str = ""


def record_fact(actor: Any, engagement_id: int, data: FactData) -> RecordedFact:
    """A planner records (or replaces) one fact about an engagement."""
    engagement = get_engagement(engagement_id)
    require(actor, "record_ladder_facts", engagement)
    errors: dict[str, str] = {}
    if data.key not in RECORDABLE:
        errors["key"] = _("Choose a fact from the list.")
    if data.provenance not in (DECLARED, DOCUMENTED):
        errors["provenance"] = _("Choose declared or documented.")
    evidence = (data.evidence or "").strip()
    if data.provenance == DOCUMENTED and not evidence:
        errors["evidence"] = _(
            "A documented fact needs its evidence: a link or a reference."
        )
    if evidence.startswith(("http://", "https://")):
        evidence = check_link(errors, "evidence", evidence, 2000)
    if not errors:
        candidate = {
            "kind": KIND[engagement.kind],
            "facts": {
                data.key: {
                    "value": data.value,
                    "provenance": data.provenance,
                    "evidence": evidence or "-",
                }
            },
        }
        from participation.ladder.wording import problem_message

        for _field, code, values in document.problems(candidate):
            errors["value"] = problem_message(code, values)
    if errors:
        raise Invalid(errors)
    row = db.session.scalar(
        select(RecordedFact).where(
            RecordedFact.engagement_id == engagement_id, RecordedFact.key == data.key
        )
    )
    before = None
    if row is None:
        row = RecordedFact(engagement_id=engagement_id, key=data.key)
        db.session.add(row)
    else:
        before = {"value": row.value, "provenance": row.provenance}
    row.value, row.provenance, row.evidence = data.value, data.provenance, evidence
    row.recorded_by_id, row.recorded_at = actor.id, utcnow()
    db.session.flush()
    record_action(
        actor,
        "ladder_fact.record",
        "engagement",
        engagement_id,
        before,
        {
            "key": data.key,
            "value": data.value,
            "provenance": data.provenance,
            "evidence": evidence,
        },
    )
    _store(engagement, facts_of(engagement))
    db.session.commit()
    return row


def remove_fact(actor: Any, engagement_id: int, key: str) -> None:
    """A planner withdraws a recorded fact."""
    engagement = get_engagement(engagement_id)
    require(actor, "record_ladder_facts", engagement)
    row = db.session.scalar(
        select(RecordedFact).where(
            RecordedFact.engagement_id == engagement_id, RecordedFact.key == key
        )
    )
    if row is None:
        return
    record_action(
        actor,
        "ladder_fact.remove",
        "engagement",
        engagement_id,
        {"key": key, "value": row.value, "provenance": row.provenance},
        None,
    )
    db.session.delete(row)
    db.session.flush()
    _store(engagement, facts_of(engagement))
    db.session.commit()


def recorded_facts(engagement_id: int) -> dict[str, RecordedFact]:
    return {
        row.key: row
        for row in db.session.scalars(
            select(RecordedFact).where(RecordedFact.engagement_id == engagement_id)
        )
    }


register_dependency(Engagement, lambda engagement: engagement.id)
register_dependency(RecordedFact, lambda fact: fact.engagement_id)
