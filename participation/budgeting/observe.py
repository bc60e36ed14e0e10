"""What the platform observes of a participatory budget, for the ladder: how binding
it is, the money residents decide on, and how much of the ballot and of the winners
came from residents."""

from typing import Any

from sqlalchemy import select

from participation.budgeting.ballots import tally_budget
from participation.budgeting.models import Budget, BudgetProcess, Proposal
from participation.budgeting.services import CLOSED, on_ballot, phase
from participation.core.contributions import register_source
from participation.extensions import db
from participation.ladder.observers import register_observer


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@register_observer("budget_process")
def budget_facts(process: BudgetProcess) -> dict[str, Any]:
    """The observed facts of LADDER.md a budget speaks to."""
    budgets = list(
        db.session.scalars(select(Budget).where(Budget.process_id == process.id))
    )
    ballot = [p for b in budgets for p in on_ballot(b)]
    winners: list[Proposal] = []
    if phase(process) == CLOSED:
        for budget in budgets:
            outcome, proposals = tally_budget(budget.id)
            winners += [proposals[k] for k in outcome.selected]
    total = sum(b.amount for b in budgets)
    return {
        "bindingness": "binding" if process.binding else "advisory",
        "bindingness_document": process.commitment_url or None,
        "delegated_scope": total if process.binding else 0,
        "input_kind": "vote",
        "residents_set_options": True,
        "resident_share_on_ballot": _share(
            sum(p.from_residents for p in ballot), len(ballot)
        ),
        "resident_options_adopted": sum(p.from_residents for p in winners)
        if winners
        else None,
        "resident_share_among_winners": _share(
            sum(p.from_residents for p in winners), len(winners)
        ),
    }


@register_source("budget_process")
def budget_inputs(process: BudgetProcess) -> list[tuple[str, str]]:
    """Residents' proposals (title and description, in their language)."""
    rows = db.session.execute(
        select(Proposal.title, Proposal.description, Proposal.language)
        .join(Budget, Budget.id == Proposal.budget_id)
        .where(Budget.process_id == process.id, Proposal.from_residents.is_(True))
    )
    return [(f"{t}\n{d}".strip(), language) for t, d, language in rows]
