"""The timeline's sources: the project's own thread, its engagements' milestones
(opening, closing, results, response report), issue reports in its area and the
winners of its participatory budgets."""

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from participation.budgeting.models import Budget, BudgetProcess, Proposal
from participation.consultations.models import Consultation
from participation.core.models import Engagement, IssueChannel
from participation.extensions import db
from participation.issues.models import Report
from participation.projects.models import Decision, ProjectMilestone, ProjectUpdate
from participation.projects.timeline import Item, Scope, source
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


def _engagement_events(name: str, column, scope: Scope, narrow, limit: int, *where):
    query = select(Engagement).where(
        Engagement.project_id.in_(scope.project_ids), column.is_not(None), *where
    )
    query = narrow(query, column, Engagement.id)
    return [
        Item(getattr(e, column.key), name, e.id, e, e.project_id)
        for e in db.session.scalars(query.limit(limit))
    ]


@source("opened", "engagements")
def engagements_opened(scope: Scope, narrow, limit: int) -> list[Item]:
    return _engagement_events("opened", Engagement.opens_at, scope, narrow, limit)


@source("closed", "engagements")
def engagements_closed(scope: Scope, narrow, limit: int) -> list[Item]:
    return _engagement_events(
        "closed",
        Engagement.closes_at,
        scope,
        narrow,
        limit,
        Engagement.closes_at <= utcnow(),
    )


def _consultation_events(name: str, column, scope: Scope, narrow, limit: int):
    query = select(Consultation).where(
        Consultation.project_id.in_(scope.project_ids), column.is_not(None)
    )
    query = narrow(query, column, Consultation.id)
    return [
        Item(getattr(c, column.key), name, c.id, c, c.project_id)
        for c in db.session.scalars(query.limit(limit))
    ]


@source("results", "engagements")
def consultation_results(scope: Scope, narrow, limit: int) -> list[Item]:
    return _consultation_events(
        "results", Consultation.results_published_at, scope, narrow, limit
    )


@source("response_report", "engagements")
def consultation_reports(scope: Scope, narrow, limit: int) -> list[Item]:
    return _consultation_events(
        "response_report", Consultation.report_published_at, scope, narrow, limit
    )


@source("budget_results", "engagements")
def budget_results(scope: Scope, narrow, limit: int) -> list[Item]:
    query = select(BudgetProcess).where(
        BudgetProcess.project_id.in_(scope.project_ids),
        BudgetProcess.results_published_at.is_not(None),
    )
    query = narrow(query, BudgetProcess.results_published_at, BudgetProcess.id)
    return [
        Item(p.results_published_at, "budget_results", p.id, p, p.project_id)
        for p in db.session.scalars(query.limit(limit))
    ]


@source("report", "reports")
def reports(scope: Scope, narrow, limit: int) -> list[Item]:
    channels = select(IssueChannel.id).where(
        IssueChannel.project_id.in_(scope.project_ids)
    )
    query = (
        select(Report)
        .where(
            Report.hidden_reason.is_(None),
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


@source("winner", "winners")
def winners(scope: Scope, narrow, limit: int) -> list[Item]:
    outcomes = db.session.execute(
        select(Budget.outcome)
        .join(BudgetProcess, BudgetProcess.id == Budget.process_id)
        .where(
            BudgetProcess.project_id.in_(scope.project_ids),
            BudgetProcess.results_published_at.is_not(None),
            Budget.outcome.is_not(None),
        )
    ).scalars()
    ids = [int(i) for outcome in outcomes for i in (outcome or {}).get("selected", [])]
    if not ids:
        return []
    query = (
        select(Proposal, BudgetProcess.results_published_at, BudgetProcess.project_id)
        .join(Budget, Budget.id == Proposal.budget_id)
        .join(BudgetProcess, BudgetProcess.id == Budget.process_id)
        .where(Proposal.id.in_(ids))
    )
    query = narrow(query, BudgetProcess.results_published_at, Proposal.id)
    return [
        Item(at, "winner", proposal.id, proposal, project_id)
        for proposal, at, project_id in db.session.execute(query.limit(limit))
    ]
