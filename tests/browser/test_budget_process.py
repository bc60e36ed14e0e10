"""A whole participatory budget in the browser: a planner sets it up, residents propose
(pin on the map, photo) and support, staff review, three residents vote, voting
closes, the results explain themselves, and a winner is marked delivered. axe-core on
the pages on the way."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD
from tests.issues.test_photos import jpeg_with_gps

pytestmark = pytest.mark.browser

RESIDENTS = ["ana@example.org", "ben@example.org", "chloe@example.org"]


def set_up(live_server) -> tuple[int, dict[str, str]]:
    from participation.auth.administration import set_roles
    from participation.auth.services import register_user
    from participation.core.clock import to_city_time
    from participation.core.services import get_city
    from participation.projects.planning import ProjectData, create_project
    from participation.types import utcnow

    with live_server.app.app_context():
        planner = register_user("planner@example.org", PASSWORD, confirmed=True)
        set_roles(None, planner.id, {"planner"})
        for email in RESIDENTS:
            register_user(email, PASSWORD, confirmed=True)
        project = create_project(
            planner,
            ProjectData(title="Greener streets", summary="Trees.", theme="other"),
        )
        tz, now = get_city().timezone, utcnow()

        def local(delta: timedelta) -> str:
            return to_city_time(now + delta, tz).strftime("%Y-%m-%dT%H:%M")

        dates = {
            "opens_at": local(timedelta(hours=-1)),
            "ideas_close_at": local(timedelta(days=10)),
            "voting_opens_at": local(timedelta(days=20)),
            "closes_at": local(timedelta(days=30)),
        }
        return project.id, dates


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/signin")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def propose(page, base, process_id, title, cost, photo=False) -> None:
    page.goto(f"{base}/budgets/{process_id}")
    page.get_by_role("link", name="Propose a project").click()
    page.get_by_label("Your project in a few words").fill(title)
    page.get_by_label("What it is, where, and who it is for").fill(f"{title}, please.")
    page.get_by_label("Estimated cost").fill(str(cost))
    if photo:
        page.locator("#photo").set_input_files(
            files=[
                {
                    "name": "spot.jpg",
                    "mimeType": "image/jpeg",
                    "buffer": jpeg_with_gps(),
                }
            ]
        )
    page.locator("#pick-map").click()  # drop the pin in the middle of the map
    expect(page.locator("#lat")).not_to_have_value("")
    page.get_by_role("button", name="Send my proposal").click()
    expect(page.get_by_text("your proposal is in")).to_be_visible()


def vote(page, base, process_id, choices, check=False) -> None:
    page.goto(f"{base}/budgets/{process_id}")
    page.get_by_role("link", name="Vote in this budget").click()
    if check:  # what each project is, one click away on the ballot
        page.get_by_text("About this project").first.click()
        expect(page.get_by_text("Street trees, please.")).to_be_visible()
        assert_accessible(page)
    for title in choices:
        page.get_by_label(title).check()
    page.get_by_role("button", name="Cast my ballot").click()
    expect(page.get_by_text("Your ballot is recorded.")).to_be_visible()


def test_a_whole_participatory_budget(live_server, page):
    project_id, dates = set_up(live_server)
    base = live_server.url

    # The planner sets up the process and its budget.
    sign_in(page, base, "planner@example.org")
    page.goto(f"{base}/projects/{project_id}")
    page.get_by_role("link", name="New participatory budget").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Greener streets budget")
    for name, value in dates.items():
        page.locator(f"#{name}").fill(value)
    page.get_by_label("Ballot", exact=True).select_option("approval")
    page.get_by_label("How winners are chosen").select_option("equalshares/add1")
    page.locator("#claimed_rung").select_option("7")
    page.get_by_role("button", name="Create the participatory budget").click()
    expect(page.get_by_text("Now add its budgets")).to_be_visible()
    page.get_by_label("Name").fill("Whole city")
    page.get_by_label("Amount").fill("100000")
    page.get_by_role("button", name="Add the budget").click()
    expect(page.get_by_text("Budget added.")).to_be_visible()
    assert_accessible(page)
    process_id = int(re.search(r"/budgets/(\d+)/manage", page.url).group(1))
    sign_out(page)

    # Residents propose; one supports another's idea.
    sign_in(page, base, RESIDENTS[0])
    propose(page, base, process_id, "Street trees", 60_000, photo=True)
    assert_accessible(page)
    sign_out(page)
    sign_in(page, base, RESIDENTS[1])
    propose(page, base, process_id, "Benches", 30_000)
    page.goto(f"{base}/budgets/{process_id}")
    page.get_by_role("link", name="Street trees").click()
    expect(page.get_by_role("img", name="Photo sent with the proposal")).to_be_visible()
    page.get_by_role("button", name="Support this proposal").click()
    expect(page.get_by_text("You support this proposal.")).to_be_visible()
    sign_out(page)
    sign_in(page, base, RESIDENTS[2])
    propose(page, base, process_id, "Harbour fountain", 20_000)
    sign_out(page)

    # Staff review: public verdicts with reasons, then voting opens.
    sign_in(page, base, "planner@example.org")
    page.goto(f"{base}/budgets/{process_id}/manage")
    page.get_by_role("button", name="End the ideas phase now").click()
    page.get_by_role("link", name="Review proposals").click()
    assert_accessible(page)
    verdicts = [
        ("Street trees", "Feasible", "The parks team can plant them.", None),
        ("Benches", "Feasible", "Feasible with standard benches.", "35000"),
        ("Harbour fountain", "Not feasible", "The harbour is not city land.", None),
    ]
    for title, verdict, reason, cost in verdicts:
        card = page.get_by_role("article", name=re.compile(rf"^#\d+ {title}$"))
        card.get_by_label(verdict, exact=True).check()
        card.get_by_label("Reason, for the proposer and everyone").fill(reason)
        if cost:
            card.get_by_label("Revised cost (optional)").fill(cost)
        card.get_by_role("button", name="Publish the verdict").click()
        expect(page.get_by_text("published.")).to_be_visible()
    page.goto(f"{base}/budgets/{process_id}/manage")
    page.get_by_role("button", name="Open voting now").click()
    expect(page.get_by_text("moved on to its next phase")).to_be_visible()
    sign_out(page)

    # Three residents vote.
    for n, (email, choices) in enumerate(
        zip(
            RESIDENTS,
            [["Street trees"], ["Street trees", "Benches"], ["Benches"]],
            strict=True,
        )
    ):
        sign_in(page, base, email)
        vote(page, base, process_id, choices, check=n == 0)
        sign_out(page)

    # Voting closes; the results are counted, published and explained.
    sign_in(page, base, "planner@example.org")
    page.goto(f"{base}/budgets/{process_id}/manage")
    page.get_by_role("button", name="Close voting now").click()
    page.get_by_role("button", name="Count the ballots and publish the results").click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    expect(page.get_by_text("2 projects funded for")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Street trees"))
    expect(row).to_contain_text("Bought in round")
    assert_accessible(page)

    # A winner is built and marked delivered.
    page.goto(f"{base}/budgets/{process_id}/manage")
    page.get_by_role("link", name="Track the winners' delivery").click()
    winner = page.get_by_role("region", name="Street trees")
    winner.get_by_text("Add a step").click()
    winner.get_by_label("Step").fill("Planting")
    today = page.evaluate("() => new Date().toISOString().slice(0, 10)")
    winner.get_by_label("Planned for").fill(today)
    winner.get_by_label("Status").select_option("delivered")
    winner.get_by_label("Delivered on").fill(today)
    winner.get_by_label("Spent so far").fill("58000")
    winner.get_by_role("button", name="Add the step").click()
    expect(page.get_by_text("Step added.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Everyone sees it delivered, with the money spent.
    page.goto(f"{base}/budgets/{process_id}/results")
    row = page.get_by_role("row", name=re.compile("Street trees"))
    expect(row).to_contain_text("Delivered on")
    row.get_by_role("link", name="Street trees").click()
    building = page.get_by_role("region", name="Building it", exact=True)
    expect(building).to_contain_text("Delivered on")
    expect(building).to_contain_text("58,000.00 spent")
    expect(building.get_by_role("rowheader", name="Planting")).to_be_visible()
    assert_accessible(page)
