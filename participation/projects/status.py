"""Where a project stands: its phase, the next step and its date, when the city last
spoke and when residents were last asked; and the planners' nudge list of projects
gone silent or with questions left waiting."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, literal, select, union_all

from participation.budgeting.models import BudgetProcess
from participation.consultations.models import Consultation
from participation.core.models import (
    Engagement,
    Project,
    city_engagements,
    counted_moment,
)
from participation.extensions import db
from participation.projects.models import (
    Decision,
    ProjectAnswer,
    ProjectMilestone,
    ProjectQuestion,
    ProjectUpdate,
)
from participation.types import utcnow

SPOKE, ASKED = "spoke", "asked"


def contacts(now: datetime, project_ids=None):
    """Every moment the city spoke (update, decision, answer, published results or
    response report) or asked residents (an engagement opened), as rows of
    (project_id, at, what) — one union query, filtered to `project_ids` if given."""
    parts = [
        select(
            ProjectUpdate.project_id, ProjectUpdate.publish_at, literal(SPOKE)
        ).where(ProjectUpdate.publish_at <= now),
        select(Decision.project_id, Decision.decided_at, literal(SPOKE)).where(
            Decision.decided_at <= now
        ),
        select(
            ProjectQuestion.project_id, ProjectAnswer.created_at, literal(SPOKE)
        ).join(ProjectAnswer, ProjectAnswer.question_id == ProjectQuestion.id),
        *(
            select(model.project_id, at, literal(what)).where(
                at <= now, Engagement.counts_for_city
            )
            for model, at, what in (
                (
                    Consultation,
                    counted_moment(Consultation.results_published_at),
                    SPOKE,
                ),
                (Consultation, counted_moment(Consultation.report_published_at), SPOKE),
                (
                    BudgetProcess,
                    counted_moment(BudgetProcess.results_published_at),
                    SPOKE,
                ),
                (Engagement, counted_moment(Engagement.opens_at), ASKED),
            )
        ),
    ]
    if project_ids is not None:
        parts = [
            part.where(part.selected_columns[0].in_(project_ids)) for part in parts
        ]
    return union_all(*parts).subquery("contact")


def contact_dates(project_id: int, now: datetime | None = None) -> list[tuple]:
    """(at, "spoke" | "asked") of one project, oldest first."""
    now = now or utcnow()
    contact = contacts(now, [project_id])
    rows = db.session.execute(
        select(contact.c[1], contact.c[2]).order_by(contact.c[1])
    ).all()
    return [(at, what) for at, what in rows]


@dataclass
class NextStep:
    what: str  # milestone, opens, closes, decision
    at: datetime
    obj: Any


@dataclass
class Glance:
    status: str
    next_step: NextStep | None
    last_spoke: datetime | None
    last_asked: datetime | None


def next_step(project: Project, now: datetime) -> NextStep | None:
    """The soonest thing ahead: a planned milestone, an engagement opening or closing,
    or a decision an engagement informs."""
    candidates: list[NextStep] = []
    milestone = db.session.scalar(
        select(ProjectMilestone)
        .where(
            ProjectMilestone.project_id == project.id,
            ProjectMilestone.state == "planned",
            ProjectMilestone.due_at > now,
        )
        .order_by(ProjectMilestone.due_at)
        .limit(1)
    )
    if milestone:
        candidates.append(NextStep("milestone", milestone.due_at, milestone))
    for engagement in city_engagements(project.engagements):
        for what, at in (
            ("opens", engagement.opens_at),
            ("closes", engagement.closes_at),
            ("decision", engagement.decided_at),
        ):
            if at is not None and at > now:
                candidates.append(NextStep(what, at, engagement))
    return min(candidates, key=lambda step: step.at) if candidates else None


def glance(project: Project, now: datetime | None = None) -> Glance:
    """The project's status at a glance."""
    now = now or utcnow()
    contact = contacts(now, [project.id])
    latest = dict(
        db.session.execute(
            select(contact.c[2], func.max(contact.c[1])).group_by(contact.c[2])
        ).all()
    )
    return Glance(
        status=project.status,
        next_step=next_step(project, now),
        last_spoke=latest.get(SPOKE),
        last_asked=latest.get(ASKED),
    )


@dataclass
class Nudge:
    project: Project
    last_contact: datetime | None
    silent_days: int | None
    waiting_questions: int
    oldest_waiting_days: int | None
    # The first question waiting too long (its answer form is one click away).
    first_waiting_id: int | None = None


def nudge_list(now: datetime | None = None) -> list[Nudge]:
    """Projects silent for longer than PROJECT_SILENCE_DAYS (completed ones aside), or
    with questions unanswered for longer than QUESTION_ANSWER_DAYS; most urgent first."""
    now = now or utcnow()
    silence = timedelta(days=current_app.config["PROJECT_SILENCE_DAYS"])
    patience = timedelta(days=current_app.config["QUESTION_ANSWER_DAYS"])
    contact = contacts(now)
    last = dict(
        db.session.execute(
            select(contact.c[0], func.max(contact.c[1])).group_by(contact.c[0])
        ).all()
    )
    waiting = {
        project_id: (count, oldest, first_id)
        for project_id, count, oldest, first_id in db.session.execute(
            select(
                ProjectQuestion.project_id,
                func.count(),
                func.min(ProjectQuestion.created_at),
                func.min(ProjectQuestion.id),
            )
            .outerjoin(ProjectAnswer, ProjectAnswer.question_id == ProjectQuestion.id)
            .where(
                ProjectAnswer.id.is_(None),
                ProjectQuestion.kind == "question",
                ProjectQuestion.hidden_reason.is_(None),
                ProjectQuestion.created_at < now - patience,
            )
            .group_by(ProjectQuestion.project_id)
        )
    }
    nudges = []
    for project in db.session.scalars(select(Project).order_by(Project.id)):
        last_contact = last.get(project.id)
        since = last_contact or project.created_at
        silent = project.status != "completed" and now - since > silence
        count, oldest, first_id = waiting.get(project.id, (0, None, None))
        if silent or count:
            nudges.append(
                Nudge(
                    project=project,
                    last_contact=last_contact,
                    silent_days=(now - since).days if silent else None,
                    waiting_questions=count,
                    oldest_waiting_days=(now - oldest).days if oldest else None,
                    first_waiting_id=first_id,
                )
            )
    nudges.sort(key=lambda n: (-(n.oldest_waiting_days or 0), -(n.silent_days or 0)))
    return nudges
