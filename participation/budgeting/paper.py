"""Paper ballots: typed in by one member of staff, counted once another has checked
them against the paper."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from participation.auth.permissions import require
from participation.budgeting.ballots import ballot_errors, new_receipt
from participation.budgeting.models import Ballot, BallotItem, Budget
from participation.budgeting.services import get_budget
from participation.core.audit import record_action
from participation.errors import Invalid, NotFound
from participation.extensions import db
from participation.types import utcnow


def enter_paper_ballot(
    actor: Any, budget_id: int, reference: str, choices: list[tuple[int, int | None]]
) -> Ballot:
    """Staff type in a paper ballot; it counts once a second person checks it."""
    budget = get_budget(budget_id)
    require(actor, "manage_budgets", budget.process)
    reference = (reference or "").strip()
    errors = ballot_errors(budget.process, budget, choices)
    if not reference:
        errors["reference"] = _("Give the paper ballot's reference number.")
    if errors:
        raise Invalid(errors)
    ballot = Ballot(
        budget_id=budget.id,
        voter_key=f"paper:{reference}",
        receipt=new_receipt(),
        source="paper",
        entered_by_id=actor.id,
        items=[
            BallotItem(proposal_id=i, position=n, points=p)
            for n, (i, p) in enumerate(choices)
        ],
    )
    db.session.add(ballot)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Invalid(
            {"reference": _("A paper ballot with this reference is already entered.")}
        ) from None
    record_action(actor, "ballot.paper.enter", "ballot", ballot.id)
    db.session.commit()
    return ballot


def check_paper_ballot(actor: Any, ballot_id: int) -> Ballot:
    """A second member of staff confirms a paper ballot matches the paper."""
    ballot = db.session.get(Ballot, ballot_id)
    if ballot is None or ballot.source != "paper":
        raise NotFound("ballot")
    budget = get_budget(ballot.budget_id)
    require(actor, "manage_budgets", budget.process)
    if ballot.entered_by_id == actor.id:
        raise Invalid({"ballot": _("The check must be made by another person.")})
    ballot.checked_by_id, ballot.checked_at = actor.id, utcnow()
    record_action(actor, "ballot.paper.check", "ballot", ballot.id)
    db.session.commit()
    return ballot


def paper_ballots(budget: Budget) -> list[Ballot]:
    """The budget's paper ballots, those awaiting their check first."""
    return list(
        db.session.scalars(
            select(Ballot)
            .where(Ballot.budget_id == budget.id, Ballot.source == "paper")
            .options(selectinload(Ballot.items))
            .order_by(Ballot.checked_at.is_not(None), Ballot.id)
        )
    )
