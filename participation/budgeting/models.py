"""Participatory budgeting: processes, their budgets, proposals, and ballots."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.budgeting.rules import RULES
from participation.core.models import Engagement
from participation.extensions import db
from participation.markers import N_
from participation.types import UTCDateTime, utcnow

VOTE_TYPES = {
    "approval": N_("Approval: tick the projects you support"),
    "cumulative": N_("Cumulative: share out points"),
    "ordinal": N_("Ranked: order the projects you prefer"),
    "choose-1": N_("Choose one project"),
}
RULE_NAMES = {
    "greedy": N_("Most votes first, while the money lasts"),
    "greedy-no-skip": N_("Most votes first, stopping at the first that does not fit"),
    "equalshares/add1": N_("Method of Equal Shares (with the add1 completion)"),
    "equalshares/add1-comparison": N_(
        "Method of Equal Shares, unless most votes first serves more voters"
    ),
}
assert set(RULE_NAMES) <= set(RULES)
MILESTONE_STATUSES = {
    "planned": N_("Planned"),
    "in_progress": N_("In progress"),
    "delivered": N_("Delivered"),
}
VERDICTS = {
    "pending": N_("Awaiting review"),
    "feasible": N_("Feasible"),
    "merged": N_("Merged into another proposal"),
    "not_feasible": N_("Not feasible"),
}


class BudgetProcess(Engagement):
    """A participatory budget: ideas (opens_at → ideas_close_at), review, voting
    (voting_opens_at → closes_at), results. Rule and ballot are fixed before voting."""

    __tablename__ = "budget_process"

    id: Mapped[int] = mapped_column(ForeignKey("engagement.id"), primary_key=True)
    ideas_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    voting_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    vote_type: Mapped[str] = mapped_column(
        String(16), default="approval", server_default="approval"
    )
    rule: Mapped[str] = mapped_column(
        String(40), default="equalshares/add1", server_default="equalshares/add1"
    )
    min_projects: Mapped[int | None]
    max_projects: Mapped[int | None]
    # Approval ballots may be limited to the budget's amount (running cost shown).
    limit_to_budget: Mapped[bool] = mapped_column(default=False, server_default="0")
    max_points: Mapped[int | None]  # cumulative ballots
    min_age: Mapped[int | None]
    # District budgets: only residents whose district staff have verified may vote.
    verified_districts_only: Mapped[bool] = mapped_column(
        default=False, server_default="0"
    )
    binding: Mapped[bool] = mapped_column(default=True, server_default="1")
    commitment_url: Mapped[str] = mapped_column(
        String(500), default="", server_default=""
    )
    results_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The city's promise: the winners are built by this date.
    deliver_by: Mapped[date | None]

    budgets: Mapped[list["Budget"]] = relationship(
        back_populates="process", order_by="Budget.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"polymorphic_identity": "budget_process"}
    __table_args__ = (
        CheckConstraint(
            "vote_type IN ('approval', 'cumulative', 'ordinal', 'choose-1')",
            name="vote_type",
        ),
    )


class Budget(db.Model):
    """An amount residents decide on: city-wide, or a district's."""

    __tablename__ = "budget"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("budget_process.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"))
    amount: Mapped[int]
    # The published outcome (Outcome.as_dict() with each project's reasons), computed
    # once when the results are published, so pages never re-run the rule.
    outcome: Mapped[dict | None] = mapped_column(JSON)

    process: Mapped[BudgetProcess] = relationship(back_populates="budgets")
    district = relationship("District")

    __table_args__ = (CheckConstraint("amount > 0", name="amount"),)


class Proposal(db.Model):
    """A resident's idea for a budget, and the city's public verdict on it."""

    __tablename__ = "proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(
        ForeignKey("budget.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="en")
    cost: Mapped[int]  # the proposer's estimate
    revised_cost: Mapped[int | None]  # the review's figure, when it differs
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"))
    photo: Mapped[str | None] = mapped_column(String(100))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    show_name: Mapped[bool] = mapped_column(default=False)
    # Proposals the city itself puts on the ballot are not residents'.
    from_residents: Mapped[bool] = mapped_column(default=True, server_default="1")
    verdict: Mapped[str] = mapped_column(
        String(16), default="pending", server_default="pending"
    )
    verdict_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposal.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    support_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    TRANSLATABLE = ("title", "description", "verdict_reason")

    budget: Mapped[Budget] = relationship()

    __table_args__ = (
        CheckConstraint("cost > 0", name="cost"),
        CheckConstraint(
            "verdict IN ('pending', 'feasible', 'merged', 'not_feasible')",
            name="verdict",
        ),
    )

    @property
    def ballot_cost(self) -> int:
        """The cost voters see and the tally uses."""
        return self.revised_cost or self.cost


class ProposalSupport(db.Model):
    """A resident's support of a proposal during the ideas phase: one each."""

    __tablename__ = "proposal_support"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))

    __table_args__ = (
        UniqueConstraint("proposal_id", "user_id", name="one_proposal_support"),
    )


class Ballot(db.Model):
    """One person's ballot for one budget, enforced by the database; its receipt code
    lets the voter check it is counted."""

    __tablename__ = "ballot"

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(
        ForeignKey("budget.id", ondelete="CASCADE"), index=True
    )
    # "user:<id>" for ballots cast online, "paper:<reference>" for paper ones.
    voter_key: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    receipt: Mapped[str] = mapped_column(String(32), unique=True)
    source: Mapped[str] = mapped_column(String(8), default="web")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # A paper ballot counts once a second member of staff has checked it: when, kept
    # apart from who, so it still counts once that account is deleted.
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list["BallotItem"]] = relationship(
        order_by="BallotItem.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("budget_id", "voter_key", name="one_ballot_per_budget"),
        CheckConstraint("source IN ('web', 'paper')", name="source"),
    )

    @property
    def counted(self) -> bool:
        return self.source == "web" or self.checked_at is not None


class BallotItem(db.Model):
    """One project on a ballot: its position (rank for ordinal ballots) and points."""

    __tablename__ = "ballot_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("ballot.id", ondelete="CASCADE"), index=True
    )
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(default=0)
    points: Mapped[int | None]

    __table_args__ = (
        UniqueConstraint("ballot_id", "proposal_id", name="one_item_per_project"),
    )


class Milestone(db.Model):
    """A step in building a winning project: planned for a date, in progress, or
    delivered (on a date, at a cost spent). Public; a late step shows its delay."""

    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    planned_for: Mapped[date]
    status: Mapped[str] = mapped_column(
        String(16), default="planned", server_default="planned"
    )
    done_on: Mapped[date | None]
    spent: Mapped[int | None]  # money spent on the project so far, at this step
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    language: Mapped[str] = mapped_column(String(16), default="en")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    TRANSLATABLE = ("title", "note")

    __table_args__ = (
        CheckConstraint(
            "status IN ('planned', 'in_progress', 'delivered')", name="status"
        ),
        CheckConstraint("spent IS NULL OR spent >= 0", name="spent"),
    )

    def delay_days(self, today: date) -> int:
        """Days past the planned date: delivered late, or not delivered by now."""
        end = self.done_on if self.status == "delivered" and self.done_on else today
        return max(0, (end - self.planned_for).days)
