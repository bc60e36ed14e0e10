"""The public pages of a participatory budget: the process, its results, receipts."""

from flask import Blueprint, render_template, request
from sqlalchemy import select

from participation.budgeting import ballots, services
from participation.budgeting.models import (
    RULE_NAMES,
    VERDICTS,
    VOTE_TYPES,
    BudgetProcess,
    Proposal,
)
from participation.errors import NotFound
from participation.extensions import db
from participation.i18n.content import prefetch, texts_of

bp = Blueprint("budgeting", __name__)


def _process(process_id: int) -> BudgetProcess:
    process = db.session.get(BudgetProcess, process_id)
    if process is None:
        raise NotFound("process")
    return process


def _proposals(process: BudgetProcess) -> dict[int, list]:
    rows = db.session.scalars(
        select(Proposal)
        .where(Proposal.budget_id.in_([b.id for b in process.budgets]))
        .order_by(Proposal.budget_id, Proposal.id)
    )
    grouped: dict[int, list] = {b.id: [] for b in process.budgets}
    for proposal in rows:
        grouped[proposal.budget_id].append(proposal)
    return grouped


@bp.get("/budgets/<int:process_id>")
def process_page(process_id: int):
    process = _process(process_id)
    proposals = _proposals(process)
    prefetch(
        texts_of(
            process, process.project, *(p for ps in proposals.values() for p in ps)
        )
    )
    return render_template(
        "budgeting/process.html",
        process=process,
        phase=services.phase(process),
        proposals=proposals,
        VOTE_TYPES=VOTE_TYPES,
        RULE_NAMES=RULE_NAMES,
        VERDICTS=VERDICTS,
    )


@bp.get("/budgets/<int:process_id>/results")
def results_page(process_id: int):
    process = _process(process_id)
    if process.results_published_at is None:
        raise NotFound("results")
    proposals = _proposals(process)
    prefetch(texts_of(process, *(p for ps in proposals.values() for p in ps)))
    by_id = {str(p.id): p for ps in proposals.values() for p in ps}
    return render_template(
        "budgeting/results.html",
        process=process,
        by_id=by_id,
        RULE_NAMES=RULE_NAMES,
    )


@bp.get("/budgets/receipt")
def receipt():
    """A voter checks that their ballot is counted, with the code they were given."""
    code = request.args.get("code", "")
    ballot = ballots.check_receipt(code) if code else None
    proposals = {}
    if ballot is not None:
        budget = services.get_budget(ballot.budget_id)
        proposals = {p.id: p for p in services.on_ballot(budget)}
        prefetch(texts_of(*proposals.values()))
    return render_template(
        "budgeting/receipt.html", code=code, ballot=ballot, proposals=proposals
    )
