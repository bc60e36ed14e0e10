"""The audit log of official actions."""

from datetime import date
from typing import Any

from participation.core.models import AuditEntry
from participation.extensions import db


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
    return entry
