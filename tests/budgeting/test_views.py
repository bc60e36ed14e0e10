"""The public pages of a participatory budget."""

import re
from datetime import timedelta

from participation.budgeting import ballots
from participation.types import utcnow
from tests.budgeting.conftest import put_on_ballot


def test_process_page_shows_phases_rules_and_verdicts(client, db, make_process):
    process = make_process("voting", rule="equalshares/add1", max_projects=3)
    put_on_ballot(db, process.budgets[0], 40_000, 25_000)
    html = client.get(f"/budgets/{process.id}").get_data(as_text=True)
    assert 'aria-current="step"' in html and "Voting" in html
    assert "Method of Equal Shares (with the add1 completion)" in html
    assert "at most 3 projects" in html and "Project 1" in html and "Feasible" in html
    assert client.get(f"/engagements/{process.id}").status_code == 301


def test_results_are_published_after_voting_with_their_reasons(
    client, db, make_process, make_user
):
    process = make_process("voting", rule="greedy")
    budget = process.budgets[0]
    big, small = put_on_ballot(db, budget, 80_000, 30_000)
    for _ in range(3):
        ballots.cast_ballot(make_user(), budget.id, [(big.id, None)])
    ballots.cast_ballot(make_user(), budget.id, [(small.id, None)])
    assert client.get(f"/budgets/{process.id}/results").status_code == 404
    process.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    ballots.publish_results(process.planner, process.id)
    html = client.get(f"/budgets/{process.id}/results").get_data(as_text=True)
    assert "1 project funded for" in html and "4 ballots counted." in html
    assert re.search(
        r"Project 1</span>\s*</a></th>\s*<td>[^<]+</td>\s*<td>3</td>", html
    )
    assert "Votes: 3; it fit the money left." in html
    assert "Votes: 1; only" in html  # 30,000 did not fit in the 20,000 left


def test_receipt_check_shows_the_voters_ballot_only(
    client, db, make_process, make_user
):
    process = make_process("voting")
    budget = process.budgets[0]
    one, two = put_on_ballot(db, budget, 10_000, 20_000)
    ballot = ballots.cast_ballot(make_user(), budget.id, [(two.id, None)])
    ballots.cast_ballot(make_user(), budget.id, [(one.id, None)])
    html = client.get(f"/budgets/receipt?code={ballot.receipt}").get_data(as_text=True)
    assert "Your ballot is counted." in html and "Project 2" in html
    assert "Project 1" not in html
    html = client.get("/budgets/receipt?code=WRONG").get_data(as_text=True)
    assert "No ballot has this receipt code." in html


def test_voting_through_the_ballot_form(client, db, login_as, make_process):
    from sqlalchemy import select

    from participation.budgeting.models import Ballot

    process = make_process("voting", limit_to_budget=True)
    budget = process.budgets[0]
    a, b, c = put_on_ballot(db, budget, 60_000, 30_000, 20_000)
    url = f"/budgets/{process.id}/vote/{budget.id}"
    assert client.get(url).status_code == 302  # sign in first
    login_as()
    page = client.get(url).get_data(as_text=True)
    assert 'type="checkbox"' in page and 'data-cost="60000"' in page
    assert client.post(url, data={"project": [str(a.id)]}).status_code == 400  # no CSRF
    forged = client.post_form(url, {"project": [str(a.id), "999999"]})
    assert forged.status_code == 400
    assert "Choose among the projects on the ballot." in forged.get_data(as_text=True)
    response = client.post_form(url, {"project": [str(a.id), str(b.id), str(c.id)]})
    assert response.status_code == 400
    assert "more than the budget" in response.get_data(as_text=True)
    assert db.session.scalars(select(Ballot)).all() == []
    response = client.post_form(url, {"project": [str(a.id), str(c.id)]})
    assert response.status_code == 302
    ballot = db.session.scalars(select(Ballot)).one()
    page = client.get(url).get_data(as_text=True)
    assert ballot.receipt in page and "Change my ballot" in page
    assert f'value="{a.id}" data-cost="60000" checked' in page


def test_ranked_and_cumulative_ballots_through_the_form(
    client, db, login_as, make_process
):
    from sqlalchemy import select

    from participation.budgeting.models import Ballot

    login_as()
    ranked = make_process("voting", vote_type="ordinal")
    budget = ranked.budgets[0]
    x, y = put_on_ballot(db, budget, 10_000, 20_000)
    url = f"/budgets/{ranked.id}/vote/{budget.id}"
    tie = client.post_form(url, {f"rank-{x.id}": "1", f"rank-{y.id}": "1"})
    assert tie.status_code == 400
    client.post_form(url, {f"rank-{x.id}": "2", f"rank-{y.id}": "1"})
    ballot = db.session.scalars(select(Ballot)).one()
    assert [i.proposal_id for i in ballot.items] == [y.id, x.id]

    points = make_process("voting", vote_type="cumulative", max_points=5)
    budget = points.budgets[0]
    p, q = put_on_ballot(db, budget, 10_000, 20_000)
    url = f"/budgets/{points.id}/vote/{budget.id}"
    over = client.post_form(url, {f"points-{p.id}": "4", f"points-{q.id}": "3"})
    assert over.status_code == 400 and "at most 5" in over.get_data(as_text=True)
    client.post_form(url, {f"points-{p.id}": "4", f"points-{q.id}": "1"})
    ballot = db.session.scalars(
        select(Ballot).where(Ballot.budget_id == budget.id)
    ).one()
    assert [(i.proposal_id, i.points) for i in ballot.items] == [(p.id, 4), (q.id, 1)]


def test_the_process_page_maps_the_proposals_that_have_a_place(
    client, db, make_process
):
    import json
    import re

    from participation.budgeting.models import Proposal

    process = make_process("ideas")
    budget = process.budgets[0]
    db.session.add_all(
        [
            Proposal(budget_id=budget.id, title="Benches", cost=9, lat=52.84, lon=-7.4),
            Proposal(budget_id=budget.id, title="Anywhere", cost=9),
            Proposal(
                budget_id=budget.id, title="Refused", cost=9, lat=52.8, lon=-7.4,
                verdict="not_feasible", verdict_reason="No.",
            ),
        ]
    )  # fmt: skip
    db.session.commit()
    html = client.get(f"/budgets/{process.id}").get_data(as_text=True)
    config = re.search(r'data-map="places"[^>]*data-config="([^"]+)"', html).group(1)
    places = json.loads(config.replace("&#34;", '"').replace("&quot;", '"'))["places"]
    assert [p["title"] for p in places] == ["Benches"]
    assert places[0]["url"].startswith("/budgets/proposals/")


def _published(db, make_process, vote_type, rule, ballots, trees=40_000):
    """A closed process of this kind and rule, its ballots ((title, points) lists) in,
    the results published; the results page in English."""
    from participation.budgeting.ballots import publish_results
    from participation.budgeting.models import Ballot, BallotItem, Proposal

    process = make_process(phase="closed", vote_type=vote_type, rule=rule)
    budget = process.budgets[0]
    proposals = {}
    for title, cost in (("Trees", trees), ("Benches", 30_000)):
        proposals[title] = Proposal(
            budget_id=budget.id, title=title, cost=cost, verdict="feasible"
        )
        db.session.add(proposals[title])
    db.session.flush()
    for n, items in enumerate(ballots):
        ballot = Ballot(budget_id=budget.id, voter_key=f"v{n}", receipt=f"R{n}")
        ballot.items = [
            BallotItem(proposal_id=proposals[t].id, position=i, points=points)
            for i, (t, points) in enumerate(items)
        ]
        db.session.add(ballot)
    db.session.commit()
    publish_results(process.planner, process.id)
    return process


def test_cumulative_results_speak_of_points_not_votes(client, db, make_process):
    process = _published(
        db,
        make_process,
        "cumulative",
        "greedy",
        [[("Trees", 7), ("Benches", 3)], [("Benches", 10)]],
    )
    html = client.get(f"/budgets/{process.id}/results").get_data(as_text=True)
    assert '<th scope="col">Points</th>' in html
    assert "Points: 7; it fit the money left." in html
    assert "Votes:" not in html


def test_one_supporter_is_one_supporter_on_the_results(client, db, make_process):
    process = _published(
        db,
        make_process,
        "approval",
        "equalshares",
        [[("Trees", None)], [("Benches", None)], [("Benches", None)]],
        trees=30_000,
    )
    html = client.get(f"/budgets/{process.id}/results").get_data(as_text=True)
    assert "by its 1 supporter, who paid" in html
    assert "by its 2 supporters;" in html
    assert "1 supporters" not in html


def test_after_voting_closed_no_ballot_form_and_no_vote(
    client, db, login_as, make_process
):
    process = make_process("voting")
    budget = process.budgets[0]
    (proposal,) = put_on_ballot(db, budget, 40_000)
    voter = login_as()
    ballots.cast_ballot(voter, budget.id, [(proposal.id, None)])
    url = f"/budgets/{process.id}/vote/{budget.id}"
    assert "You can change your ballot until voting closes." in client.get(
        url
    ).get_data(as_text=True)
    process.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    html = client.get(url).get_data(as_text=True)
    assert "Voting closed on" in html and "can no longer be cast or changed" in html
    assert "The results will be published here once they are counted." in html
    # The voter's own ballot is still named, without the promise of changing it.
    assert "your receipt code is" in html
    assert "You can change your ballot until voting closes." not in html
    assert 'data-ballot="' not in html and "Cast my ballot" not in html
    page = client.get(f"/budgets/{process.id}").get_data(as_text=True)
    assert "Vote in this budget" not in page
    refused = client.post_form(url, {"proposal": str(proposal.id)})
    assert refused.status_code == 400
    from participation.budgeting.models import Ballot

    assert len(db.session.scalars(db.select(Ballot)).all()) == 1
