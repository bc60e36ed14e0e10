"""What budgeting holds of a person: proposals, supports, ballots, paper ballots."""

from typing import Any

from sqlalchemy import String, cast, literal, update

from participation.auth.personal_data import DELETE, FORGET, jsonable
from participation.auth.personal_data import register as holds
from participation.budgeting.models import Ballot, Proposal, ProposalSupport
from participation.extensions import db


def _ballot(ballot: Ballot) -> dict[str, Any]:
    return {
        "id": ballot.id,
        "budget": ballot.budget_id,
        "receipt": ballot.receipt,
        "projects": [
            {"proposal": item.proposal_id, "points": item.points}
            for item in ballot.items
        ],
        "cast_at": jsonable(ballot.created_at),
        "updated_at": jsonable(ballot.updated_at),
    }


def _unlink_ballots(user: Any) -> None:
    # Ballots stay counted, without their voter: the key that kept one ballot per
    # person no longer names the account (whose id the database may reuse).
    db.session.execute(
        update(Ballot)
        .where(Ballot.user_id == user.id)
        .values(voter_key=literal("deleted:") + cast(Ballot.id, String))
    )


# Budgeting: a ballot stays counted (its receipt still checks), a proposal stays on
# the ballot; paper ballots keep their check (Ballot.checked_at) without the staff.
holds(
    Proposal.author_id,
    "budget_proposals",
    FORGET,
    "id budget=budget_id title description cost lat lon verdict name_shown=show_name "
    "created_at",
)
holds(
    ProposalSupport.user_id,
    "budget_proposals_supported",
    DELETE,
    "id proposal=proposal_id",
)
holds(Ballot.user_id, "budget_ballots", FORGET, record=_ballot, first=_unlink_ballots)
holds(
    Ballot.entered_by_id,
    "paper_ballots_entered",
    FORGET,
    "id budget=budget_id entered_at=created_at",
)
holds(
    Ballot.checked_by_id,
    "paper_ballots_checked",
    FORGET,
    "id budget=budget_id checked_at",
)
