"""What issue reporting holds of a person: reports, status changes, supports, follows."""

from participation.auth.personal_data import DELETE, FORGET
from participation.auth.personal_data import register as holds
from participation.issues.models import (
    DepartmentStaff,
    Follow,
    Report,
    StatusChange,
    Support,
)

# Issues: a report stays public (others support and follow it); "me too"s and
# follows are the person's alone (the report's count of supports stays).
holds(
    Report.reporter_id,
    "reports",
    FORGET,
    "id title description lat lon status name_shown=show_name created_at",
)
holds(
    StatusChange.actor_id,
    "report_status_changes",
    FORGET,
    "id report=report_id from_status to_status note created_at",
)
holds(Support.user_id, "reports_supported", DELETE, "id report=report_id created_at")
holds(Follow.user_id, "reports_followed", DELETE, "id report=report_id created_at")
# That the person works for a department (its alerts): theirs.
holds(DepartmentStaff.user_id, "departments", DELETE, "department_id")
