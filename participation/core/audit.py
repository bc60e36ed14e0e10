"""The audit log of official actions: a row for each, and a log line once committed."""

import logging
from datetime import date
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from participation.core.models import AuditEntry
from participation.events import log_event
from participation.extensions import db

log = logging.getLogger(__name__)
# The session's official actions not committed yet (logged once they are).
PENDING = "official_actions"


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    """JSON-safe copy of the named attributes of `obj`."""
    values = {}
    for field in fields:
        value = getattr(obj, field)
        values[field] = value.isoformat() if isinstance(value, date) else value
    return values


def record_action(
    actor: Any,
    action: str,
    target_type: str,
    target_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry to the session; the calling service commits it."""
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=target_type,
        target_id=target_id,
        before=before,
        after=after,
    )
    db.session.add(entry)
    db.session.info.setdefault(PENDING, []).append(
        {
            "action": action,
            "target": target_type,
            "target_id": target_id,
            "actor_id": entry.actor_id,
        }
    )
    return entry


@event.listens_for(Session, "after_commit")
def _log_committed(session: Session) -> None:
    for fields in session.info.pop(PENDING, []):
        log_event(log, "official_action", **fields)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)
