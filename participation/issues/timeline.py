"""Issue reports on a project's timeline: those in its districts and its channels."""

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from participation.core.models import IssueChannel
from participation.core.timeline import Item, Scope, source
from participation.extensions import db
from participation.issues.models import PUBLIC, Report


@source("report", "reports")
def reports(scope: Scope, narrow, limit: int) -> list[Item]:
    channels = select(IssueChannel.id).where(
        IssueChannel.project_id.in_(scope.project_ids)
    )
    query = (
        select(Report)
        .where(
            *PUBLIC,
            or_(
                Report.district_id.in_(scope.district_ids),
                Report.engagement_id.in_(channels),
            ),
        )
        .options(selectinload(Report.category))
    )
    query = narrow(query, Report.created_at, Report.id)
    # A report in a district belongs to the district's projects: the first one here.
    home = scope.project_ids[0] if scope.project_ids else 0
    return [
        Item(r.created_at, "report", r.id, r, home)
        for r in db.session.scalars(query.limit(limit))
    ]
