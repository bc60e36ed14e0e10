"""What the city tells a project's residents: updates (now or scheduled), decisions
and milestones. Planners write them; every one is audited."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.permissions import can, require
from participation.core.audit import record_action, snapshot
from participation.core.models import Engagement
from participation.core.photos import clean_photo, store_photo
from participation.core.services import (
    check_language,
    check_link,
    check_text,
    get_project,
)
from participation.errors import Invalid, NotFound
from participation.extensions import db
from participation.projects.follows import notify_followers
from participation.projects.models import (
    MILESTONE_STATES,
    Decision,
    ProjectMilestone,
    ProjectUpdate,
)
from participation.types import utcnow

UPDATE_FIELDS = ("title", "body", "language", "publish_at", "engagement_id", "image")
DECISION_FIELDS = ("title", "description", "decided_by", "decided_at", "document_url")
MILESTONE_FIELDS = ("title", "note", "due_at", "state", "reached_at")


@dataclass
class UpdateData:
    title: str
    body: str
    language: str = "en"
    # None: publish now; a later moment: publish then.
    publish_at: datetime | None = None
    engagement_id: int | None = None
    image: bytes | None = None
    image_alt: str = ""


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


def _check_engagements(errors: dict, project_id: int, ids: list[int], name: str):
    if not ids:
        return
    found = set(
        db.session.scalars(
            select(Engagement.id).where(
                Engagement.id.in_(ids), Engagement.project_id == project_id
            )
        )
    )
    if found != set(ids):
        errors[name] = _("Choose engagements of this project from the list.")


def _update_errors(project_id: int, data: UpdateData, now: datetime) -> dict:
    errors: dict[str, str] = {}
    data.title, data.body = data.title.strip(), data.body.strip()
    data.image_alt = (data.image_alt or "").strip()
    check_text(errors, "title", data.title, 200)
    check_text(errors, "body", data.body, 20000)
    check_text(errors, "image_alt", data.image_alt, 300, required=False)
    if data.image and not data.image_alt:
        errors["image_alt"] = _("Describe the picture for people who cannot see it.")
    check_language(errors, data.language)
    if data.publish_at is not None and data.publish_at <= now:
        errors["publish_at"] = _("A scheduled time must be in the future.")
    ids = [data.engagement_id] if data.engagement_id else []
    _check_engagements(errors, project_id, ids, "engagement_id")
    return errors


def _cleaned_image(data: UpdateData) -> str | None:
    if not data.image:
        return None
    try:
        return store_photo(clean_photo(data.image))
    except Invalid as error:
        raise Invalid({"image": error.errors["photo"]}) from None


def post_update(actor: Any, project_id: int, data: UpdateData) -> ProjectUpdate:
    """Publish an update now (followers are told) or schedule it (told when due)."""
    project = get_project(project_id)
    require(actor, "post_project_updates", project)
    now = utcnow()
    errors = _update_errors(project_id, data, now)
    if errors:
        raise Invalid(errors)
    update = ProjectUpdate(
        project_id=project_id,
        title=data.title,
        body=data.body,
        language=data.language,
        engagement_id=data.engagement_id,
        image=_cleaned_image(data),
        image_alt=data.image_alt,
        author_id=actor.id,
        publish_at=data.publish_at or now,
    )
    db.session.add(update)
    db.session.flush()
    record_action(
        actor,
        "project_update.post",
        "project_update",
        update.id,
        None,
        snapshot(update, UPDATE_FIELDS),
    )
    if data.publish_at is None:
        _publish(update, now)
    db.session.commit()
    return update


def _publish(update: ProjectUpdate, now: datetime) -> None:
    update.notified_at = now
    update.project.updated_at = now
    notify_followers(update.project, update.author_id, update=update)


def get_update(update_id: int, viewer: Any = None) -> ProjectUpdate:
    """A published update, or a scheduled one for those who may post updates."""
    update = db.session.get(ProjectUpdate, update_id)
    if update is None:
        raise NotFound("update")
    if update.publish_at > utcnow():
        if not can(viewer, "post_project_updates", update.project):
            raise NotFound("update")
    return update


def edit_update(actor: Any, update_id: int, data: UpdateData) -> ProjectUpdate:
    """Correct an update (marked as edited once published); a scheduled one may move."""
    update = get_update(update_id, actor)
    require(actor, "post_project_updates", update.project)
    now = utcnow()
    published = update.publish_at <= now
    if published:
        data.publish_at = None
    errors = _update_errors(update.project_id, data, now)
    if errors:
        raise Invalid(errors)
    before = snapshot(update, UPDATE_FIELDS)
    update.title, update.body, update.language = data.title, data.body, data.language
    update.engagement_id = data.engagement_id
    if data.image:
        update.image = _cleaned_image(data)
    update.image_alt = data.image_alt if update.image else ""
    if published:
        update.edited_at = now
    elif data.publish_at is None:
        update.publish_at = now
        _publish(update, now)
    else:
        update.publish_at = data.publish_at
    record_action(
        actor,
        "project_update.edit",
        "project_update",
        update.id,
        before,
        snapshot(update, UPDATE_FIELDS),
    )
    db.session.commit()
    return update


def cancel_update(actor: Any, update_id: int) -> None:
    """Withdraw a scheduled update before it is published."""
    update = get_update(update_id, actor)
    require(actor, "post_project_updates", update.project)
    if update.publish_at <= utcnow():
        raise Invalid({"update": _("A published update cannot be withdrawn.")})
    record_action(
        actor,
        "project_update.cancel",
        "project_update",
        update.id,
        snapshot(update, UPDATE_FIELDS),
        None,
    )
    db.session.delete(update)
    db.session.commit()


def publish_due_updates(now: datetime | None = None) -> int:
    """Tell followers of every scheduled update whose time has come (run by cron)."""
    now = now or utcnow()
    due = db.session.scalars(
        select(ProjectUpdate)
        .where(ProjectUpdate.notified_at.is_(None), ProjectUpdate.publish_at <= now)
        .order_by(ProjectUpdate.publish_at)
    ).all()
    for update in due:
        _publish(update, now)
    db.session.commit()
    return len(due)


def scheduled_updates(project_id: int) -> list[ProjectUpdate]:
    """Updates waiting for their time (shown to planners only)."""
    return list(
        db.session.scalars(
            select(ProjectUpdate)
            .where(
                ProjectUpdate.project_id == project_id,
                ProjectUpdate.publish_at > utcnow(),
            )
            .order_by(ProjectUpdate.publish_at)
        )
    )


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
    _check_engagements(errors, project_id, data.engagement_ids, "engagement_ids")
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
    milestone = db.session.get(ProjectMilestone, milestone_id)
    if milestone is None:
        raise NotFound("milestone")
    return milestone


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


def milestones_of(project_id: int) -> list[ProjectMilestone]:
    return list(
        db.session.scalars(
            select(ProjectMilestone)
            .where(ProjectMilestone.project_id == project_id)
            .order_by(ProjectMilestone.due_at)
        )
    )
