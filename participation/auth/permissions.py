"""Permissions as named predicates: can(user, "action", obj)."""

from collections.abc import Callable
from typing import Any

from participation.auth.models import ADMIN, EVALUATOR, PLANNER
from participation.errors import NotAllowed


def _has_any(*roles: str) -> Callable[[Any, Any], bool]:
    def predicate(user: Any, obj: Any = None) -> bool:
        return any(user.has_role(role) for role in roles)

    return predicate


# One named predicate per action; views, templates and services all ask through can().
RULES: dict[str, Callable[[Any, Any], bool]] = {
    "create_project": _has_any(PLANNER, ADMIN),
    "edit_project": _has_any(PLANNER, ADMIN),
    "create_engagement": _has_any(PLANNER, ADMIN),
    "edit_engagement": _has_any(PLANNER, ADMIN),
    "manage_roles": _has_any(ADMIN),
    "review_translation": _has_any(PLANNER, ADMIN),
    "manage_issues": _has_any(PLANNER, ADMIN),
    "view_language_figures": _has_any(PLANNER, EVALUATOR, ADMIN),
    "manage_api_keys": _has_any(ADMIN),
    "manage_outbox": _has_any(ADMIN),
    "manage_consultations": _has_any(PLANNER, ADMIN),
    "manage_budgets": _has_any(PLANNER, ADMIN),
    "verify_districts": _has_any(PLANNER, ADMIN),
    "post_project_updates": _has_any(PLANNER, ADMIN),
    "answer_project_questions": _has_any(PLANNER, ADMIN),
    "view_nudges": _has_any(PLANNER, ADMIN),
    "record_ladder_facts": _has_any(PLANNER, ADMIN),
    "review_ladder": _has_any(EVALUATOR, ADMIN),
}


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Whether `user` (possibly anonymous) may perform `action` on `obj`."""
    if action not in RULES:
        raise KeyError(f"unknown action {action!r}")
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    return RULES[action](user, obj)


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise NotAllowed unless `user` may perform `action`."""
    if not can(user, action, obj):
        raise NotAllowed(action)
