"""The rules of a participatory budget: phases, proposals and their public review
(ballots and the tally: ballots.py)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.models import User
from participation.auth.permissions import require
from participation.budgeting.models import (
    VERDICTS,
    Budget,
    BudgetProcess,
    Proposal,
    ProposalSupport,
)
from participation.core.audit import record_action
from participation.core.checks import check_language, check_text
from participation.core.photos import clean_photo, store_photo
from participation.core.places import district_at, location_error
from participation.core.support import count_once
from participation.errors import Invalid
from participation.extensions import db
from participation.lookup import stored
from participation.types import utcnow

IDEAS, REVIEW, VOTING, CLOSED, UPCOMING = (
    "ideas",
    "review",
    "voting",
    "closed",
    "upcoming",
)


def phase(process: BudgetProcess, now: datetime | None = None) -> str:
    """upcoming, ideas, review, voting or closed at `now`."""
    now = now or utcnow()
    if now < process.opens_at:
        return UPCOMING
    if process.closes_at is not None and now >= process.closes_at:
        return CLOSED
    if process.voting_opens_at is not None and now >= process.voting_opens_at:
        return VOTING
    if process.ideas_close_at is not None and now >= process.ideas_close_at:
        return REVIEW
    return IDEAS


def get_process(process_id: int) -> BudgetProcess:
    """The participatory budget with this id, or NotFound."""
    return stored(BudgetProcess, process_id, "process")


def proposals_by_budget(process: BudgetProcess) -> dict[int, list[Proposal]]:
    """Every proposal of the process, by budget, in the order they came in."""
    rows = db.session.scalars(
        select(Proposal)
        .where(Proposal.budget_id.in_([b.id for b in process.budgets]))
        .order_by(Proposal.budget_id, Proposal.id)
    )
    grouped: dict[int, list[Proposal]] = {b.id: [] for b in process.budgets}
    for proposal in rows:
        grouped[proposal.budget_id].append(proposal)
    return grouped


def on_the_map(proposals: dict[int, list[Proposal]]) -> list[Proposal]:
    """The proposals with a place that are still in the running (not merged into
    another, not refused), for the process's map."""
    return [
        p
        for ps in proposals.values()
        for p in ps
        if p.lat is not None and p.verdict not in ("merged", "not_feasible")
    ]


def review_order(proposals: list[Proposal]) -> list[Proposal]:
    """A budget's proposals as staff review them: those awaiting a verdict first."""
    return sorted(proposals, key=lambda p: (p.verdict != "pending", p.id))


def get_budget(budget_id: int) -> Budget:
    return stored(Budget, budget_id, "budget")


def get_proposal(proposal_id: int) -> Proposal:
    return stored(Proposal, proposal_id, "proposal")


@dataclass
class ProposalData:
    title: str
    cost: int | None
    description: str = ""
    lat: float | None = None
    lon: float | None = None
    language: str = "en"
    show_name: bool = False
    photo: bytes | None = None  # as uploaded; stored cleaned of metadata


def submit_proposal(user: Any, budget_id: int, data: ProposalData) -> Proposal:
    """A resident proposes a project for a budget during the ideas phase."""
    budget = get_budget(budget_id)
    errors: dict[str, str] = {}
    if not getattr(user, "is_authenticated", False):
        errors["title"] = _("Sign in to propose a project.")
    elif phase(budget.process) != IDEAS:
        errors["title"] = _("Proposals are accepted during the ideas phase only.")
    data.title = (data.title or "").strip()
    check_text(errors, "title", data.title, 200)
    check_text(errors, "description", data.description or "", 5000, required=False)
    if data.cost is None or data.cost <= 0:
        errors["cost"] = _("Give an estimated cost above zero.")
    elif data.cost > budget.amount:
        errors["cost"] = _("The cost is above the whole budget.")
    if data.lat is not None or data.lon is not None:
        location = location_error(data.lat, data.lon)
        if location:
            errors["lat"] = location
    check_language(errors, data.language)
    photo = None
    if data.photo:
        try:
            photo = clean_photo(data.photo)
        except Invalid as error:
            errors.update(error.errors)
    if errors:
        raise Invalid(errors)
    proposal = Proposal(
        budget_id=budget.id,
        title=data.title,
        description=data.description or "",
        cost=data.cost,
        lat=data.lat,
        lon=data.lon,
        # A district budget's, else where the pin is (city-wide budgets).
        district_id=budget.district_id
        or (district_at(data.lat, data.lon) if data.lat is not None else None),
        author_id=user.id,
        show_name=bool(data.show_name),
        language=data.language,
        photo=store_photo(photo) if photo else None,
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def support_proposal(user: Any, proposal_id: int) -> Proposal:
    """A resident supports a proposal (once) during the ideas phase."""
    proposal = get_proposal(proposal_id)
    if phase(proposal.budget.process) != IDEAS:
        raise Invalid(
            {"proposal": _("Proposals are supported during the ideas phase.")}
        )
    return count_once(
        ProposalSupport(proposal_id=proposal.id, user_id=user.id),
        proposal,
        "proposal",
        _("You already support this proposal."),
    )


def supports(user: Any, proposal: Proposal) -> bool:
    """Whether the signed-in resident supports this proposal."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        db.session.scalars(
            select(ProposalSupport.id).where(
                ProposalSupport.proposal_id == proposal.id,
                ProposalSupport.user_id == user.id,
            )
        ).first()
        is not None
    )


def shown_author(proposal: Proposal) -> str | None:
    """The proposer's name, only if they chose to show it."""
    if not proposal.show_name or proposal.author_id is None:
        return None
    author = db.session.get(User, proposal.author_id)
    return author.display_name if author else None


def review_proposal(
    actor: Any,
    proposal_id: int,
    verdict: str,
    reason: str,
    revised_cost: int | None = None,
    merged_into_id: int | None = None,
) -> Proposal:
    """Staff's public verdict: feasible (maybe at a revised cost), merged into another
    proposal, or not feasible — always with a reason. Closed once voting opens."""
    proposal = get_proposal(proposal_id)
    process = proposal.budget.process
    require(actor, "manage_budgets", process)
    errors: dict[str, str] = {}
    reason = (reason or "").strip()
    if phase(process) in (VOTING, CLOSED):
        errors["verdict"] = _("Voting has opened: the ballot is final.")
    if verdict not in VERDICTS or verdict == "pending":
        errors["verdict"] = _("Choose a verdict from the list.")
    if not reason:
        errors["reason"] = _("Give the reason: the proposer and everyone read it.")
    if verdict == "feasible" and revised_cost is not None and revised_cost <= 0:
        errors["revised_cost"] = _("Give a cost above zero.")
    if verdict == "merged":
        target = db.session.get(Proposal, merged_into_id) if merged_into_id else None
        if (
            target is None
            or target.id == proposal.id
            or target.budget_id != proposal.budget_id
        ):
            errors["merged_into_id"] = _("Choose another proposal of the same budget.")
    if errors:
        raise Invalid(errors)
    proposal.verdict, proposal.verdict_reason = verdict, reason
    proposal.revised_cost = revised_cost if verdict == "feasible" else None
    proposal.merged_into_id = merged_into_id if verdict == "merged" else None
    proposal.reviewed_at = utcnow()
    record_action(
        actor,
        "proposal.review",
        "proposal",
        proposal.id,
        None,
        {"verdict": verdict, "reason": reason, "revised_cost": revised_cost},
    )
    db.session.commit()
    return proposal


def on_ballot(budget: Budget) -> list[Proposal]:
    """The proposals voters choose among: the feasible ones, in a stable order."""
    return list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.budget_id == budget.id, Proposal.verdict == "feasible")
            .order_by(Proposal.id)
        )
    )
