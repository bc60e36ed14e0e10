"""What the city tells a project's residents: updates, published now or at a set time.
Planners write them; every one is audited."""

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.permissions import can, require
from participation.core.audit import record_action, snapshot
from participation.core.checks import check_language, check_text
from participation.core.models import Engagement
from participation.core.photos import clean_photo, store_photo
from participation.core.services import get_project
from participation.errors import Invalid, NotFound
from participation.events import job_run
from participation.extensions import db
from participation.projects.follows import notify_followers
from participation.projects.models import ProjectUpdate
from participation.types import utcnow

log = logging.getLogger(__name__)

UPDATE_FIELDS = ("title", "body", "language", "publish_at", "engagement_id", "image")


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


def check_engagements(errors: dict, project_id: int, ids: list[int], name: str):
    """Note an error unless every id is an engagement of this project."""
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
    check_engagements(errors, project_id, ids, "engagement_id")
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
    hidden = update is not None and update.publish_at > utcnow()
    if update is None or (
        hidden and not can(viewer, "post_project_updates", update.project)
    ):
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
    with job_run(log, "updates.publish_due") as run:
        due = db.session.scalars(
            select(ProjectUpdate)
            .where(ProjectUpdate.notified_at.is_(None), ProjectUpdate.publish_at <= now)
            .order_by(ProjectUpdate.publish_at)
        ).all()
        for update in due:
            _publish(update, now)
        db.session.commit()
        run["published"] = len(due)
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
