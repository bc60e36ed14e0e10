"""Setting up a participatory budget: its rules (fixed once voting opens), budgets, and
the moves from phase to phase."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from participation.budgeting import moves, planning, services
from participation.budgeting.models import Budget, Proposal
from participation.core.audit import AuditEntry
from participation.errors import Invalid, NotAllowed
from participation.types import utcnow
from tests.budgeting.conftest import put_on_ballot


def data(**fields) -> planning.ProcessData:
    now = utcnow()
    values = {
        "title": "Riverford decides 2027",
        "opens_at": now + timedelta(days=1),
        "ideas_close_at": now + timedelta(days=20),
        "voting_opens_at": now + timedelta(days=40),
        "closes_at": now + timedelta(days=50),
        "claimed_rung": 6,
        **fields,
    }
    if values["closes_at"] == "voting_opens_at":
        values["closes_at"] = values["voting_opens_at"]
    return planning.ProcessData(**values)


def test_a_planner_creates_a_process_with_its_rules(db, make_project, make_user):
    planner = make_user("planner")
    project = make_project(actor=planner)
    process = planning.create_process(
        planner,
        project.id,
        data(vote_type="cumulative", max_points=10, rule="greedy", min_age=16),
    )
    assert process.kind == "budget_process" and process.max_points == 10
    assert services.phase(process) == services.UPCOMING
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "budget.create")
    ).one()
    assert entry.after["rule"] == "greedy"
    with pytest.raises(NotAllowed):
        planning.create_process(make_user(), project.id, data())


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"ideas_close_at": None}, "ideas_close_at", "required"),
        (
            {"voting_opens_at": utcnow() + timedelta(days=10)},
            "voting_opens_at",
            "comes before the previous one",
        ),
        ({"closes_at": "voting_opens_at"}, "closes_at", "after it opens"),
        ({"rule": "majority"}, "rule", "Choose a rule"),
        ({"vote_type": "veto"}, "vote_type", "Choose a kind of ballot"),
        ({"vote_type": "cumulative"}, "max_points", "how many points"),
        ({"min_projects": 4, "max_projects": 2}, "max_projects", "at least the fewest"),
        ({"min_age": 200}, "min_age", "between 1 and 120"),
        ({"commitment_url": "council minutes"}, "commitment_url", "https://"),
        ({"title": " "}, "title", "required"),
        ({"deliver_by": utcnow().date()}, "deliver_by", "after the vote"),
    ],
)
def test_bad_set_ups_are_refused_field_by_field(
    db, make_project, make_user, fields, field, message
):
    planner = make_user("planner")
    project = make_project(actor=planner)
    with pytest.raises(Invalid) as error:
        planning.create_process(planner, project.id, data(**fields))
    assert message in error.value.errors[field]


def test_the_rules_are_fixed_once_voting_opens(db, make_process):
    process = make_process("voting", rule="equalshares/add1")
    same = {
        name: getattr(process, name)
        for name in [
            "title",
            "opens_at",
            "ideas_close_at",
            "voting_opens_at",
            "closes_at",
            "claimed_rung",
            "vote_type",
            "rule",
            "max_points",
            "min_age",
            "binding",
            "commitment_url",
        ]
    }
    with pytest.raises(Invalid) as error:
        planning.update_process(
            process.planner, process.id, data(**{**same, "rule": "greedy"})
        )
    assert "the ballot and the rule stay" in error.value.errors["rule"]
    # Extending voting is still possible; the title may be corrected.
    later = process.closes_at + timedelta(days=3)
    planning.update_process(
        process.planner,
        process.id,
        data(**{**same, "closes_at": later, "title": "Riverford decides!"}),
    )
    db.session.refresh(process)
    assert process.closes_at == later and process.rule == "equalshares/add1"


def test_the_promised_delivery_date_only_comes_earlier_after_the_vote(db, make_process):
    process = make_process("closed")
    process.deliver_by = (utcnow() + timedelta(days=200)).date()
    db.session.commit()
    fields = {
        name: getattr(process, name)
        for name in [
            "title", "opens_at", "ideas_close_at", "voting_opens_at", "closes_at",
            "claimed_rung", "vote_type", "rule", "binding",
        ]
    }  # fmt: skip
    later = process.deliver_by + timedelta(days=30)
    with pytest.raises(Invalid) as error:
        planning.update_process(
            process.planner, process.id, data(**fields, deliver_by=later)
        )
    assert "only come earlier" in error.value.errors["deliver_by"]
    sooner = process.deliver_by - timedelta(days=30)
    planning.update_process(
        process.planner, process.id, data(**fields, deliver_by=sooner)
    )
    assert process.deliver_by == sooner


def test_budgets_are_added_changed_and_removed_before_voting_only(
    db, make_process, square_city
):
    process = make_process("ideas")
    from participation.core.services import list_districts

    west = list_districts()[0]
    budget = planning.add_budget(
        process.planner, process.id, planning.BudgetData("West", 20_000, west.id)
    )
    assert budget.district_id == west.id
    with pytest.raises(Invalid) as error:
        planning.add_budget(process.planner, process.id, planning.BudgetData("East", 0))
    assert "above zero" in error.value.errors["amount"]
    planning.update_budget(
        process.planner, budget.id, planning.BudgetData("West side", 25_000, west.id)
    )
    assert db.session.get(Budget, budget.id).amount == 25_000
    # A budget residents have proposed for stays.
    first = process.budgets[0]
    db.session.add(Proposal(budget_id=first.id, title="Trees", cost=5_000))
    db.session.commit()
    with pytest.raises(Invalid):
        planning.remove_budget(process.planner, first.id)
    planning.remove_budget(process.planner, budget.id)
    assert db.session.get(Budget, budget.id) is None
    voting = make_process("voting")
    with pytest.raises(Invalid) as error:
        planning.add_budget(voting.planner, voting.id, planning.BudgetData("More", 5))
    assert "Voting has opened" in error.value.errors["name"]


def test_phase_moves_in_order_and_voting_waits_for_every_verdict(db, make_process):
    process = make_process("ideas")
    budget = process.budgets[0]
    db.session.add(Proposal(budget_id=budget.id, title="Trees", cost=5_000))
    db.session.commit()
    assert moves.next_move(process) == "end_ideas"
    with pytest.raises(Invalid):
        moves.move_on(process.planner, process.id, "close_voting")
    moves.move_on(process.planner, process.id, "end_ideas")
    assert services.phase(process) == services.REVIEW
    with pytest.raises(Invalid) as error:
        moves.move_on(process.planner, process.id, "open_voting")
    assert "1 proposal awaits its verdict" in error.value.errors["move"]
    proposal = db.session.scalars(select(Proposal)).one()
    services.review_proposal(
        process.planner, proposal.id, "not_feasible", "Private land."
    )
    with pytest.raises(Invalid) as error:
        moves.move_on(process.planner, process.id, "open_voting")
    assert "no feasible proposal" in error.value.errors["move"]
    put_on_ballot(db, budget, 10_000)
    moves.move_on(process.planner, process.id, "open_voting")
    assert services.phase(process) == services.VOTING
    moves.move_on(process.planner, process.id, "close_voting")
    assert services.phase(process) == services.CLOSED
    assert moves.next_move(process) is None
