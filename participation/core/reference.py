"""Reference data that almost every request reads and staff rarely change (the city's
settings, its districts, the report categories, the issue channels), read once per
process instead of once per request.

A process forgets its copies as soon as it commits a change to one of those tables,
whatever the path (services, CLI, tests); other processes re-read theirs at least every
REFERENCE_TTL seconds, so a change shows everywhere within that time. Copies are plain
values, never ORM objects, so they outlive the session that read them.
"""

from collections.abc import Callable
from time import monotonic
from typing import Any

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

_tracked: tuple[type, ...] = ()
_tables: set[str] = set()
_generation = 0


def track(*models: type) -> None:
    """Forget every copy whenever rows of these models change."""
    global _tracked
    _tracked = (*_tracked, *models)
    _tables.update(model.__table__.name for model in models)


def remember(name: str, load: Callable[[], Any]) -> Any:
    """The process's copy of `name`, loaded with `load()` when missing or stale."""
    store = current_app.extensions.setdefault("reference", {})
    now = monotonic()
    entry = store.get(name)
    if entry is not None and entry[0] == _generation and now < entry[1]:
        return entry[2]
    value = load()
    store[name] = (_generation, now + current_app.config["REFERENCE_TTL"], value)
    return value


def forget() -> None:
    """Drop every copy in this process (they are read again on next use)."""
    global _generation
    _generation += 1


def _touches_tracked(objects) -> bool:
    return any(isinstance(obj, _tracked) for obj in objects)


@event.listens_for(Session, "after_flush")
def _note_changed_rows(session, _context) -> None:
    if _touches_tracked((*session.new, *session.dirty, *session.deleted)):
        session.info["reference_changed"] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_statements(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and table.name in _tables:
            state.session.info["reference_changed"] = True


@event.listens_for(Session, "after_commit")
def _forget_after_commit(session) -> None:
    if session.info.pop("reference_changed", False):
        forget()


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session, _transaction) -> None:
    # A copy read inside the transaction may hold the rows it just took back.
    if session.info.pop("reference_changed", False):
        forget()
