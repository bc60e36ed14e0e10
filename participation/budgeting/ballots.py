"""Ballots (one per person per budget, receipts, paper ballots checked by a second
person) and the tally of a budget by its published rule."""

import secrets
from typing import Any, NamedTuple

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from participation.auth.permissions import require
from participation.budgeting.models import (
    Ballot,
    BallotItem,
    Budget,
    BudgetProcess,
    Proposal,
)
from participation.budgeting.rules import Election, Outcome, tally
from participation.budgeting.services import (
    CLOSED,
    VOTING,
    get_budget,
    on_ballot,
    phase,
)
from participation.core.audit import record_action
from participation.errors import Invalid, NotFound
from participation.extensions import db, one_at_a_time
from participation.ladder.freshness import mark_stale
from participation.types import utcnow


def may_vote(user: Any, budget: Budget) -> tuple[bool, str]:
    """Whether `user` may vote in this budget, and if not, why."""
    if not getattr(user, "is_authenticated", False):
        return False, _("Sign in to vote.")
    if not user.is_confirmed:
        return False, _(
            "Confirm your email address to vote: follow the link we sent to it "
            "(the banner at the top of the page sends it again)."
        )
    if budget.district_id is not None and user.district_id != budget.district_id:
        return False, _(
            "This budget is for the residents of %(district)s. Say where you live on "
            "your account page.",
            district=budget.district.name,
        )
    if (
        budget.district_id is not None
        and budget.process.verified_districts_only
        and user.district_verified_at is None
    ):
        return False, _(
            "This budget's voters have their district checked by the city: bring "
            "proof of address to a city desk, then vote."
        )
    return True, ""


def ballot_errors(
    process: BudgetProcess,
    budget: Budget,
    choices: list[tuple[int, int | None]],
    offered: list[Proposal] | None = None,
) -> dict[str, str]:
    """What is wrong with a ballot: (proposal id, points) in the voter's order."""
    offered = {p.id: p for p in (on_ballot(budget) if offered is None else offered)}
    ids = [proposal_id for proposal_id, _points in choices]
    errors: dict[str, str] = {}
    if not ids:
        return {"ballot": _("Choose at least one project.")}
    if any(i not in offered for i in ids):
        return {"ballot": _("Choose among the projects on the ballot.")}
    if len(set(ids)) != len(ids):
        return {"ballot": _("Each project can appear once on a ballot.")}
    kind = process.vote_type
    total = sum(offered[i].ballot_cost for i in ids)
    if kind == "choose-1" and len(ids) != 1:
        errors["ballot"] = _("Choose exactly one project.")
    elif process.min_projects and len(ids) < process.min_projects:
        errors["ballot"] = _(
            "Choose at least %(num)d projects.", num=process.min_projects
        )
    elif process.max_projects and len(ids) > process.max_projects:
        errors["ballot"] = _(
            "Choose at most %(num)d projects.", num=process.max_projects
        )
    elif kind == "approval" and process.limit_to_budget and total > budget.amount:
        errors["ballot"] = _(
            "Your choice costs %(total)s, more than the budget of %(amount)s.",
            total=format_decimal(total),
            amount=format_decimal(budget.amount),
        )
    elif kind == "cumulative":
        points = [p for _i, p in choices]
        if any(p is None or p <= 0 for p in points):
            errors["ballot"] = _("Give each chosen project at least one point.")
        elif process.max_points and sum(points) > process.max_points:
            errors["ballot"] = _(
                "You gave %(given)d points; at most %(limit)d can be shared out.",
                given=sum(points),
                limit=process.max_points,
            )
    return errors


def new_receipt() -> str:
    # 10 characters from an unambiguous alphabet: easy to copy, hard to guess.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Cast(NamedTuple):
    """A recorded ballot: its id and the receipt code its voter keeps."""

    id: int
    receipt: str


_BALLOT = Ballot.__table__
_ITEM = BallotItem.__table__
_INSERT_BALLOT = insert(_BALLOT).returning(_BALLOT.c.id)
_INSERT_ITEMS = insert(_ITEM)


def cast_ballot(
    user: Any,
    budget_id: int,
    choices: list[tuple[int, int | None]],
    age_confirmed: bool = True,
    offered: list[Proposal] | None = None,
) -> Cast:
    """Record (or, until voting closes, replace) a resident's ballot for one budget.
    One ballot per person per budget, by the database, also under concurrent posts.
    `offered`: the budget's ballot (on_ballot) when the caller has it already."""
    budget = get_budget(budget_id)
    process = budget.process
    if phase(process) != VOTING:
        raise Invalid({"ballot": _("Voting is not open.")})
    allowed, reason = may_vote(user, budget)
    if not allowed:
        raise Invalid({"ballot": reason})
    if process.min_age and not age_confirmed:
        raise Invalid(
            {
                "age": _(
                    "Voters must be at least %(age)d years old.", age=process.min_age
                )
            }
        )
    errors = ballot_errors(process, budget, choices, offered)
    if errors:
        raise Invalid(errors)
    key = f"user:{user.id}"
    # A double click: the second post waits, then replaces what the first stored.
    one_at_a_time("ballot", budget.id, key)
    existing = db.session.execute(
        select(_BALLOT.c.id, _BALLOT.c.receipt).where(
            _BALLOT.c.budget_id == budget.id, _BALLOT.c.voter_key == key
        )
    ).first()
    now = utcnow()
    # Every check is done: the writes follow as a few plain statements, so the
    # database's write lock is held briefly.
    connection = db.session.connection()
    try:
        if existing is None:
            receipt = new_receipt()
            ballot_id = connection.execute(
                _INSERT_BALLOT,
                {
                    "budget_id": budget.id,
                    "voter_key": key,
                    "user_id": user.id,
                    "receipt": receipt,
                    "source": "web",
                    "created_at": now,
                    "updated_at": now,
                },
            ).scalar_one()
            cast = Cast(ballot_id, receipt)
            mark_stale(people=[process.id])  # a new voter (plain insert)
        else:
            cast = Cast(existing.id, existing.receipt)
            connection.execute(delete(_ITEM).where(_ITEM.c.ballot_id == cast.id))
            connection.execute(
                update(_BALLOT).where(_BALLOT.c.id == cast.id).values(updated_at=now)
            )
        connection.execute(
            _INSERT_ITEMS,
            [
                {"ballot_id": cast.id, "proposal_id": i, "position": n, "points": p}
                for n, (i, p) in enumerate(choices)
            ],
        )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Invalid(
            {"ballot": _("Your ballot was already recorded: change it instead.")}
        ) from None
    return cast


def own_ballot(user: Any, budget: Budget) -> Ballot | None:
    """The signed-in resident's ballot for this budget, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalars(
        select(Ballot)
        .where(Ballot.budget_id == budget.id, Ballot.voter_key == f"user:{user.id}")
        .options(selectinload(Ballot.items))
    ).first()


def check_receipt(code: str) -> Ballot | None:
    """The ballot behind a receipt code (for its voter to see it counted)."""
    code = (code or "").strip().upper()
    if not code:
        return None
    return db.session.scalars(
        select(Ballot).where(Ballot.receipt == code).options(selectinload(Ballot.items))
    ).first()


def election_of(budget: Budget) -> tuple[Election, dict[str, Proposal]]:
    """The budget as the rules read it: the projects on the ballot (ids as text) and
    every counted ballot."""
    proposals = {str(p.id): p for p in on_ballot(budget)}
    ballots = db.session.scalars(
        select(Ballot)
        .where(Ballot.budget_id == budget.id)
        .options(selectinload(Ballot.items))
        .order_by(Ballot.id)
    )
    counted = [
        (
            tuple(str(i.proposal_id) for i in b.items),
            tuple(float(i.points) for i in b.items)
            if budget.process.vote_type == "cumulative"
            else None,
        )
        for b in ballots
        if b.counted and b.items
    ]
    election = Election(
        budget=budget.amount,
        costs={k: p.ballot_cost for k, p in proposals.items()},
        ballots=counted,
        vote_type=budget.process.vote_type,
    )
    return election, proposals


def publish_results(actor: Any, process_id: int) -> BudgetProcess:
    """After voting: tally every budget by the rule and publish the outcomes."""
    process = db.session.get(BudgetProcess, process_id)
    if process is None:
        raise NotFound("process")
    require(actor, "manage_budgets", process)
    if phase(process) != CLOSED:
        raise Invalid({"results": _("Results are published after voting closes.")})
    for budget in process.budgets:
        election, _proposals = election_of(budget)
        outcome = _outcome(election, process.rule)
        # With the outcome and its reasons, the full tally: ballots counted and each
        # project's votes (points for cumulative ballots).
        budget.outcome = {
            **outcome.as_record(),
            "tally": {
                "ballots": len(election.ballots),
                "votes": election.counted_scores(),
            },
        }
    process.results_published_at = utcnow()
    record_action(actor, "budget.results", "engagement", process.id)
    db.session.commit()
    return process


def tally_budget(budget_id: int) -> tuple[Outcome, dict[str, Proposal]]:
    """The outcome of one budget by its process's rule."""
    budget = get_budget(budget_id)
    election, proposals = election_of(budget)
    return _outcome(election, budget.process.rule), proposals


def _outcome(election: Election, rule: str) -> Outcome:
    if not election.ballots or not election.costs:
        return Outcome(rule=rule, selected=[], cost=0)
    return tally(election, rule)
