"""Participatory budgets on a project's timeline: results published, and each winner."""

from sqlalchemy import select

from participation.budgeting.models import Budget, BudgetProcess, Proposal
from participation.core.timeline import Item, Scope, source
from participation.extensions import db


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
