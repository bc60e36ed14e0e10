"""Planners' rules for projects and their engagements: create and change them (with
the permission check, the validation and the audit log)."""

from dataclasses import asdict, dataclass
from typing import Any

from flask_babel import gettext as _

from participation.auth.permissions import require
from participation.core.audit import record_action, snapshot
from participation.core.checks import check_district, check_language, check_text
from participation.core.models import (
    PROJECT_STATUSES,
    THEMES,
    Engagement,
    Project,
    engagement_class,
)
from participation.core.services import (
    EngagementData,
    engagement_errors,
    get_engagement,
    get_project,
)
from participation.errors import Invalid
from participation.extensions import db
from participation.types import utcnow

PROJECT_FIELDS = [
    "title",
    "summary",
    "description",
    "theme",
    "status",
    "district_id",
    "language",
]
ENGAGEMENT_FIELDS = [
    "kind",
    "title",
    "summary",
    "district_id",
    "opens_at",
    "closes_at",
    "decided_at",
    "claimed_rung",
    "claim_words",
    "language",
]


@dataclass
class ProjectData:
    title: str
    summary: str
    theme: str
    description: str = ""
    status: str = "planning"
    district_id: int | None = None
    language: str = "en"


def _validate_project(data: ProjectData) -> None:
    data.title, data.summary = data.title.strip(), data.summary.strip()
    errors: dict[str, str] = {}
    check_text(errors, "title", data.title, 200)
    check_text(errors, "summary", data.summary, 500)
    check_text(errors, "description", data.description, 20000, required=False)
    if data.theme not in THEMES:
        errors["theme"] = _("Choose a theme from the list.")
    if data.status not in PROJECT_STATUSES:
        errors["status"] = _("Choose a status from the list.")
    check_district(errors, data.district_id)
    check_language(errors, data.language)
    if errors:
        raise Invalid(errors)


def _validate_engagement(data: EngagementData) -> None:
    errors = engagement_errors(data)
    if errors:
        raise Invalid(errors)


def create_project(actor: Any, data: ProjectData) -> Project:
    """Create a project (planners)."""
    require(actor, "create_project")
    _validate_project(data)
    project = Project(**asdict(data), created_by_id=actor.id)
    db.session.add(project)
    db.session.flush()
    record_action(
        actor,
        "project.create",
        "project",
        project.id,
        None,
        snapshot(project, PROJECT_FIELDS),
    )
    db.session.commit()
    return project


def update_project(actor: Any, project_id: int, data: ProjectData) -> Project:
    """Change a project's details (planners)."""
    project = get_project(project_id)
    require(actor, "edit_project", project)
    _validate_project(data)
    before = snapshot(project, PROJECT_FIELDS)
    for field, value in asdict(data).items():
        setattr(project, field, value)
    record_action(
        actor,
        "project.update",
        "project",
        project.id,
        before,
        snapshot(project, PROJECT_FIELDS),
    )
    db.session.commit()
    return project


def create_engagement(actor: Any, project_id: int, data: EngagementData) -> Engagement:
    """Add an engagement of the given kind to a project (planners)."""
    project = get_project(project_id)
    require(actor, "create_engagement", project)
    _validate_engagement(data)
    engagement = engagement_class(data.kind)(
        **{k: v for k, v in asdict(data).items() if k != "kind"},
        project=project,
        created_by_id=actor.id,
    )
    db.session.add(engagement)
    project.updated_at = utcnow()
    db.session.flush()
    record_action(
        actor,
        "engagement.create",
        "engagement",
        engagement.id,
        None,
        snapshot(engagement, ENGAGEMENT_FIELDS),
    )
    db.session.commit()
    return engagement


def update_engagement(
    actor: Any, engagement_id: int, data: EngagementData
) -> Engagement:
    """Change an engagement's details; its kind is fixed at creation."""
    engagement = get_engagement(engagement_id)
    require(actor, "edit_engagement", engagement)
    if data.kind != engagement.kind:
        raise Invalid({"kind": _("The kind of an engagement cannot be changed.")})
    _validate_engagement(data)
    before = snapshot(engagement, ENGAGEMENT_FIELDS)
    for field, value in asdict(data).items():
        if field != "kind":
            setattr(engagement, field, value)
    record_action(
        actor,
        "engagement.update",
        "engagement",
        engagement.id,
        before,
        snapshot(engagement, ENGAGEMENT_FIELDS),
    )
    db.session.commit()
    return engagement
