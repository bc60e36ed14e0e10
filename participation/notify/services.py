"""Telling followers: in-app notifications and emails, in each reader's language."""

from typing import Any

from sqlalchemy import func, select, update

from participation.errors import NotFound
from participation.extensions import db
from participation.notify.models import Notification
from participation.types import utcnow


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def list_notifications(user: Any, limit: int = 100) -> list[Notification]:
    """The person's notifications, newest first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def shown_objects(items: list[Notification]) -> list[Any]:
    """The objects whose texts a list of notifications shows."""
    objects: list[Any] = []
    for note in items:
        if note.report:
            objects += [note.report] + ([note.change] if note.change else [])
        for thing in (note.update, note.decision):
            if thing is not None:
                objects += [thing, thing.project]
        if note.question is not None:
            objects += [note.question, note.question.project]
    return objects


def mark_all_read(user: Any) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()


def get_notification(user: Any, notification_id: int) -> Notification:
    note = db.session.get(Notification, notification_id)
    if note is None or note.user_id != user.id:
        raise NotFound("notification")
    return note
