"""The moves from one phase of a participatory budget to the next that a planner
makes at once instead of waiting for the next date: end the ideas, open voting (once
every proposal has its verdict), close voting."""

from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from participation.auth.permissions import require
from participation.budgeting.models import Budget, BudgetProcess, Proposal
from participation.budgeting.planning import FIELDS
from participation.budgeting.services import IDEAS, REVIEW, VOTING, get_process, phase
from participation.core.audit import record_action, snapshot
from participation.errors import Invalid
from participation.extensions import db
from participation.types import utcnow

# The moves a planner can make now instead of waiting for the next date.
MOVES = {
    IDEAS: ("end_ideas", "ideas_close_at"),
    REVIEW: ("open_voting", "voting_opens_at"),
    VOTING: ("close_voting", "closes_at"),
}


def next_move(process: BudgetProcess) -> str | None:
    """The phase change a planner may make at once, if any."""
    move = MOVES.get(phase(process))
    return move[0] if move else None


def move_on(actor: Any, process_id: int, move: str) -> BudgetProcess:
    """End the ideas phase, open voting or close voting now (the date becomes now;
    later dates move with it only when they would come before it)."""
    process = get_process(process_id)
    require(actor, "manage_budgets", process)
    state = phase(process)
    if state not in MOVES or MOVES[state][0] != move:
        raise Invalid({"move": _("This step is not the process's next one.")})
    if move == "open_voting":
        _check_ready(process)
    now = utcnow()
    field = MOVES[state][1]
    before = snapshot(process, FIELDS)
    setattr(process, field, now)
    if move == "end_ideas" and (process.voting_opens_at or now) < now:
        process.voting_opens_at = now
    record_action(
        actor, f"budget.{move}", "engagement", process.id, before,
        snapshot(process, FIELDS),
    )  # fmt: skip
    db.session.commit()
    return process


def _check_ready(process: BudgetProcess) -> None:
    """Voting opens once every proposal has its verdict and every budget has a
    ballot."""
    if not process.budgets:
        raise Invalid({"move": _("Add a budget first.")})
    pending = db.session.scalar(
        select(func.count(Proposal.id))
        .join(Budget, Budget.id == Proposal.budget_id)
        .where(Budget.process_id == process.id, Proposal.verdict == "pending")
    )
    if pending:
        raise Invalid(
            {
                "move": ngettext(
                    "%(num)d proposal awaits its verdict: review it first.",
                    "%(num)d proposals await their verdict: review them first.",
                    pending,
                )
            }
        )
    for budget in process.budgets:
        feasible = db.session.scalar(
            select(func.count(Proposal.id)).where(
                Proposal.budget_id == budget.id, Proposal.verdict == "feasible"
            )
        )
        if not feasible:
            raise Invalid(
                {
                    "move": _(
                        "The budget “%(name)s” has no feasible proposal to vote on.",
                        name=budget.name,
                    )
                }
            )
