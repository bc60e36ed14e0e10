"""A decision's public record: what was decided, by whom, when, with the document,
and what informed it — the engagements recorded with it, and the themes of "what we
heard, what we did" that led to it, each with its consultation. Declares the look-up
the other features read decisions through (core.decisions)."""

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select

from participation.consultations.models import Consultation, ReportTheme
from participation.core.decisions import Lookup, provide
from participation.core.models import Engagement
from participation.extensions import db
from participation.lookup import stored
from participation.projects.models import Decision


@dataclass
class DecisionRecord:
    decision: Decision
    # The themes that led to it, with their consultation, in the consultations' order.
    themes: list[tuple[ReportTheme, Consultation]]
    engagements: list[Engagement]


def get_decision(decision_id: int) -> Decision:
    return stored(Decision, decision_id, "decision")


def decision_record(decision_id: int) -> DecisionRecord:
    """A decision with the themes and engagements that informed it."""
    decision = get_decision(decision_id)
    themes = [
        (theme, consultation)
        for theme, consultation in db.session.execute(
            select(ReportTheme, Consultation)
            .join(Consultation, Consultation.id == ReportTheme.consultation_id)
            .where(ReportTheme.decision_id == decision.id)
            .order_by(Consultation.opens_at, Consultation.id, ReportTheme.position)
        ).all()
    ]
    return DecisionRecord(decision, themes, list(decision.engagements))


def _of_project(project_id: int) -> list[Decision]:
    return list(
        db.session.scalars(
            select(Decision)
            .where(Decision.project_id == project_id)
            .order_by(Decision.decided_at.desc(), Decision.id.desc())
        )
    )


def _by_ids(ids: Collection[int]) -> dict[int, Decision]:
    return {
        d.id: d
        for d in db.session.scalars(select(Decision).where(Decision.id.in_(ids)))
    }


provide(Lookup(of_project=_of_project, by_ids=_by_ids))
