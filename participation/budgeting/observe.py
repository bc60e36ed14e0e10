"""What the platform observes of a participatory budget, for the ladder: how binding
it is, the money residents decide on, and how much of the ballot and of the winners
came from residents."""

from typing import Any

from sqlalchemy import func, select

from participation.budgeting.delivery import city_today, delivery_of
from participation.budgeting.models import (
    Ballot,
    Budget,
    BudgetProcess,
    Milestone,
    Proposal,
)
from participation.budgeting.services import on_ballot
from participation.core.contributions import register_source
from participation.extensions import db
from participation.ladder.facts import DECLARED, DOCUMENTED, Fact
from participation.ladder.observers import (
    register_dependency,
    register_observer,
    register_participation,
    register_report_figures,
)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@register_observer("budget_process")
def budget_facts(process: BudgetProcess) -> dict[str, Any]:
    """The observed facts of LADDER.md a budget speaks to."""
    budgets = list(
        db.session.scalars(select(Budget).where(Budget.process_id == process.id))
    )
    ballot = [p for b in budgets for p in on_ballot(b)]
    built = delivery_of(process)  # the published winners and their progress
    winners: list[Proposal] = [p for p, _progress in built]
    total = sum(b.amount for b in budgets)
    # Binding or advisory is the planners' setting: documented when they linked the
    # resolution that makes it so.
    setting = DOCUMENTED if process.commitment_url else DECLARED
    return {
        "bindingness": Fact(
            "binding" if process.binding else "advisory",
            setting,
            process.commitment_url or "",
        ),
        "bindingness_document": process.commitment_url or None,
        "delegated_scope": Fact(
            total if process.binding else 0, setting, process.commitment_url or ""
        ),
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
        "delivery": _delivery(process, built) if built else None,
    }


def _delivery(process: BudgetProcess, built) -> dict[str, Any]:
    """How many winners are built, and on time: by the promised date when there is
    one, else by their own milestones' planned dates. The shares go by the winners'
    money (their costs are always known here), the counts beside them."""
    promised = process.deliver_by

    def in_time(x) -> bool:
        return x.delivered_on <= promised if promised else not x.late

    done = [(p, x) for p, x in built if x.status == "delivered"]
    on_time = [(p, x) for p, x in done if in_time(x)]
    money = sum(p.ballot_cost for p, _x in built)

    def by_money(part) -> float | None:
        return _share(sum(p.ballot_cost for p, _x in part), money)

    return {
        "winners": len(built),
        "implemented": len(done),
        "on_time": len(on_time),
        "share_implemented": by_money(done),
        "share_on_time": by_money(on_time),
        "measured_by": "money",
        "promised_by": promised.isoformat() if promised else None,
        # Before the promised date, unbuilt winners are "delivery pending".
        "pending": bool(
            promised and city_today() <= promised and len(done) < len(built)
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


def _process_of(row):
    """The budget process of a row of one of its budgets (a SELECT of its id)."""
    return select(Budget.process_id).where(Budget.id == row.budget_id)


register_dependency(Budget, lambda budget: budget.process_id)
register_dependency(Proposal, _process_of)
register_dependency(
    Milestone,
    lambda step: (
        select(Budget.process_id)
        .join(Proposal, Proposal.budget_id == Budget.id)
        .where(Proposal.id == step.proposal_id)
    ),
)


register_participation(
    lambda: select(Budget.process_id, Ballot.user_id, Ballot.created_at).join(
        Budget, Budget.id == Ballot.budget_id
    ),
    Ballot,
    _process_of,
)
register_participation(
    lambda: (
        select(Budget.process_id, Proposal.author_id, Proposal.created_at)
        .join(Budget, Budget.id == Proposal.budget_id)
        .where(Proposal.from_residents.is_(True))
    ),
    Proposal,
    _process_of,
)


@register_report_figures
def money_at_stake():
    """The city report's money at stake: each process's budgets added up."""
    return select(
        Budget.process_id.label("engagement_id"), func.sum(Budget.amount).label("money")
    ).group_by(Budget.process_id)
