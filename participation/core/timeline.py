"""A project's timeline: everything that happened in it, newest first, from many
sources merged into one stream, paginated by keyset.

Each package declares its own sources (`@source`, in a module its plug declares);
the timeline knows nothing else of them.

Each source answers one query per page (`size + 1` rows after the cursor), so a page
costs the same number of queries however long the thread is. Items are ordered by
(time, source, id), descending; the cursor is the last item shown.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, or_, select

from participation.core.models import counted_moment
from participation.extensions import db
from participation.types import utcnow

# The filters residents can pick, in the order they are offered.
GROUPS = ("updates", "decisions", "milestones", "engagements", "reports", "winners")


@dataclass(frozen=True)
class Scope:
    """Whose timeline: these projects, and issue reports in these districts."""

    project_ids: tuple[int, ...]
    district_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Cursor:
    at: datetime
    source: str
    id: int

    def token(self) -> str:
        return f"{self.at.isoformat()}~{self.source}~{self.id}"

    @classmethod
    def parse(cls, token: str | None) -> "Cursor | None":
        """The cursor of a token, or None for a missing or malformed one."""
        try:
            at, source, id_ = (token or "").split("~")
            moment = datetime.fromisoformat(at)
            if moment.tzinfo is None or source not in SOURCES:
                return None
            return cls(moment, source, int(id_))
        except ValueError:
            return None


@dataclass(frozen=True)
class Item:
    """One thing on the timeline: `source` says what (and which template renders it)."""

    at: datetime
    source: str
    id: int
    obj: Any
    project_id: int

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.at, self.source, self.id)

    @property
    def upcoming(self) -> bool:
        return self.at > utcnow()


@dataclass
class Page:
    items: list[Item]
    next_cursor: Cursor | None


Fetch = Callable[[Scope, Callable[[Select, Any, Any], Select], int], list[Item]]


@dataclass(frozen=True)
class Source:
    name: str
    group: str
    fetch: Fetch


SOURCES: dict[str, Source] = {}


def source(name: str, group: str) -> Callable[[Fetch], Fetch]:
    """Declare a timeline source: a function fetching the items after the cursor."""

    def decorator(fetch: Fetch) -> Fetch:
        SOURCES[name] = Source(name, group, fetch)
        return fetch

    return decorator


def after(cursor: Cursor | None, name: str) -> Callable[[Select, Any, Any], Select]:
    """A function narrowing a source's query to what comes after the cursor, in order."""

    def narrow(query: Select, at_column: Any, id_column: Any) -> Select:
        if cursor is not None:
            if name < cursor.source:
                condition = at_column <= cursor.at
            elif name == cursor.source:
                condition = or_(
                    at_column < cursor.at,
                    and_(at_column == cursor.at, id_column < cursor.id),
                )
            else:
                condition = at_column < cursor.at
            query = query.where(condition)
        return query.order_by(at_column.desc(), id_column.desc())

    return narrow


def page(
    scope: Scope,
    groups: set[str] | None = None,
    before: Cursor | None = None,
    size: int = 20,
) -> Page:
    """The `size` newest items of the chosen groups that come after `before`."""
    if not scope.project_ids and not scope.district_ids:
        return Page([], None)
    fetched: list[Item] = []
    for src in SOURCES.values():
        if groups and src.group not in groups:
            continue
        fetched.extend(src.fetch(scope, after(before, src.name), size + 1))
    fetched.sort(key=lambda item: (item.at, item.source, item.id), reverse=True)
    shown = fetched[:size]
    more = len(fetched) > size
    return Page(shown, shown[-1].cursor if more and shown else None)


def group_of(item: Item) -> str:
    return SOURCES[item.source].group


def engagement_events(
    model: Any, name: str, column: Any, scope: Scope, narrow: Any, limit: int, *where
) -> list[Item]:
    """Items `name` of engagements of `model` (Engagement or a feature's subclass) at
    `column`, for the engagements that count for the city: an attached import's
    dated from its attachment (Engagement.counted_moment)."""
    at = counted_moment(column)
    query = select(model, at).where(
        model.project_id.in_(scope.project_ids),
        model.counts_for_city,
        column.is_not(None),
        *where,
    )
    query = narrow(query, at, model.id)
    return [
        Item(moment, name, e.id, e, e.project_id)
        for e, moment in db.session.execute(query.limit(limit))
    ]
