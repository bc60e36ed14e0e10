"""One look-up for every service: a stored row by its id, or NotFound."""

from typing import TypeVar

from participation.errors import NotFound
from participation.extensions import db

Row = TypeVar("Row")


def stored(model: type[Row], row_id: object, what: str) -> Row:
    """The `model` row with this id, or NotFound(`what`)."""
    row = db.session.get(model, row_id)
    if row is None:
        raise NotFound(what)
    return row
