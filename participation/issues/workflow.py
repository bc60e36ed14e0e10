"""The status workflow of reports, as plain data (configurable per city).

Pure: no Flask, no database. Each status says whether a report in it counts as open
(Open311 knows only open/closed) and which statuses staff may move it to.
"""

from dataclasses import dataclass

from participation.markers import N_


@dataclass(frozen=True)
class Status:
    key: str
    name: str
    is_open: bool
    next: tuple[str, ...]
    # Counts as "fixed" for the fix time and the ladder's delivery figures.
    is_fixed: bool = False


# Where staff may move a report nobody has looked at yet (new, or reopened).
FROM_NEW = (
    "acknowledged",
    "in_progress",
    "fixed",
    "not_actionable",
    "duplicate",
    "referred",
)

DEFAULT_WORKFLOW: tuple[Status, ...] = (
    Status(
        "new",
        N_("New"),
        True,
        FROM_NEW,
    ),
    Status(
        "acknowledged",
        N_("Acknowledged"),
        True,
        ("in_progress", "fixed", "not_actionable", "duplicate", "referred"),
    ),
    Status(
        "in_progress",
        N_("In progress"),
        True,
        ("fixed", "not_actionable", "referred", "acknowledged"),
    ),
    Status("fixed", N_("Fixed"), False, ("in_progress",), is_fixed=True),
    # The reporter said a fix did not fix it (never the city starting work): open,
    # and staff move it on as they would a new report.
    Status(
        "reopened",
        N_("Reopened by the reporter"),
        True,
        FROM_NEW,
    ),
    Status("not_actionable", N_("Not actionable"), False, ("acknowledged",)),
    Status("duplicate", N_("Duplicate"), False, ()),
    Status("referred", N_("Referred elsewhere"), False, ("acknowledged",)),
)


class Workflow:
    """Lookup and transition rules over a tuple of statuses."""

    def __init__(self, statuses: tuple[Status, ...] = DEFAULT_WORKFLOW):
        self.statuses = {s.key: s for s in statuses}
        self.initial = statuses[0].key
        for status in statuses:
            unknown = set(status.next) - set(self.statuses)
            if unknown:
                raise ValueError(f"{status.key} leads to unknown statuses {unknown}")

    def __getitem__(self, key: str) -> Status:
        return self.statuses[key]

    def __contains__(self, key: str) -> bool:
        return key in self.statuses

    def can_move(self, current: str, target: str) -> bool:
        """Whether staff may move a report from `current` to `target`."""
        return current in self.statuses and target in self.statuses[current].next

    # The status a report takes when its reporter reopens it after a fix.
    REOPENED = "reopened"

    def open_keys(self) -> list[str]:
        return [k for k, s in self.statuses.items() if s.is_open]
