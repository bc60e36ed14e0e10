"""One support per person, counted on what is supported: reports' "me too", comments,
sections, proposals. The row's unique constraint keeps it one, even when two requests
arrive at once; the count is raised in the same transaction."""

from typing import Any

from sqlalchemy.exc import IntegrityError

from participation.errors import Invalid
from participation.extensions import db


def count_once(row: Any, target: Any, field: str, already: str) -> Any:
    """Add `row` (a support) and raise `target.support_count`; Invalid({field:
    already}) when this person's support is already there. Commits."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        raise Invalid({field: already}) from None
    target.support_count = type(target).support_count + 1
    db.session.commit()
    db.session.refresh(target)
    return target
