"""Keeping evidenced rungs fresh: whenever a flush adds, changes or deletes a row the
features declared as one the ladder rests on, the assessments of the engagements it
touches are marked stale in the same transaction; the next read recomputes them."""

from itertools import chain

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from participation.ladder.models import LadderAssessment
from participation.ladder.observers import dependents_of

_installed = False


def _mark_stale(session: Session, _context) -> None:
    ids: set[int] = set()
    queries = []
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, LadderAssessment):
            continue
        touched = dependents_of(obj)
        if touched is None:
            continue
        if isinstance(touched, int):
            ids.add(touched)
        else:
            queries.append(touched)
    connection = session.connection()
    for query in queries:
        ids.update(connection.execute(query).scalars())
    if not ids:
        return
    table = LadderAssessment.__table__
    connection.execute(
        update(table).where(table.c.engagement_id.in_(ids)).values(stale=True)
    )
    # Rows already loaded in this session learn it too (as the database now says;
    # sessions keep their objects across commits here).
    for obj in session.identity_map.values():
        if isinstance(obj, LadderAssessment) and obj.engagement_id in ids:
            set_committed_value(obj, "stale", True)


def install() -> None:
    """Listen to every session's flushes (once per process)."""
    global _installed
    if not _installed:
        event.listen(Session, "after_flush", _mark_stale)
        _installed = True


def project_engagements(project_id: int):
    """A SELECT of a project's engagements (for rows every engagement inherits)."""
    from participation.core.models import Engagement

    return select(Engagement.id).where(Engagement.project_id == project_id)
