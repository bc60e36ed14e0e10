"""The project thread's own timeline sources: updates, decisions, milestones, and its
engagements opening and closing."""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from participation.core.models import Engagement
from participation.core.timeline import Item, Scope, engagement_events, source
from participation.extensions import db
from participation.projects.models import Decision, ProjectMilestone, ProjectUpdate
from participation.types import UTCDateTime, utcnow


@source("update", "updates")
def updates(scope: Scope, narrow, limit: int) -> list[Item]:
    query = select(ProjectUpdate).where(
        ProjectUpdate.project_id.in_(scope.project_ids),
        ProjectUpdate.publish_at <= utcnow(),
    )
    query = narrow(query, ProjectUpdate.publish_at, ProjectUpdate.id)
    return [
        Item(u.publish_at, "update", u.id, u, u.project_id)
        for u in db.session.scalars(query.limit(limit))
    ]


@source("decision", "decisions")
def decisions(scope: Scope, narrow, limit: int) -> list[Item]:
    query = (
        select(Decision)
        .where(Decision.project_id.in_(scope.project_ids))
        .options(selectinload(Decision.engagements))
    )
    query = narrow(query, Decision.decided_at, Decision.id)
    return [
        Item(d.decided_at, "decision", d.id, d, d.project_id)
        for d in db.session.scalars(query.limit(limit))
    ]


@source("milestone", "milestones")
def milestones(scope: Scope, narrow, limit: int) -> list[Item]:
    at = func.coalesce(
        ProjectMilestone.reached_at, ProjectMilestone.due_at, type_=UTCDateTime()
    )
    query = select(ProjectMilestone).where(
        ProjectMilestone.project_id.in_(scope.project_ids)
    )
    query = narrow(query, at, ProjectMilestone.id)
    return [
        Item(m.at, "milestone", m.id, m, m.project_id)
        for m in db.session.scalars(query.limit(limit))
    ]


@source("opened", "engagements")
def engagements_opened(scope: Scope, narrow, limit: int) -> list[Item]:
    return engagement_events(
        Engagement, "opened", Engagement.opens_at, scope, narrow, limit
    )


@source("closed", "engagements")
def engagements_closed(scope: Scope, narrow, limit: int) -> list[Item]:
    return engagement_events(
        Engagement,
        "closed",
        Engagement.closes_at,
        scope,
        narrow,
        limit,
        Engagement.closes_at <= utcnow(),
        # An attached import closed long before it was attached: its one item is
        # its opening, shown at the attachment with where it came from.
        Engagement.imported_from.is_(None),
    )
