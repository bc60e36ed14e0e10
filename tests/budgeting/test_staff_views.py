"""The pages where residents propose and staff run a participatory budget."""

import io

from PIL import Image
from sqlalchemy import select

from participation.budgeting import ballots, pabulib
from participation.budgeting.models import Ballot, BudgetProcess, Proposal
from participation.budgeting.rules import election_from, tally
from participation.core.photos import upload_folder
from tests.budgeting.conftest import put_on_ballot
from tests.budgeting.test_rules_on_pabulib import DATA
from tests.conftest import PASSWORD
from tests.issues.test_photos import jpeg_with_gps


def test_a_planner_sets_up_a_process_through_the_form(
    client, db, login_as, make_project
):
    planner = login_as("planner")
    project = make_project(actor=planner)
    form = {
        "kind": "budget_process",
        "title": "Riverford decides 2027",
        "summary": "Half a million for residents' ideas.",
        "opens_at": "2030-01-01T09:00",
        "ideas_close_at": "2030-02-01T09:00",
        "voting_opens_at": "2029-12-01T09:00",  # before the ideas: refused
        "closes_at": "2030-03-15T18:00",
        "claimed_rung": "6",
        "language": "en",
        "vote_type": "approval",
        "rule": "equalshares/add1",
        "max_projects": "5",
        "binding": "y",
    }
    url = f"/projects/{project.id}/budgets/new"
    refused = client.post_form(url, form)
    assert refused.status_code == 200
    assert "comes before the previous one" in refused.get_data(as_text=True)
    assert db.session.scalars(select(BudgetProcess)).all() == []
    response = client.post_form(url, {**form, "voting_opens_at": "2030-03-01T09:00"})
    assert response.status_code == 302
    process = db.session.scalars(select(BudgetProcess)).one()
    assert (process.max_projects, process.binding, process.rule) == (
        5,
        True,
        "equalshares/add1",
    )
    manage = f"/budgets/{process.id}/manage"
    assert response.headers["Location"] == manage
    bad = client.post_form(
        f"/budgets/{process.id}/budgets", {"new-name": "City", "new-amount": "-5"}
    )
    assert bad.status_code == 400 and "above zero" in bad.get_data(as_text=True)
    client.post_form(
        f"/budgets/{process.id}/budgets",
        {"new-name": "Whole city", "new-amount": "500000"},
    )
    db.session.refresh(process)
    assert [(b.name, b.amount) for b in process.budgets] == [("Whole city", 500_000)]
    page = client.get(manage).get_data(as_text=True)
    assert "Whole city" in page and "Export as a Pabulib file" in page


def test_a_resident_proposes_with_a_photo_and_others_support_it(
    client, db, login_as, make_process, square_city, app
):
    process = make_process("ideas")
    budget = process.budgets[0]
    login_as()
    url = f"/budgets/{process.id}/propose"
    assert "pick-map" in client.get(url).get_data(as_text=True)
    form = {
        "budget_id": str(budget.id),
        "title": "Benches by the river",
        "description": "Six benches along the towpath.",
        "cost": "12000",
        "lat": "52.84",
        "lon": "-7.40",
        "language": "en",
    }
    too_dear = client.post_form(url, {**form, "cost": "900000"})
    assert too_dear.status_code == 400
    assert "above the whole budget" in too_dear.get_data(as_text=True)
    response = client.post_form(
        url,
        {**form, "photo": (io.BytesIO(jpeg_with_gps()), "bench.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    proposal = db.session.scalars(select(Proposal)).one()
    from participation.core.models import District

    # A city-wide budget: the proposal's district is where its pin is.
    assert db.session.get(District, proposal.district_id).name == "West Bank"
    with app.app_context():
        stored = upload_folder() / proposal.photo
    with Image.open(stored) as image:
        assert not image.getexif()  # no GPS, no camera, no name
    page = client.get(f"/budgets/proposals/{proposal.id}").get_data(as_text=True)
    assert "Benches by the river" in page and "Proposed by a resident" in page
    assert 'data-map="point"' in page and "photo.jpg" in page
    assert client.get(f"/budgets/proposals/{proposal.id}/photo.jpg").status_code == 200
    client.post_form("/signout")
    login_as()  # another resident supports it, once
    client.post_form(f"/budgets/proposals/{proposal.id}/support")
    again = client.post_form(f"/budgets/proposals/{proposal.id}/support")
    assert again.status_code == 302
    db.session.refresh(proposal)
    assert proposal.support_count == 1
    assert "You support this proposal." in client.get(
        f"/budgets/proposals/{proposal.id}"
    ).get_data(as_text=True)


def test_the_review_queue_publishes_verdicts_with_reasons(
    client, db, login_as, make_process
):
    process = make_process("review")
    budget = process.budgets[0]
    first = Proposal(budget_id=budget.id, title="Skate park", cost=90_000)
    second = Proposal(budget_id=budget.id, title="Skating ramp", cost=30_000)
    db.session.add_all([first, second])
    db.session.commit()
    login_as("planner")
    queue = client.get(f"/budgets/{process.id}/review").get_data(as_text=True)
    assert queue.index("Skate park") < queue.index("Skating ramp")
    url = f"/budgets/proposals/{second.id}/review"
    missing = client.post_form(url, {f"p{second.id}-verdict": "merged"})
    assert missing.status_code == 400
    assert "This field is required." in missing.get_data(as_text=True)
    client.post_form(
        url,
        {
            f"p{second.id}-verdict": "merged",
            f"p{second.id}-reason": "The same site as the skate park.",
            f"p{second.id}-merged_into_id": str(first.id),
        },
    )
    client.post_form(
        f"/budgets/proposals/{first.id}/review",
        {
            f"p{first.id}-verdict": "feasible",
            f"p{first.id}-reason": "Feasible; lighting adds to the cost.",
            f"p{first.id}-revised_cost": "110000",
        },
    )
    db.session.refresh(first)
    db.session.refresh(second)
    assert (first.verdict, first.ballot_cost) == ("feasible", 110_000)
    assert (second.verdict, second.merged_into_id) == ("merged", first.id)
    page = client.get(f"/budgets/proposals/{second.id}").get_data(as_text=True)
    assert "The same site as the skate park." in page and f"#{first.id}" in page


def test_paper_ballots_count_once_another_person_checks_them(
    client, db, login_as, make_process, make_user
):
    process = make_process("voting")
    budget = process.budgets[0]
    one, two = put_on_ballot(db, budget, 10_000, 20_000)
    clerk = login_as("planner")
    url = f"/budgets/{process.id}/paper/{budget.id}"
    empty = client.post_form(url, {"reference": "P-0001"})
    assert empty.status_code == 400
    assert "Choose at least one project." in empty.get_data(as_text=True)
    client.post_form(url, {"reference": "P-0001", "project": [str(two.id)]})
    ballot = db.session.scalars(select(Ballot)).one()
    assert ballot.entered_by_id == clerk.id and not ballot.counted
    twice = client.post_form(url, {"reference": "P-0001", "project": [str(one.id)]})
    assert "already entered" in twice.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Awaiting another person" in page
    client.post_form(f"/budgets/ballots/{ballot.id}/check")  # the clerk: refused
    db.session.refresh(ballot)
    assert ballot.checked_by_id is None
    client.post_form("/signout")
    login_as("planner")
    client.post_form(f"/budgets/ballots/{ballot.id}/check")
    db.session.refresh(ballot)
    assert ballot.counted


def test_closing_publishing_and_exporting_a_budget(
    client, db, login_as, make_process, make_user
):
    process = make_process("voting", rule="greedy")
    budget = process.budgets[0]
    big, small = put_on_ballot(db, budget, 70_000, 40_000)
    for choice in ([big], [big, small], [big], [small]):
        ballots.cast_ballot(make_user(), budget.id, [(p.id, None) for p in choice])
    export = f"/budgets/{process.id}/budget/{budget.id}.pb"
    assert client.get(export).status_code == 404  # before the results: staff only
    login_as("planner")
    client.post_form(f"/budgets/{process.id}/move", {"move": "close_voting"})
    response = client.post_form(f"/budgets/{process.id}/publish")
    assert response.headers["Location"] == f"/budgets/{process.id}/results"
    text = client.get(export).get_data(as_text=True)
    instance = pabulib.parse(text)
    assert tally(election_from(instance), "greedy").selected == [str(big.id)]
    assert len(instance.votes) == 4 and "user" not in text


def test_a_pabulib_file_is_imported_through_the_upload_form(
    client, db, login_as, make_project
):
    planner = login_as("planner")
    project = make_project(actor=planner)
    url = f"/projects/{project.id}/budgets/import"
    garbage = client.post_form(
        url,
        {"file": (io.BytesIO(b"META\nkey;value\nbudget\n"), "x.pb")},
        content_type="multipart/form-data",
    )
    assert garbage.status_code == 400
    assert "not a valid Pabulib file" in garbage.get_data(as_text=True)
    path = DATA / "Poland_Warszawa_2019_Sadul.pb"
    response = client.post_form(
        url,
        {"file": (io.BytesIO(path.read_bytes()), path.name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    process = db.session.scalars(select(BudgetProcess)).one()
    assert len(process.budgets) == 1 and process.rule == "greedy"


def test_a_district_budget_may_require_a_verified_district(
    client, db, login_as, make_process, make_user, square_city
):
    from participation.core.services import list_districts

    west = list_districts()[0]
    process = make_process("voting", district_id=west.id, verified_districts_only=True)
    budget = process.budgets[0]
    resident = make_user(email="ana@example.org")
    resident.district_id = west.id
    db.session.commit()
    allowed, reason = ballots.may_vote(resident, budget)
    assert not allowed and "proof of address" in reason
    login_as("planner")
    page = client.get("/admin/districts?email=ANA@example.org")
    html = page.get_data(as_text=True)
    assert resident.display_name in html and "Not verified" in html
    assert client.get("/admin/districts?email=nobody@example.org").status_code == 404
    client.post_form(
        "/admin/districts",
        {"email": "ana@example.org", "verify-district_id": str(west.id)},
    )
    db.session.refresh(resident)
    assert resident.district_verified_at is not None
    assert ballots.may_vote(resident, budget) == (True, "")
    # Declaring another district drops the verification.
    from participation.auth.services import set_home_district

    set_home_district(resident, list_districts()[1].id)
    assert resident.district_verified_at is None


def test_once_voting_opened_the_rule_fields_are_disabled_and_saving_still_works(
    client, db, login_as, make_process
):
    import re

    process = make_process("voting", rule="greedy", max_projects=3)
    for name in ("opens_at", "ideas_close_at", "voting_opens_at", "closes_at"):
        moment = getattr(process, name)  # as a planner types them: to the minute
        setattr(process, name, moment.replace(second=0, microsecond=0))
    db.session.commit()
    client.post_form("/signin", {"email": process.planner.email, "password": PASSWORD})
    url = f"/budgets/{process.id}/edit"
    html = client.get(url).get_data(as_text=True)
    assert "The rule and the ballot are fixed once voting opens, on" in html
    for name in ("vote_type", "rule", "max_projects"):
        tag = re.search(rf'<(select|input)[^>]*name="{name}"[^>]*>', html).group(0)
        assert " disabled" in tag, tag
    # What a browser sends: every enabled field as shown, none of the disabled ones.
    form = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or " disabled" in tag:
            continue
        if 'type="checkbox"' in tag and " checked" not in tag:
            continue
        form[name.group(1)] = value.group(1) if value else ""
    for element in re.findall(r"<select[^>]*>.*?</select>", html, re.S):
        if " disabled" in element.split(">", 1)[0]:
            continue
        name = re.search(r'name="([^"]+)"', element).group(1)
        chosen = re.search(
            r'<option[^>]*selected[^>]*value="([^"]*)"', element
        ) or re.search(r'<option[^>]*value="([^"]*)"[^>]*selected', element)
        form[name] = chosen.group(1) if chosen else ""
    form["title"] = "Riverford decides, renamed"
    for tag in re.findall(
        r"<textarea[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</textarea>", html, re.S
    ):
        form[tag[0]] = tag[1].strip()
    form.pop("csrf_token", None)
    response = client.post_form(url, form)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(process)
    assert process.title == "Riverford decides, renamed"
    assert (process.rule, process.max_projects) == ("greedy", 3)


def test_before_voting_opens_no_field_of_the_budget_form_is_disabled(
    client, db, login_as, make_project, make_process
):
    import re

    planner = login_as("planner")
    project = make_project(actor=planner)
    process = make_process("ideas")
    client.post_form("/signin", {"email": process.planner.email, "password": PASSWORD})
    for url in (f"/projects/{project.id}/budgets/new", f"/budgets/{process.id}/edit"):
        html = client.get(url).get_data(as_text=True)
        tags = re.findall(r"<(?:input|select|textarea)[^>]*>", html)
        assert any('name="voting_opens_at"' in tag for tag in tags), url
        assert [tag for tag in tags if re.search(r"\sdisabled[\s=>]", tag)] == [], url
