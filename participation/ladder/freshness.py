"""Keeping the ladder fresh: whenever a flush adds, changes or deletes a row the
features declared as one an assessment rests on (register_dependency) or as a
contribution (register_participation), the assessments or people tallies of the
engagements it touches are marked stale in the same transaction; the next read
recomputes them. Writes made as plain statements call mark_stale themselves."""

from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from participation.extensions import db
from participation.ladder.models import LadderAssessment, PeopleTally
from participation.ladder.observers import contributions_of, dependents_of

_installed = False


def _touched(session: Session, which: Callable[[Any], Any]) -> set[int]:
    ids: set[int] = set()
    queries = []
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, (LadderAssessment, PeopleTally)):
            continue
        touched = which(obj)
        if touched is None:
            continue
        if isinstance(touched, int):
            ids.add(touched)
        else:
            queries.append(touched)
    connection = session.connection()
    for query in queries:
        ids.update(connection.execute(query).scalars())
    return ids


def _after_flush(session: Session, _context) -> None:
    facts = _touched(session, dependents_of)
    people = _touched(session, contributions_of)
    if facts or people:
        mark_stale(facts, people, session)


def mark_stale(
    facts: Iterable[int] = (),
    people: Iterable[int] = (),
    session: Session | None = None,
) -> None:
    """Mark the assessments of the engagements `facts` and the people tallies of
    `people` stale, in the session's transaction."""
    session = session or db.session()
    connection = session.connection()
    facts, people = set(facts), set(people)
    if facts:
        table = LadderAssessment.__table__
        connection.execute(
            update(table).where(table.c.engagement_id.in_(facts)).values(stale=True)
        )
    if people:
        table = PeopleTally.__table__
        connection.execute(
            update(table).where(table.c.engagement_id.in_(people)).values(stale=True)
        )
    # Rows already loaded in this session learn it too (as the database now says;
    # sessions keep their objects across commits here).
    for obj in session.identity_map.values():
        if (isinstance(obj, LadderAssessment) and obj.engagement_id in facts) or (
            isinstance(obj, PeopleTally) and obj.engagement_id in people
        ):
            set_committed_value(obj, "stale", True)


def install() -> None:
    """Listen to every session's flushes (once per process)."""
    global _installed
    if not _installed:
        event.listen(Session, "after_flush", _after_flush)
        _installed = True


def project_engagements(project_id: int):
    """A SELECT of a project's engagements (for rows every engagement inherits)."""
    from participation.core.models import Engagement

    return select(Engagement.id).where(Engagement.project_id == project_id)
