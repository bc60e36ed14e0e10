"""The rules of a participatory budget in the database: proposals, review, ballots of
every type, receipts, paper ballots, the tally."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from participation.budgeting import ballots, services
from participation.budgeting import paper as paper_ballots
from participation.budgeting.models import Ballot, Proposal
from participation.budgeting.services import ProposalData
from participation.errors import Invalid, NotAllowed
from participation.ladder.facts import Fact
from participation.types import utcnow
from tests.budgeting.conftest import put_on_ballot


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_phases_follow_the_dates(make_process):
    for name in ("ideas", "review", "voting", "closed"):
        assert services.phase(make_process(name)) == name


def test_propose_support_and_review(db, make_process, make_user, square_city):
    process = make_process("ideas")
    budget = process.budgets[0]
    resident = make_user()
    proposal = services.submit_proposal(
        resident,
        budget.id,
        ProposalData("Benches by the river", 12_000, lat=52.84, lon=-7.40),
    )
    assert proposal.verdict == "pending" and proposal.from_residents
    with pytest.raises(Invalid) as error:
        services.submit_proposal(resident, budget.id, ProposalData(" ", 0))
    assert {"title", "cost"} <= set(error.value.errors)
    with pytest.raises(Invalid):
        services.submit_proposal(resident, budget.id, ProposalData("Too dear", 100_001))
    with pytest.raises(Invalid):
        services.submit_proposal(
            resident, budget.id, ProposalData("Far away", 10, lat=40.0, lon=-3.0)
        )
    services.support_proposal(make_user(), proposal.id)
    supporter = make_user()
    services.support_proposal(supporter, proposal.id)
    with pytest.raises(Invalid):
        services.support_proposal(supporter, proposal.id)
    assert db.session.get(Proposal, proposal.id).support_count == 2

    other = services.submit_proposal(resident, budget.id, ProposalData("Seats", 9_000))
    with pytest.raises(NotAllowed):
        services.review_proposal(resident, proposal.id, "feasible", "Fine")
    with pytest.raises(Invalid) as error:
        services.review_proposal(process.planner, proposal.id, "feasible", "")
    assert "reason" in error.value.errors
    services.review_proposal(
        process.planner, proposal.id, "feasible", "Cheaper benches", revised_cost=10_000
    )
    services.review_proposal(
        process.planner, other.id, "merged", "Same idea", merged_into_id=proposal.id
    )
    assert [p.id for p in services.on_ballot(budget)] == [proposal.id]
    assert proposal.ballot_cost == 10_000


def test_approval_ballot_limits_and_changes_until_closing(db, make_process, make_user):
    process = make_process(
        "voting", min_projects=1, max_projects=2, limit_to_budget=True
    )
    budget = process.budgets[0]
    a, b, c = put_on_ballot(db, budget, 60_000, 30_000, 20_000)
    voter = make_user()
    for choices, message in (
        ([], "at least one"),
        ([(a.id, None), (b.id, None), (c.id, None)], "at most 2"),
        ([(a.id, None), (a.id, None)], "once"),
        ([(999_999, None)], "on the ballot"),
    ):
        with pytest.raises(Invalid) as error:
            ballots.cast_ballot(voter, budget.id, choices)
        assert message in error.value.errors["ballot"]
    process.max_projects = 3
    db.session.commit()
    with pytest.raises(Invalid) as error:
        ballots.cast_ballot(
            voter, budget.id, [(a.id, None), (b.id, None), (c.id, None)]
        )
    assert "110,000" in error.value.errors["ballot"]
    assert count(db, Ballot) == 0
    first = ballots.cast_ballot(voter, budget.id, [(a.id, None), (b.id, None)])
    again = ballots.cast_ballot(voter, budget.id, [(c.id, None)])
    assert count(db, Ballot) == 1 and again.receipt == first.receipt
    assert [
        i.proposal_id for i in ballots.check_receipt(first.receipt.lower()).items
    ] == [c.id]
    assert ballots.check_receipt("NOPE") is None


def test_cumulative_ordinal_and_choose_one(db, make_process, make_user):
    cumulative = make_process("voting", vote_type="cumulative", max_points=10)
    budget = cumulative.budgets[0]
    a, b = put_on_ballot(db, budget, 50_000, 40_000)
    voter = make_user()
    with pytest.raises(Invalid):
        ballots.cast_ballot(voter, budget.id, [(a.id, 8), (b.id, 3)])
    with pytest.raises(Invalid):
        ballots.cast_ballot(voter, budget.id, [(a.id, 0)])
    ballots.cast_ballot(voter, budget.id, [(a.id, 7), (b.id, 3)])
    election, _ = ballots.election_of(budget)
    assert election.ballots == [((str(a.id), str(b.id)), (7.0, 3.0))]

    one = make_process("voting", vote_type="choose-1")
    budget = one.budgets[0]
    x, y = put_on_ballot(db, budget, 10_000, 20_000)
    with pytest.raises(Invalid):
        ballots.cast_ballot(voter, budget.id, [(x.id, None), (y.id, None)])
    ballots.cast_ballot(voter, budget.id, [(y.id, None)])

    ordinal = make_process("voting", vote_type="ordinal", rule="greedy")
    budget = ordinal.budgets[0]
    p, q = put_on_ballot(db, budget, 10_000, 20_000)
    ballots.cast_ballot(voter, budget.id, [(q.id, None), (p.id, None)])
    election, _ = ballots.election_of(budget)
    assert election.ballots == [((str(q.id), str(p.id)), None)]


def test_no_voting_outside_the_voting_phase_or_district(
    db, make_process, make_user, square_city
):
    from participation.core.models import District

    review = make_process("review")
    a = put_on_ballot(db, review.budgets[0], 10_000)[0]
    with pytest.raises(Invalid) as error:
        ballots.cast_ballot(make_user(), review.budgets[0].id, [(a.id, None)])
    assert "not open" in error.value.errors["ballot"]
    west = db.session.scalars(select(District)).first()
    local = make_process("voting", district_id=west.id, min_age=16)
    b = put_on_ballot(db, local.budgets[0], 10_000)[0]
    outsider = make_user()
    with pytest.raises(Invalid) as error:
        ballots.cast_ballot(outsider, local.budgets[0].id, [(b.id, None)])
    assert west.name in error.value.errors["ballot"]
    outsider.district_id = west.id
    with pytest.raises(Invalid) as error:
        ballots.cast_ballot(
            outsider, local.budgets[0].id, [(b.id, None)], age_confirmed=False
        )
    assert "16" in error.value.errors["age"]
    ballots.cast_ballot(outsider, local.budgets[0].id, [(b.id, None)])


def test_paper_ballots_count_after_a_second_persons_check(db, make_process, make_user):
    process = make_process("voting", rule="greedy")
    budget = process.budgets[0]
    a, b = put_on_ballot(db, budget, 70_000, 50_000)
    clerk, checker = process.planner, make_user("planner")
    paper = paper_ballots.enter_paper_ballot(clerk, budget.id, "P-0001", [(b.id, None)])
    with pytest.raises(Invalid):
        paper_ballots.enter_paper_ballot(clerk, budget.id, "P-0001", [(a.id, None)])
    ballots.cast_ballot(make_user(), budget.id, [(a.id, None)])
    outcome, _ = ballots.tally_budget(budget.id)
    assert outcome.selected == [str(a.id)]  # the paper ballot does not count yet
    with pytest.raises(Invalid):
        paper_ballots.check_paper_ballot(clerk, paper.id)
    paper_ballots.check_paper_ballot(checker, paper.id)
    paper_ballots.enter_paper_ballot(clerk, budget.id, "P-0002", [(b.id, None)])
    paper_ballots.check_paper_ballot(
        checker,
        db.session.scalars(
            select(Ballot.id).where(Ballot.voter_key == "paper:P-0002")
        ).one(),
    )
    outcome, _ = ballots.tally_budget(budget.id)
    assert outcome.selected == [str(b.id)]  # 2 votes against 1; a no longer fits


def test_tally_uses_the_process_rule(db, make_process, make_user):
    process = make_process("voting", rule="equalshares/add1")
    budget = process.budgets[0]
    costs = (40_000, 40_000, 40_000, 30_000)
    big1, big2, big3, small = put_on_ballot(db, budget, *costs)
    for _ in range(6):
        ballots.cast_ballot(
            make_user(), budget.id, [(big1.id, None), (big2.id, None), (big3.id, None)]
        )
    for _ in range(4):
        ballots.cast_ballot(make_user(), budget.id, [(small.id, None)])
    outcome, proposals = ballots.tally_budget(budget.id)
    # Greedy would fund the majority's projects only; Equal Shares gives the four
    # voters who want the small one their share.
    assert str(small.id) in outcome.selected and outcome.cost <= 100_000
    assert outcome.rule == "equalshares/add1"
    assert set(proposals) == {str(p.id) for p in (big1, big2, big3, small)}


def test_one_ballot_under_concurrent_submissions(app, db, make_process, make_user):
    """Two requests of the same voter at the same moment, each in its own session
    and connection (on PostgreSQL: two real transactions): one ballot results."""
    process = make_process("voting")
    budget = process.budgets[0]
    a, b = put_on_ballot(db, budget, 10_000, 20_000)
    voter = make_user()
    voter_id, budget_id = voter.id, budget.id
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def vote(choice):
        with app.app_context():
            from participation.auth.models import User
            from participation.extensions import db as database

            user = database.session.get(User, voter_id)
            barrier.wait()
            try:
                ballots.cast_ballot(user, budget_id, [(choice, None)])
                outcomes.append("ok")
            except Invalid as error:
                outcomes.append(error.errors["ballot"])
            finally:
                database.session.remove()

    threads = [threading.Thread(target=vote, args=(p.id,)) for p in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert count(db, Ballot) == 1
    assert "ok" in outcomes
    assert all(o == "ok" or "already recorded" in o for o in outcomes)


def test_observed_facts_of_a_budget(db, make_process, make_user):
    from participation.budgeting.observe import budget_facts
    from participation.core.contributions import inputs_of

    process = make_process("voting", rule="greedy", commitment_url="https://x.org/r")
    budget = process.budgets[0]
    city, resident = put_on_ballot(db, budget, 60_000, 30_000)
    city.from_residents = False
    db.session.commit()
    ballots.cast_ballot(make_user(), budget.id, [(resident.id, None)])
    facts = budget_facts(process)
    # The planners' setting, documented by the resolution they linked (not observed).
    assert facts["bindingness"] == Fact("binding", "documented", "https://x.org/r")
    assert facts["delegated_scope"] == Fact(100_000, "documented", "https://x.org/r")
    assert facts["bindingness_document"] == "https://x.org/r"
    assert facts["resident_share_on_ballot"] == 0.5
    assert facts["resident_share_among_winners"] is None  # voting still open
    process.closes_at = utcnow() - timedelta(minutes=1)
    process.deliver_by = (utcnow() + timedelta(days=300)).date()
    db.session.commit()
    assert budget_facts(process)["resident_share_among_winners"] is None  # unpublished
    ballots.publish_results(process.planner, process.id)
    facts = budget_facts(process)
    assert facts["resident_options_adopted"] == 1
    assert facts["resident_share_among_winners"] == 1.0
    assert facts["delivery"]["winners"] == 1 and facts["delivery"]["pending"]
    assert facts["delivery"]["share_implemented"] == 0.0
    from participation.budgeting.delivery import (
        MilestoneData,
        add_milestone,
        city_today,
    )

    add_milestone(
        process.planner,
        resident.id,
        MilestoneData("Built", city_today(), status="delivered", done_on=city_today()),
    )
    delivery = budget_facts(process)["delivery"]
    assert (delivery["implemented"], delivery["on_time"]) == (1, 1)
    assert delivery["share_on_time"] == 1.0 and not delivery["pending"]
    assert [text for text, _language in inputs_of(process)] == ["Project 2"]


def test_delivery_is_observed_by_the_winners_money(db, make_process, make_user):
    from participation.budgeting.delivery import (
        MilestoneData,
        add_milestone,
        city_today,
    )
    from participation.budgeting.observe import budget_facts
    from participation.ladder.services import assessment_of

    process = make_process("voting", rule="greedy", commitment_url="https://x.org/r")
    budget = process.budgets[0]
    big, small = put_on_ballot(db, budget, 60_000, 30_000)
    ballots.cast_ballot(make_user(), budget.id, [(big.id, None), (small.id, None)])
    process.closes_at = utcnow() - timedelta(minutes=1)
    process.deliver_by = city_today() - timedelta(days=1)  # the window has ended
    db.session.commit()
    ballots.publish_results(process.planner, process.id)
    day = city_today() - timedelta(days=2)
    add_milestone(
        process.planner,
        big.id,
        MilestoneData("Built", day, status="delivered", done_on=day),
    )
    delivery = budget_facts(process)["delivery"]
    assert (delivery["winners"], delivery["implemented"]) == (2, 1)  # by count: 50 %
    assert delivery["measured_by"] == "money"
    assert delivery["share_implemented"] == pytest.approx(60 / 90)
    assert delivery["share_on_time"] == pytest.approx(60 / 90)
    assert not delivery["pending"]
    row = assessment_of(process)
    assert row.rung == 5 and [c["code"] for c in row.caps] == ["power_on_paper"]
    add_milestone(
        process.planner,
        small.id,
        MilestoneData("Built", day, status="delivered", done_on=city_today()),
    )
    row = assessment_of(process)
    assert row.rung == 7 and "mostly_late" not in row.flags
