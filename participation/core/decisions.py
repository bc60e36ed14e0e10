"""The decisions recorded on a project, for the features that link to them (a theme
of "what we heard, what we did" names the decision it led to) without importing the
feature that records them.

The projects feature declares the look-up (`provide`, in a module its plug declares);
the others read it here. A decision is whatever that feature stores: read its `id`,
`project_id`, `title` (translatable) and `decided_at`.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Lookup:
    # The project's decisions, newest first.
    of_project: Callable[[int], list[Any]]
    # The decisions with these ids, by id (unknown ids left out).
    by_ids: Callable[[Collection[int]], dict[int, Any]]


_LOOKUP: list[Lookup] = []


def provide(lookup: Lookup) -> None:
    """Declare where decisions are read from (one feature records them)."""
    _LOOKUP[:] = [lookup]


def decisions_of(project_id: int) -> list[Any]:
    """The decisions recorded on a project, newest first (none without a provider)."""
    return _LOOKUP[0].of_project(project_id) if _LOOKUP else []


def decisions_by_id(ids: Collection[int]) -> dict[int, Any]:
    """The decisions with these ids, by id."""
    wanted = {i for i in ids if i is not None}
    return _LOOKUP[0].by_ids(wanted) if _LOOKUP and wanted else {}
