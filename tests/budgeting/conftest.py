"""Fixtures of the budgeting tests: a process in a given phase, projects on its ballot."""

from datetime import timedelta

import pytest

from participation.budgeting.models import Budget, BudgetProcess, Proposal
from participation.types import utcnow


@pytest.fixture
def make_process(db, make_project, make_user):
    """A process in the given phase with one city-wide budget of 100,000."""

    def factory(phase="voting", vote_type="approval", district_id=None, **fields):
        now = utcnow()
        dates = {
            "ideas": (now - timedelta(days=1), now + timedelta(days=10), None),
            "review": (now - timedelta(days=20), now - timedelta(days=5), None),
            "voting": (now - timedelta(days=30), now - timedelta(days=20), now),
            "closed": (now - timedelta(days=30), now - timedelta(days=20), now),
        }[phase]
        planner = make_user("planner")
        project = make_project(actor=planner)
        process = BudgetProcess(
            project=project,
            title="Riverford decides",
            opens_at=dates[0],
            ideas_close_at=dates[1],
            voting_opens_at=(dates[2] - timedelta(days=1)) if dates[2] else None,
            closes_at=(now - timedelta(hours=1))
            if phase == "closed"
            else now + timedelta(days=30),
            claimed_rung=7,
            vote_type=vote_type,
            **fields,
        )
        process.budgets = [
            Budget(name="City-wide", amount=100_000, district_id=district_id)
        ]
        db.session.add(process)
        db.session.commit()
        process.planner = planner
        return process

    return factory


def put_on_ballot(db, budget, *costs):
    proposals = [
        Proposal(
            budget_id=budget.id,
            title=f"Project {n}",
            cost=cost,
            verdict="feasible",
            verdict_reason="Checked.",
        )
        for n, cost in enumerate(costs, 1)
    ]
    db.session.add_all(proposals)
    db.session.commit()
    return proposals
