"""The record of a project: decisions (what, by whom, when, with the document and the
engagements that informed them) and milestones (planned, reached or missed)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.permissions import require
from participation.core.audit import record_action, snapshot
from participation.core.checks import check_language, check_link, check_text
from participation.core.models import Engagement
from participation.core.services import get_project
from participation.errors import Invalid
from participation.extensions import db
from participation.lookup import stored
from participation.projects.follows import notify_followers
from participation.projects.models import MILESTONE_STATES, Decision, ProjectMilestone
from participation.projects.posts import check_engagements
from participation.types import utcnow

DECISION_FIELDS = ("title", "description", "decided_by", "decided_at", "document_url")
MILESTONE_FIELDS = ("title", "note", "due_at", "state", "reached_at")


@dataclass
class DecisionData:
    title: str
    decided_by: str
    decided_at: datetime | None
    description: str = ""
    document_url: str = ""
    engagement_ids: list[int] = field(default_factory=list)
    language: str = "en"


@dataclass
class MilestoneData:
    title: str
    due_at: datetime | None
    state: str = "planned"
    reached_at: datetime | None = None
    note: str = ""
    language: str = "en"


def _decision_errors(project_id: int, data: DecisionData) -> dict[str, str]:
    errors: dict[str, str] = {}
    data.title, data.decided_by = data.title.strip(), data.decided_by.strip()
    data.description = (data.description or "").strip()
    check_text(errors, "title", data.title, 200)
    check_text(errors, "decided_by", data.decided_by, 200)
    check_text(errors, "description", data.description, 10000, required=False)
    data.document_url = check_link(errors, "document_url", data.document_url)
    if data.decided_at is None:
        errors["decided_at"] = _("Give the date of the decision.")
    check_language(errors, data.language)
    check_engagements(errors, project_id, data.engagement_ids, "engagement_ids")
    return errors


def record_decision(actor: Any, project_id: int, data: DecisionData) -> Decision:
    """Record what was decided, by whom, when, with the document; followers are told."""
    project = get_project(project_id)
    require(actor, "post_project_updates", project)
    errors = _decision_errors(project_id, data)
    if errors:
        raise Invalid(errors)
    decision = Decision(
        project_id=project_id,
        title=data.title,
        description=data.description,
        decided_by=data.decided_by,
        decided_at=data.decided_at,
        document_url=data.document_url,
        language=data.language,
        recorded_by_id=actor.id,
    )
    if data.engagement_ids:
        decision.engagements = list(
            db.session.scalars(
                select(Engagement).where(Engagement.id.in_(data.engagement_ids))
            )
        )
    db.session.add(decision)
    db.session.flush()
    after = snapshot(decision, DECISION_FIELDS)
    after["engagement_ids"] = sorted(data.engagement_ids)
    record_action(actor, "decision.record", "decision", decision.id, None, after)
    project.updated_at = utcnow()
    notify_followers(project, actor.id, decision=decision)
    db.session.commit()
    return decision


def _milestone_errors(data: MilestoneData) -> dict[str, str]:
    errors: dict[str, str] = {}
    data.title, data.note = data.title.strip(), (data.note or "").strip()
    check_text(errors, "title", data.title, 200)
    check_text(errors, "note", data.note, 2000, required=False)
    if data.due_at is None:
        errors["due_at"] = _("Give the planned date.")
    if data.state not in MILESTONE_STATES:
        errors["state"] = _("Choose a state from the list.")
    elif data.state == "reached" and data.reached_at is None:
        errors["reached_at"] = _("Give the date the milestone was reached.")
    elif data.state == "reached" and data.reached_at > utcnow():
        errors["reached_at"] = _("A milestone cannot be reached in the future.")
    if data.state != "reached":
        data.reached_at = None
    check_language(errors, data.language)
    return errors


def add_milestone(actor: Any, project_id: int, data: MilestoneData) -> ProjectMilestone:
    """Add a step to the project's plan."""
    project = get_project(project_id)
    require(actor, "post_project_updates", project)
    errors = _milestone_errors(data)
    if errors:
        raise Invalid(errors)
    milestone = ProjectMilestone(project_id=project_id, **vars(data))
    db.session.add(milestone)
    db.session.flush()
    record_action(
        actor,
        "project_milestone.add",
        "project_milestone",
        milestone.id,
        None,
        snapshot(milestone, MILESTONE_FIELDS),
    )
    project.updated_at = utcnow()
    db.session.commit()
    return milestone


def get_milestone(milestone_id: int) -> ProjectMilestone:
    return stored(ProjectMilestone, milestone_id, "milestone")


def update_milestone(
    actor: Any, milestone_id: int, data: MilestoneData
) -> ProjectMilestone:
    """Move a milestone's date or mark it reached or missed."""
    milestone = get_milestone(milestone_id)
    require(actor, "post_project_updates", milestone.project)
    errors = _milestone_errors(data)
    if errors:
        raise Invalid(errors)
    before = snapshot(milestone, MILESTONE_FIELDS)
    for name, value in vars(data).items():
        setattr(milestone, name, value)
    record_action(
        actor,
        "project_milestone.update",
        "project_milestone",
        milestone.id,
        before,
        snapshot(milestone, MILESTONE_FIELDS),
    )
    milestone.project.updated_at = utcnow()
    db.session.commit()
    return milestone
