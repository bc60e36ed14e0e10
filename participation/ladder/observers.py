"""The facts each feature observes about its engagements, read through one registry.

A feature registers a function returning the observed facts of its engagements (keys
of LADDER.md); the ladder knows nothing else of the feature.
"""

from collections.abc import Callable
from typing import Any

Observer = Callable[[Any], dict[str, Any]]
_OBSERVERS: dict[str, Observer] = {}


def register_observer(kind: str) -> Callable[[Observer], Observer]:
    """Declare the function that observes the facts of engagements of `kind`."""

    def decorator(function: Observer) -> Observer:
        _OBSERVERS[kind] = function
        return function

    return decorator


def observed_facts(engagement: Any) -> dict[str, Any]:
    """The facts the platform observed about this engagement (empty if none), with
    those it inherits from its project."""
    observer = _OBSERVERS.get(engagement.kind)
    facts = observer(engagement) if observer else {}
    return {**project_facts(engagement), **facts}


_PROJECT_OBSERVERS: list[Observer] = []


def register_project_observer(function: Observer) -> Observer:
    """Declare a function observing facts every engagement inherits from its project
    (continuity over the project's life)."""
    _PROJECT_OBSERVERS.append(function)
    return function


def project_facts(engagement: Any) -> dict[str, Any]:
    """The facts an engagement inherits from its project."""
    facts: dict[str, Any] = {}
    for observer in _PROJECT_OBSERVERS:
        facts.update(observer(engagement))
    return facts


# What a change to a row means for the ladder: the engagement(s) whose facts it
# touches, as an id, a SELECT of ids, or None.
Dependent = Callable[[Any], Any]
_DEPENDENTS: dict[type, Dependent] = {}


def register_dependency(model: type, engagements: Dependent) -> None:
    """Declare that adding, changing or deleting a `model` row changes the facts of
    the engagements `engagements(row)` names (their assessments turn stale)."""
    _DEPENDENTS[model] = engagements


def dependents_of(obj: Any) -> Any:
    """The engagements a changed row touches (see register_dependency), or None."""
    for cls in type(obj).__mro__:
        if cls in _DEPENDENTS:
            return _DEPENDENTS[cls](obj)
    return None


# Who took part where: each feature gives a SELECT of (engagement_id, user_id, at) of
# its contributions, the model they are rows of, and which engagement a row belongs to
# (an id or a SELECT of ids), so a change recounts that engagement's people. A
# contribution without an account (user_id NULL) counts as one participant.
_PARTICIPATION: list[Callable[[], Any]] = []
_CONTRIBUTIONS: dict[type, Dependent] = {}


def register_participation(
    select_rows: Callable[[], Any], model: type, engagements: Dependent
) -> None:
    """Declare a feature's contributions: `select_rows()` gives (engagement_id,
    user_id, at) of every `model` row; `engagements(row)` the engagement(s) a row
    counts in."""
    _PARTICIPATION.append(select_rows)
    watch_people(model, engagements)


def watch_people(model: type, engagements: Dependent) -> None:
    """Declare that a change to a `model` row changes who is counted where in the
    engagements `engagements(row)` names (an id, a SELECT of ids, or None): their
    people are recounted."""
    _CONTRIBUTIONS[model] = engagements


def participation_selects() -> list[Any]:
    return [make() for make in _PARTICIPATION]


def contributions_of(obj: Any) -> Any:
    """The engagements whose people a changed row counts in, or None."""
    for cls in type(obj).__mro__:
        if cls in _CONTRIBUTIONS:
            return _CONTRIBUTIONS[cls](obj)
    return None


# Where the decision an engagement informed is recorded: a package gives, for an
# engagement, the first such decision as (decided_at, document_url or None), or None.
DecisionRecord = Callable[[Any], "tuple[Any, str | None] | None"]
_DECISION_RECORDS: list[DecisionRecord] = []


def register_decision_record(function: DecisionRecord) -> DecisionRecord:
    """Declare a function finding the recorded decision an engagement informed."""
    _DECISION_RECORDS.append(function)
    return function


def recorded_decision(engagement: Any) -> "tuple[Any, str | None] | None":
    """The earliest recorded decision the engagement informed, or None."""
    found = [d for d in (record(engagement) for record in _DECISION_RECORDS) if d]
    return min(found, key=lambda decision: decision[0]) if found else None


# What a package adds to its engagements' rows of the city report: a SELECT of
# `engagement_id` and columns labelled with fields of indicators.EngagementFigures
# (`money` at stake, `report_published`). Engagements without a row keep the defaults.
_REPORT_FIGURES: list[Callable[[], Any]] = []


def register_report_figures(select_rows: Callable[[], Any]) -> Callable[[], Any]:
    """Declare a SELECT of per-engagement figures for the city report."""
    _REPORT_FIGURES.append(select_rows)
    return select_rows


def report_figure_selects() -> list[Any]:
    return [make() for make in _REPORT_FIGURES]


# What residents reported for the city to fix: a SELECT of (engagement_id, made_at,
# fixed_at) with fixed_at NULL while not fixed, hidden contributions left out. The
# city report counts fixes and the days they took from it.
_FIXABLE: list[Callable[[], Any]] = []


def register_fixable(select_rows: Callable[[], Any]) -> Callable[[], Any]:
    """Declare a SELECT of (engagement_id, made_at, fixed_at) of things to fix."""
    _FIXABLE.append(select_rows)
    return select_rows


def fixable_selects() -> list[Any]:
    return [make() for make in _FIXABLE]
