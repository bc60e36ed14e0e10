"""Results and ballot pages say how voters' eligibility was checked, from the
process's settings and where its ballots came from, and nothing it does not check."""

from datetime import timedelta

import pytest

from participation.budgeting import ballots, exchange
from participation.budgeting import paper as paper_ballots
from participation.budgeting.eligibility import eligibility_notes
from participation.core.models import District
from participation.types import utcnow
from tests.budgeting.conftest import put_on_ballot

ONLINE = "Online ballots: one per account for each budget"
TINY_FILE = """META
key;value
description;Tiny archive
num_projects;2
num_votes;2
budget;100
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;name
1;60;Swings
2;50;Benches
VOTES
voter_id;vote
v1;1
v2;1,2
"""


@pytest.fixture
def west(db, square_city):
    return db.session.scalars(db.select(District).filter_by(name="West Bank")).one()


def test_a_city_wide_budget_without_minimum_age(db, make_process):
    notes = eligibility_notes(make_process("voting"))
    assert notes[0].startswith(ONLINE)
    assert "<bdi>City-wide</bdi>: every signed-in resident, wherever they live." in (
        notes
    )
    assert "No minimum age." in notes
    assert not any("verified" in n or "Paper" in n for n in notes)


def test_a_district_declared_by_voters_and_a_self_declared_minimum_age(
    db, make_process, west
):
    notes = eligibility_notes(make_process("voting", district_id=west.id, min_age=16))
    assert (
        "<bdi>City-wide</bdi>: residents of <bdi>West Bank</bdi>, as each voter "
        "declares it on their account; the district is not verified." in notes
    )
    assert (
        "Voters tick a box saying they are 16 or older; their age is not verified."
        in notes
    )


def test_a_district_verified_by_staff(db, make_process, west):
    process = make_process("voting", district_id=west.id, verified_districts_only=True)
    assert (
        "<bdi>City-wide</bdi>: only residents of <bdi>West Bank</bdi> whose district "
        "a member of staff has verified (proof of address at a city desk)."
        in eligibility_notes(process)
    )


def test_verification_says_nothing_of_a_city_wide_budget(db, make_process):
    notes = eligibility_notes(make_process("voting", verified_districts_only=True))
    assert not any("verified (proof of address" in n for n in notes)


def test_paper_ballots_say_who_checked_them(db, make_process):
    process = make_process("voting")
    budget = process.budgets[0]
    (proposal,) = put_on_ballot(db, budget, 10_000)
    assert not any("Paper ballots" in n for n in eligibility_notes(process))
    paper_ballots.enter_paper_ballot(
        process.planner, budget.id, "P-1", [(proposal.id, None)]
    )
    assert any(
        n.startswith(
            "Paper ballots are typed in by a member of staff and count only "
            "once a second member of staff has checked them"
        )
        for n in eligibility_notes(process)
    )


def test_an_imported_process_says_its_voters_were_checked_elsewhere(
    db, make_project, make_user
):
    planner = make_user("planner")
    process = exchange.import_pabulib(
        planner, make_project(actor=planner).id, TINY_FILE
    )
    assert eligibility_notes(process) == [
        "Ballots imported from a Pabulib file: who could vote was decided and "
        "checked by the original process, not by this platform."
    ]


def test_the_results_and_ballot_pages_say_it(
    client, db, login_as, make_process, make_user, west
):
    process = make_process("voting", district_id=west.id, min_age=18)
    budget = process.budgets[0]
    (proposal,) = put_on_ballot(db, budget, 10_000)
    login_as()
    vote = client.get(f"/budgets/{process.id}/vote/{budget.id}").get_data(as_text=True)
    assert "Who can vote, and how it is checked" in vote
    assert "residents of <bdi>West Bank</bdi>, as each voter declares it" in vote
    assert "18 or older; their age is not verified." in vote
    voter = make_user()
    voter.district_id = west.id
    ballots.cast_ballot(voter, budget.id, [(proposal.id, None)])
    process.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    ballots.publish_results(process.planner, process.id)
    results = client.get(f"/budgets/{process.id}/results").get_data(as_text=True)
    assert "Who can vote, and how it is checked" in results
    assert ONLINE in results and "the district is not verified" in results
