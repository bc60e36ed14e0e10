"""Continuity, observed for the ladder: how a project kept talking with its residents
over its life. Every engagement of the project carries these facts."""

import itertools
import statistics
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from participation.core.clock import city_day
from participation.core.models import Engagement, Project
from participation.core.services import get_city
from participation.extensions import db
from participation.ladder import timing
from participation.ladder.freshness import project_engagements
from participation.ladder.observers import (
    register_decision_record,
    register_dependency,
    register_project_observer,
)
from participation.projects.models import (
    Decision,
    ProjectAnswer,
    ProjectMilestone,
    ProjectQuestion,
    ProjectUpdate,
    decision_engagement,
)
from participation.projects.status import contact_dates
from participation.types import utcnow


def longest_gap_days(start: datetime, moments: list[datetime], end: datetime) -> float:
    """The longest stretch without contact between the project's start and `end`."""
    points = [start, *sorted(m for m in moments if start <= m <= end), end]
    return max(
        ((b - a).total_seconds() / 86400 for a, b in itertools.pairwise(points)),
        default=0.0,
    )


def _decisions_with_residents_before(project_id: int) -> list[dict[str, Any]]:
    """For each decision: whether residents were asked before it was taken (one of the
    engagements that informed it, or else any engagement of the project, opened
    before the decision: a decision is a day, so on its day or earlier, as the
    ladder judges it, ladder/timing.py)."""
    tz = get_city().timezone
    decisions = db.session.execute(
        select(Decision.id, Decision.decided_at).where(
            Decision.project_id == project_id
        )
    ).all()
    linked: dict[int, list[datetime]] = {}
    for decision_id, opens_at in db.session.execute(
        select(decision_engagement.c.decision_id, Engagement.opens_at)
        .join(Engagement, Engagement.id == decision_engagement.c.engagement_id)
        .join(Decision, Decision.id == decision_engagement.c.decision_id)
        .where(Decision.project_id == project_id)
    ):
        linked.setdefault(decision_id, []).append(opens_at)
    openings = list(
        db.session.scalars(
            select(Engagement.opens_at).where(
                Engagement.project_id == project_id, Engagement.counts_for_city
            )
        )
    )
    return [
        {
            "decision_id": decision_id,
            "residents_before": any(
                timing.decided_before_opening(city_day(decided_at, tz), opens, tz)
                is False
                for opens in linked.get(decision_id, openings)
            ),
        }
        for decision_id, decided_at in decisions
    ]


def _answers(project_id: int) -> tuple[int, list[float]]:
    rows = db.session.execute(
        select(ProjectQuestion.created_at, ProjectAnswer.created_at)
        .outerjoin(ProjectAnswer, ProjectAnswer.question_id == ProjectQuestion.id)
        .where(
            ProjectQuestion.project_id == project_id,
            ProjectQuestion.kind == "question",
            ProjectQuestion.hidden_reason.is_(None),
        )
    ).all()
    delays = [
        (answered - asked).total_seconds() / 86400
        for asked, answered in rows
        if answered
    ]
    return len(rows), delays


def continuity(project: Project, now: datetime | None = None) -> dict[str, Any]:
    """The continuity facts of LADDER.md for a project."""
    now = now or utcnow()
    dates = contact_dates(project.id, now)
    engagements = db.session.scalar(
        select(func.count()).where(
            Engagement.project_id == project.id, Engagement.counts_for_city
        )
    )
    decisions = _decisions_with_residents_before(project.id)
    asked, delays = _answers(project.id)
    return {
        "engagements": engagements,
        "recurring": engagements > 1,
        "longest_gap_days": round(
            longest_gap_days(project.created_at, [at for at, _ in dates], now), 1
        ),
        "decisions": len(decisions),
        "decisions_with_residents_before": sum(
            d["residents_before"] for d in decisions
        ),
        "decision_details": decisions,
        "questions": asked,
        "questions_answered_share": round(len(delays) / asked, 3) if asked else None,
        "median_answer_days": round(statistics.median(delays), 1) if delays else None,
    }


@register_project_observer
def continuity_facts(engagement: Any) -> dict[str, Any]:
    """Each engagement inherits its project's continuity."""
    return {"continuity": continuity(engagement.project)}


@register_decision_record
def first_decision(engagement: Any) -> tuple[date, str | None] | None:
    """The earliest decision recorded in the thread that this engagement informed:
    the city day it was taken on (a decision is recorded as a day, not a time)."""
    row = db.session.execute(
        select(Decision.decided_at, Decision.document_url)
        .join(decision_engagement, decision_engagement.c.decision_id == Decision.id)
        .where(decision_engagement.c.engagement_id == engagement.id)
        .order_by(Decision.decided_at)
        .limit(1)
    ).first()
    if row is None:
        return None
    day = city_day(row.decided_at, get_city().timezone)
    assert day is not None  # a decision always has its date
    return day, row.document_url


# Continuity rests on the whole thread: any change touches every engagement.
for _model in (ProjectUpdate, Decision, ProjectMilestone, ProjectQuestion):
    register_dependency(_model, lambda row: project_engagements(row.project_id))
register_dependency(
    ProjectAnswer,
    lambda answer: select(Engagement.id).where(
        Engagement.project_id
        == select(ProjectQuestion.project_id)
        .where(ProjectQuestion.id == answer.question_id)
        .scalar_subquery()
    ),
)
