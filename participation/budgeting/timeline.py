"""Participatory budgets on a project's timeline: results published, and each winner."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.budgeting.models import Budget, BudgetProcess, Proposal
from participation.core.models import counted_moment
from participation.core.timeline import Item, Scope, engagement_events, source
from participation.extensions import db


@source("budget_results", "engagements")
def budget_results(scope: Scope, narrow, limit: int) -> list[Item]:
    return engagement_events(
        BudgetProcess,
        "budget_results",
        BudgetProcess.results_published_at,
        scope,
        narrow,
        limit,
    )


@source("winner", "winners")
def winners(scope: Scope, narrow, limit: int) -> list[Item]:
    outcomes = db.session.execute(
        select(Budget.outcome)
        .join(BudgetProcess, BudgetProcess.id == Budget.process_id)
        .where(
            BudgetProcess.project_id.in_(scope.project_ids),
            BudgetProcess.results_published_at.is_not(None),
            BudgetProcess.counts_for_city,
            Budget.outcome.is_not(None),
        )
    ).scalars()
    ids = [int(i) for outcome in outcomes for i in (outcome or {}).get("selected", [])]
    if not ids:
        return []
    at = counted_moment(BudgetProcess.results_published_at)
    query = (
        select(Proposal, at, BudgetProcess.project_id)
        .join(Budget, Budget.id == Proposal.budget_id)
        .join(BudgetProcess, BudgetProcess.id == Budget.process_id)
        .where(Proposal.id.in_(ids))
        # Its process says where an attached import's winner came from.
        .options(selectinload(Proposal.budget).selectinload(Budget.process))
    )
    query = narrow(query, at, Proposal.id)
    return [
        Item(at, "winner", proposal.id, proposal, project_id)
        for proposal, at, project_id in db.session.execute(query.limit(limit))
    ]
