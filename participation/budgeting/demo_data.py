"""The demo city's participatory budgets: proposals with verdicts, ballots from a
seeded crowd of demo voters (some signed in), and last year's published results."""

import random
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from participation.budgeting import ballots, delivery, services
from participation.budgeting.models import (
    Ballot,
    BallotItem,
    Budget,
    BudgetProcess,
    Proposal,
)
from participation.core import geo
from participation.core.models import District
from participation.extensions import db
from participation.plug import DemoCity

# (title, cost, from residents)
IDEAS = [
    ("Shade trees along the Quay walk", 85_000, True),
    ("Outdoor gym in Southmead park", 60_000, True),
    ("Safe bike parking at the station", 120_000, True),
    ("Drinking fountains in every district", 45_000, True),
    ("Repair of the Old Quays footbridge", 310_000, False),
    ("Community fridge and repair café", 30_000, True),
    ("Playground for children with disabilities", 180_000, True),
    ("Library open on Sunday afternoons", 95_000, True),
    ("Wildflower meadows on roadside verges", 25_000, True),
    ("LED lighting for the river path", 140_000, False),
    ("Skate park extension", 150_000, True),
    ("Benches and shelters at bus stops", 70_000, True),
]
VERDICTS = [
    ("feasible", "Checked by the parks and roads teams.", None),
    ("not_feasible", "The land belongs to the port authority, not the city.", None),
    ("feasible", "Feasible at a lower cost with standard equipment.", 0.8),
]


def _proposals(budget: Budget, count: int, reviewed: bool, rng: random.Random):
    proposals = []
    # The city's own bounds are stored last (the demo's "complete" mark): use the
    # districts' outlines.
    south, west, north, east = geo.bounds_of(
        db.session.scalars(select(District.boundary))
    )
    opened = budget.process.opens_at
    for n, (title, cost, residents) in enumerate(IDEAS[:count]):
        verdict, reason, factor = (
            VERDICTS[n % len(VERDICTS)] if reviewed else ("pending", "", None)
        )
        proposals.append(
            Proposal(
                budget_id=budget.id,
                title=title,
                description="",
                cost=cost,
                revised_cost=int(cost * factor) if factor else None,
                from_residents=residents,
                verdict=verdict,
                verdict_reason=reason,
                support_count=rng.randint(3, 60),
                # A place inside the city for most ideas (some are city-wide).
                lat=south + (north - south) * rng.uniform(0.2, 0.8) if n % 4 else None,
                lon=west + (east - west) * rng.uniform(0.2, 0.8) if n % 4 else None,
                created_at=opened + timedelta(days=1 + n),
            )
        )
    db.session.add_all(proposals)
    db.session.flush()
    return [p for p in proposals if p.verdict == "feasible"]


# Demo residents who vote signed in (the others vote with a code, "demo:<n>"):
# neighbours 0–239 in last year's budget, 180–299 in the Youth Fund, so the city
# report has residents who came back, and new ones.
NEIGHBOURS = 300
SIGNED_IN_BUDGET, SIGNED_IN_YOUTH = range(0, 240), range(180, 300)


def _neighbours() -> list[int]:
    """The demo's signed-in voters: accounts nobody can sign in to (no password);
    two in three gave their age group (fewer of the young and the old)."""
    from participation.auth.models import User
    from participation.types import utcnow

    ages = ["18_29", "30_44", "30_44", "45_64", "45_64", "65_plus", "under_18"]
    users = [
        User(
            email=f"neighbour{n:03d}@demo.city",
            display_name=f"Neighbour {n}",
            password_hash="!",  # matches no password
            email_confirmed_at=utcnow(),
            age_group=ages[n % len(ages)] if n % 3 else None,
            age_group_consented_at=utcnow() if n % 3 else None,
        )
        for n in range(NEIGHBOURS)
    ]
    db.session.add_all(users)
    db.session.flush()
    return [u.id for u in users]


def _crowd(
    budget: Budget,
    offered: list[Proposal],
    voters: int,
    kind: str,
    rng,
    accounts: list[int],
):
    """Seeded demo ballots: the first ones by the accounts given, the others by
    voters with a code ("demo:<n>")."""
    popularity = [0.15 + 0.5 * rng.random() for _ in offered]
    for n in range(voters):
        chosen = [
            p
            for p, weight in zip(offered, popularity, strict=True)
            if rng.random() < weight
        ]
        if not chosen:
            chosen = [rng.choice(offered)]
        if kind == "cumulative":
            chosen = chosen[:3]
            points = [10 // len(chosen)] * len(chosen)
        else:
            points = [None] * len(chosen)
        db.session.add(
            Ballot(
                budget_id=budget.id,
                voter_key=f"user:{accounts[n]}" if n < len(accounts) else f"demo:{n}",
                user_id=accounts[n] if n < len(accounts) else None,
                receipt=f"DEMO{budget.id:03d}{n:05d}",
                items=[
                    BallotItem(proposal_id=p.id, position=k, points=x)
                    for k, (p, x) in enumerate(zip(chosen, points, strict=True))
                ],
            )
        )


def fill_budgets(city: DemoCity) -> None:
    """Give the demo's budget processes phases, budgets, proposals and ballots."""
    planner = city.planner
    rng = random.Random(2026)
    neighbours = _neighbours()
    for process in db.session.scalars(select(BudgetProcess).order_by("id")):
        span = (process.closes_at - process.opens_at) if process.closes_at else None
        if span is None:
            continue
        process.ideas_close_at = process.opens_at + span * 0.4
        process.voting_opens_at = process.opens_at + span * 0.6
        process.commitment_url = (
            "https://example.org/council/participatory-budget-rules"
        )
        cumulative = "Youth" in process.title
        process.vote_type = "cumulative" if cumulative else "approval"
        process.max_points = 10 if cumulative else None
        process.rule = "greedy" if cumulative else "equalshares/add1"
        amount = 150_000 if cumulative else 600_000
        budget = Budget(
            name=process.title, amount=amount, district_id=process.district_id
        )
        process.budgets = [budget]
        db.session.flush()
        state = services.phase(process)
        offered = _proposals(budget, 6 if cumulative else 12, state != "ideas", rng)
        if state in ("voting", "closed"):
            signed_in = SIGNED_IN_YOUTH if cumulative else SIGNED_IN_BUDGET
            _crowd(
                budget,
                offered,
                120 if cumulative else 400,
                process.vote_type,
                rng,
                [neighbours[n] for n in signed_in],
            )
        if state == "closed":
            process.deliver_by = (process.closes_at + timedelta(days=365)).date()
        db.session.commit()
        if state == "closed":
            ballots.publish_results(planner, process.id)
            _delivery(planner, budget)


# (step, months after the vote it was planned for, status, days late, share spent)
PLAN = [
    ("Design and permits", 2, "delivered", 0, 0.1),
    ("Order and build", 6, "delivered", 0, 0.9),
]


def _delivery(planner: Any, budget: Budget) -> None:
    """Last year's winners being built: most on time, one late, one under way."""
    voted = budget.process.closes_at.date()
    today = delivery.city_today()
    for n, key in enumerate(delivery.winners(budget)):
        proposal = db.session.get(Proposal, int(key))
        for step, months, status, late, share in PLAN:
            planned = voted + timedelta(days=30 * months)
            done = planned + timedelta(days=late + 21 * (n % 3 == 1))
            if n % 4 == 3 and months == 6:
                status = "in_progress"
            if status == "delivered" and done > today:
                status = "in_progress"
            delivery.add_milestone(
                planner,
                proposal.id,
                delivery.MilestoneData(
                    title=step,
                    planned_for=planned,
                    status=status,
                    done_on=done if status == "delivered" else None,
                    spent=int(proposal.ballot_cost * share),
                ),
            )
