"""Where a person's data is kept: one registry of the columns that name an account,
read by both "Download my data" and "Delete my account".

Every column with a foreign key to user.id is registered once (a test compares the
registry with the models' metadata), with the export section its rows go to and what
deleting the account does to them: DELETE the person's rows, FORGET the person (the
column is set to NULL and the row stays for others), or WITH_ACCOUNT (the rows go
with the account row, by its cascade). `first` runs before, for what else must change
with them (a count marked stale, a key rewritten). A column that names a person by
value rather than by a foreign key (an email address, an audit entry's target) is
registered too, with `where` saying which rows are the person's.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, inspect, select, update

from participation.extensions import db

DELETE, FORGET, WITH_ACCOUNT = "delete", "forget", "with_account"


@dataclass(frozen=True)
class Holding:
    """One column naming a person: its export section, and what deletion does."""

    column: Any  # the ORM attribute, e.g. Report.reporter_id
    section: str  # its key in the export
    erase: str  # DELETE, FORGET or WITH_ACCOUNT
    # Exported attributes, "key=attr" to name one differently (attr may be dotted).
    fields: tuple[str, ...] = ()
    record: Callable[[Any], dict[str, Any]] | None = None  # instead of fields
    where: Callable[[Any], Any] | None = None  # which rows; default column == id
    first: Callable[[Any], None] | None = None  # run with the user, before erasing

    def condition(self, user: Any) -> Any:
        """The SQL condition selecting this person's rows."""
        return self.where(user) if self.where else self.column == user.id

    @property
    def model(self) -> type:
        return self.column.class_

    @property
    def name(self) -> tuple[str, str]:
        """(table, column) of the column, as in the metadata."""
        column = self.column.property.columns[0]
        return column.table.name, column.name


_HOLDINGS: dict[tuple[str, str], Holding] = {}


def register(
    column: Any,
    section: str,
    erase: str,
    fields: str = "",
    record: Callable[[Any], dict[str, Any]] | None = None,
    where: Callable[[Any], Any] | None = None,
    first: Callable[[Any], None] | None = None,
) -> None:
    """Declare a column naming a person (fields: space-separated attribute names)."""
    if erase not in (DELETE, FORGET, WITH_ACCOUNT):
        raise ValueError(f"unknown erase {erase!r}")
    holding = Holding(
        column, section, erase, tuple(fields.split()), record, where, first
    )
    _HOLDINGS[holding.name] = holding


def holdings() -> list[Holding]:
    """Every registered column, in the order they were declared."""
    return list(_HOLDINGS.values())


def user_columns(metadata: Any) -> set[tuple[str, str]]:
    """(table, column) of every column with a foreign key to user.id."""
    return {
        (table.name, column.name)
        for table in metadata.tables.values()
        for column in table.columns
        if any(fk.target_fullname == "user.id" for fk in column.foreign_keys)
    }


def jsonable(value: Any) -> Any:
    """A stored value as JSON data (moments and days in ISO 8601)."""
    return value.isoformat() if isinstance(value, date) else value


def _value(row: Any, path: str) -> Any:
    for name in path.split("."):
        row = getattr(row, name, None) if row is not None else None
    return jsonable(row)


def _record(holding: Holding, row: Any) -> dict[str, Any]:
    if holding.record is not None:
        return holding.record(row)
    pairs = (spec.partition("=") for spec in holding.fields)
    return {key: _value(row, attr or key) for key, _, attr in pairs}


def rows_of(holding: Holding, user: Any) -> list[Any]:
    """The person's rows of one registered column, in the order they were made."""
    order = inspect(holding.model).primary_key
    statement = select(holding.model).where(holding.condition(user)).order_by(*order)
    return list(db.session.scalars(statement))


def export_holdings(user: Any) -> dict[str, list[dict[str, Any]]]:
    """Each section of the export: the person's rows as JSON-ready records."""
    return {
        h.section: [_record(h, row) for row in rows_of(h, user)] for h in holdings()
    }


def erase_holdings(user: Any) -> None:
    """Delete or forget the person's rows of every registered column (not the
    account row itself, nor its WITH_ACCOUNT rows: the caller deletes the account)."""
    for holding in holdings():
        where = holding.condition(user)
        if holding.first is not None:
            holding.first(user)
        if holding.erase == DELETE:
            db.session.execute(delete(holding.model).where(where))
        elif holding.erase == FORGET:
            db.session.execute(
                update(holding.model).where(where).values({holding.column.key: None})
            )
