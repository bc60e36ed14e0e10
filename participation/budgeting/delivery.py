"""After the vote: building the winners. Each winner's milestones (planned, in progress,
delivered, with dates and the money spent) are public, and so are delays."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.permissions import require
from participation.budgeting.models import (
    MILESTONE_STATUSES,
    Budget,
    BudgetProcess,
    Milestone,
    Proposal,
)
from participation.budgeting.services import get_proposal
from participation.core.audit import record_action
from participation.core.checks import check_language, check_text
from participation.core.clock import to_city_time
from participation.core.services import get_city
from participation.errors import Invalid
from participation.extensions import db
from participation.lookup import stored
from participation.types import utcnow


def city_today() -> date:
    """Today's date in the city."""
    return to_city_time(utcnow(), get_city().timezone).date()


def winners(budget: Budget) -> list[str]:
    """The ids (as text) of the budget's published winners, in the rule's order."""
    return list((budget.outcome or {}).get("selected", []))


def is_winner(proposal: Proposal) -> bool:
    return str(proposal.id) in winners(proposal.budget)


@dataclass
class MilestoneData:
    title: str
    planned_for: date | None
    status: str = "planned"
    done_on: date | None = None
    spent: int | None = None
    note: str = ""
    language: str = "en"


def _errors(data: MilestoneData) -> dict[str, str]:
    errors: dict[str, str] = {}
    data.title = (data.title or "").strip()
    check_text(errors, "title", data.title, 200)
    check_text(errors, "note", data.note or "", 2000, required=False)
    if data.planned_for is None:
        errors["planned_for"] = _("Give the planned date.")
    if data.status not in MILESTONE_STATUSES:
        errors["status"] = _("Choose a status from the list.")
    elif data.status == "delivered" and data.done_on is None:
        errors["done_on"] = _("Give the date it was delivered.")
    elif data.status != "delivered":
        data.done_on = None
    if data.done_on is not None and data.done_on > city_today():
        errors["done_on"] = _("A delivery date cannot be in the future.")
    if data.spent is not None and data.spent < 0:
        errors["spent"] = _("Give an amount of zero or more.")
    check_language(errors, data.language)
    return errors


def add_milestone(actor: Any, proposal_id: int, data: MilestoneData) -> Milestone:
    """Plan a step of a winning project (staff)."""
    proposal = get_proposal(proposal_id)
    require(actor, "manage_budgets", proposal.budget.process)
    errors = _errors(data)
    if not is_winner(proposal):
        errors = {"title": _("Only winning projects are built and tracked.")}
    if errors:
        raise Invalid(errors)
    milestone = Milestone(proposal_id=proposal.id, **vars(data))
    db.session.add(milestone)
    db.session.flush()
    record_action(actor, "milestone.add", "milestone", milestone.id, None, _log(data))
    db.session.commit()
    return milestone


def get_milestone(milestone_id: int) -> Milestone:
    return stored(Milestone, milestone_id, "milestone")


def update_milestone(actor: Any, milestone_id: int, data: MilestoneData) -> Milestone:
    """Record progress on a step: its status, delivery date, money spent, a note."""
    milestone = get_milestone(milestone_id)
    proposal = get_proposal(milestone.proposal_id)
    require(actor, "manage_budgets", proposal.budget.process)
    errors = _errors(data)
    if errors:
        raise Invalid(errors)
    before = _log(milestone)
    for name, value in vars(data).items():
        setattr(milestone, name, value)
    milestone.updated_at = utcnow()
    record_action(
        actor, "milestone.update", "milestone", milestone.id, before, _log(milestone)
    )
    db.session.commit()
    return milestone


def _log(item: Any) -> dict[str, Any]:
    return {
        "title": item.title,
        "status": item.status,
        "planned_for": item.planned_for.isoformat() if item.planned_for else None,
        "done_on": item.done_on.isoformat() if item.done_on else None,
        "spent": item.spent,
    }


def milestones_of(proposal_ids: list[int]) -> dict[int, list[Milestone]]:
    """Every milestone of these proposals, by proposal, in planned order."""
    grouped: dict[int, list[Milestone]] = {i: [] for i in proposal_ids}
    if proposal_ids:
        for milestone in db.session.scalars(
            select(Milestone)
            .where(Milestone.proposal_id.in_(proposal_ids))
            .order_by(Milestone.planned_for, Milestone.id)
        ):
            grouped[milestone.proposal_id].append(milestone)
    return grouped


@dataclass
class Progress:
    """Where a winner stands: its status, money spent, and its delay in days."""

    status: str  # not_started, planned, in_progress, delivered
    spent: int | None
    delay_days: int
    delivered_on: date | None

    @property
    def late(self) -> bool:
        return self.delay_days > 0


def progress(milestones: list[Milestone], today: date | None = None) -> Progress:
    """A winner's progress from its milestones: delivered once every step is, late
    when any step passed its planned date undelivered or was delivered after it."""
    today = today or city_today()
    if not milestones:
        return Progress("not_started", None, 0, None)
    statuses = {m.status for m in milestones}
    if statuses == {"delivered"}:
        status = "delivered"
    elif statuses & {"in_progress", "delivered"}:
        status = "in_progress"
    else:
        status = "planned"
    spent_figures = [m.spent for m in milestones if m.spent is not None]
    delivered = [m.done_on for m in milestones if m.done_on]
    return Progress(
        status=status,
        # Each step records what was spent so far: the latest figure is the total.
        spent=spent_figures[-1] if spent_figures else None,
        delay_days=max(m.delay_days(today) for m in milestones),
        delivered_on=max(delivered) if status == "delivered" else None,
    )


def delivery_of(process: BudgetProcess) -> list[tuple[Proposal, Progress]]:
    """Every published winner of the process with its progress."""
    ids = [int(i) for b in process.budgets for i in winners(b)]
    proposals = {
        p.id: p
        for p in db.session.scalars(select(Proposal).where(Proposal.id.in_(ids)))
    }
    steps = milestones_of(ids)
    return [(proposals[i], progress(steps[i])) for i in ids if i in proposals]
