"""The facts planners record about an engagement themselves (declared, or documented
with their evidence), checked like a facts document and audited."""

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.permissions import require
from participation.core.audit import record_action
from participation.core.checks import check_link
from participation.core.services import get_engagement
from participation.errors import Invalid
from participation.extensions import db
from participation.ladder import document
from participation.ladder.facts import DECLARED, DOCUMENTED
from participation.ladder.models import RecordedFact
from participation.ladder.services import KIND, facts_of, store_assessment
from participation.ladder.wording import problem_message
from participation.types import utcnow

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
    store_assessment(engagement, facts_of(engagement))
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
    store_assessment(engagement, facts_of(engagement))
    db.session.commit()


def recorded_facts(engagement_id: int) -> dict[str, RecordedFact]:
    return {
        row.key: row
        for row in db.session.scalars(
            select(RecordedFact).where(RecordedFact.engagement_id == engagement_id)
        )
    }
