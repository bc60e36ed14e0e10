"""Helpers of the budgeting tests: projects on a ballot (the process fixture,
make_process, is in tests/conftest.py: other features' tests use it too)."""

from participation.budgeting.models import Proposal


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
