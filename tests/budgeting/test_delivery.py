"""Building the winners: milestones, money spent and delays, public."""

from datetime import date, timedelta

import pytest

from participation.budgeting import ballots, delivery
from participation.budgeting.delivery import MilestoneData, progress
from participation.budgeting.models import Milestone
from participation.errors import Invalid, NotAllowed
from participation.types import utcnow
from tests.budgeting.conftest import put_on_ballot


@pytest.fixture
def winner(db, make_process, make_user):
    process = make_process("voting", rule="greedy")
    budget = process.budgets[0]
    win, lose = put_on_ballot(db, budget, 60_000, 50_000)
    ballots.cast_ballot(make_user(), budget.id, [(win.id, None)])
    ballots.cast_ballot(make_user(), budget.id, [(win.id, None), (lose.id, None)])
    process.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    ballots.publish_results(process.planner, process.id)
    win.loser, win.planner = lose, process.planner
    return win


def step(**fields) -> Milestone:
    values = {"title": "Step", "planned_for": date(2027, 3, 1), "status": "planned"}
    return Milestone(**{**values, **fields})


def test_progress_of_a_winner_from_its_milestones():
    today = date(2027, 4, 1)
    assert progress([], today).status == "not_started"
    plan = [step(), step(planned_for=date(2027, 5, 1))]
    assert progress(plan, today).status == "planned"
    assert progress(plan, today).delay_days == 31  # the first step is a month late
    plan[0].status, plan[0].done_on, plan[0].spent = "delivered", date(2027, 2, 20), 9
    assert progress(plan, today).status == "in_progress"
    assert not progress(plan, today).late and progress(plan, today).spent == 9
    plan[1].status, plan[1].done_on, plan[1].spent = "delivered", date(2027, 5, 11), 40
    done = progress(plan, date(2027, 6, 1))
    assert (done.status, done.spent, done.delivered_on) == (
        "delivered",
        40,
        date(2027, 5, 11),
    )
    assert done.delay_days == 10  # delivered ten days after the plan


def test_staff_track_a_winner_and_only_winners(db, winner, make_user):
    planned = date.today() + timedelta(days=30)
    milestone = delivery.add_milestone(
        winner.planner, winner.id, MilestoneData("Order the benches", planned)
    )
    with pytest.raises(Invalid) as error:
        delivery.add_milestone(
            winner.planner, winner.loser.id, MilestoneData("Order", planned)
        )
    assert "Only winning projects" in error.value.errors["title"]
    with pytest.raises(NotAllowed):
        delivery.add_milestone(make_user(), winner.id, MilestoneData("Order", planned))
    with pytest.raises(Invalid) as error:
        delivery.update_milestone(
            winner.planner,
            milestone.id,
            MilestoneData("Order the benches", planned, status="delivered"),
        )
    assert "date it was delivered" in error.value.errors["done_on"]
    with pytest.raises(Invalid) as error:
        delivery.update_milestone(
            winner.planner,
            milestone.id,
            MilestoneData("Order", planned, status="delivered", done_on=planned),
        )
    assert "future" in error.value.errors["done_on"]
    yesterday = delivery.city_today() - timedelta(days=1)
    delivery.update_milestone(
        winner.planner,
        milestone.id,
        MilestoneData(
            "Order the benches", planned, status="delivered", done_on=yesterday,
            spent=58_500,
        ),
    )  # fmt: skip
    [(proposal, state)] = delivery.delivery_of(winner.budget.process)
    assert proposal.id == winner.id
    assert (state.status, state.spent, state.late) == ("delivered", 58_500, False)


def test_the_proposal_page_shows_the_delivery_and_its_delay(client, db, winner):
    late = delivery.city_today() - timedelta(days=12)
    delivery.add_milestone(
        winner.planner, winner.id, MilestoneData("Install the benches", late, spent=1)
    )
    html = client.get(f"/budgets/proposals/{winner.id}").get_data(as_text=True)
    assert "Building it" in html and "Install the benches" in html
    assert "12 days late" in html
    results = client.get(f"/budgets/{winner.budget.process_id}/results")
    assert "12 days late" in results.get_data(as_text=True)
