"""A Pabulib import is an archive, not the city's: tallied and explained like any
process, but out of the city's report, feeds, timelines, home page and evaluator queue
until a planner attaches it; from then it counts, dated from the attachment, and says
where it came from."""

import re
from datetime import timedelta

import pytest

from participation.auth.models import User
from participation.budgeting import ballots, exchange
from participation.core import timeline
from participation.core.audit import AuditEntry
from participation.ladder import report, reviews
from participation.ladder.figures import quarter_label, quarter_number
from participation.projects.page import project_scope
from participation.types import utcnow
from tests.budgeting.test_rules_on_pabulib import DATA

FILES = (
    "France_Toulouse_2019.pb",
    "Poland_Warszawa_2018_Przyczolek_Grochowski.pb",
    "Netherlands_Assen_2024.pb",
)
CSRF = re.compile(r'name="csrf_token"[^>]*value="[^"]+"')


@pytest.fixture
def city_project(db, make_engagement, make_user):
    """A project with the city's own engagement (a meeting), and its planner."""
    engagement = make_engagement(kind="meeting", title="Walk", claimed_rung=5)
    planner = db.session.get(User, engagement.project.created_by_id)
    return engagement.project, planner


def _seen(project, client) -> dict:
    """Everything the city shows of itself, as plain values."""
    data = report.city_report()
    data.pop("generated_at")
    items = timeline.page(project_scope(project), set(), None, 200).items
    feed = client.get(f"/projects/{project.id}/feed.atom").get_data(as_text=True)
    home = client.get("/").get_data(as_text=True)
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    engagements = page.split('<h2 id="timeline">')[0].split("<h2>")[-1]
    return {
        "report": data,
        "csv": client.get("/report/engagements.csv").get_data(as_text=True),
        "timeline": [(i.source, i.id, i.at) for i in items],
        "feed": re.findall(r"<(?:id|title)>[^<]*</(?:id|title)>", feed),
        "home": CSRF.sub("", home),
        "project_engagements": CSRF.sub("", engagements),
        "queue": [item.engagement.id for item in reviews.queue()],
    }


def _import(planner, project, name):
    text = (DATA / name).read_text(encoding="utf-8-sig")
    process = exchange.import_pabulib(planner, project.id, text)
    ballots.publish_results(planner, process.id)
    return process


def test_imports_of_real_files_leave_the_city_as_it_was(db, city_project, client):
    project, planner = city_project
    before = _seen(project, client)
    processes = [_import(planner, project, name) for name in FILES]

    assert _seen(project, client) == before
    for process in processes:
        assert process.claimed_rung is None  # no planner claimed anything
        assert process.is_archive
    toulouse = processes[0]
    assert toulouse.imported_from.startswith("France, Toulouse, 2019")
    # Still tallied and explained like any process.
    results = client.get(f"/budgets/{toulouse.id}/results").get_data(as_text=True)
    assert "Imported from a Pabulib file:" in results
    assert "France, Toulouse, 2019" in results
    ladder = client.get(f"/engagements/{toulouse.id}/ladder")
    assert ladder.status_code == 200
    assert "no claim" in ladder.get_data(as_text=True)


def test_a_planner_sees_archives_and_attaches_one_that_counts_from_then(
    db, city_project, client, login_as
):
    project, planner = city_project
    warsaw = _import(planner, project, FILES[1])
    assen = _import(planner, project, FILES[2])
    before = report.city_report()

    # A resident sees no archive and cannot attach one.
    login_as("resident")
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Imported archives" not in page
    assert client.post_form(f"/budgets/{warsaw.id}/attach").status_code == 403
    client.post_form("/signout")

    login_as("planner")
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Imported archives" in page
    assert f"/budgets/{warsaw.id}/attach" in page
    edit = client.get(f"/budgets/{warsaw.id}/edit").get_data(as_text=True)
    assert 'selected value="none"' in edit  # no claim, until a planner sets one
    moment = utcnow()
    for _ in range(2):  # sent twice: attached once
        response = client.post_form(f"/budgets/{warsaw.id}/attach")
        assert response.status_code == 302
    db.session.expire_all()
    assert warsaw.attached_at is not None
    assert abs(warsaw.attached_at - moment) < timedelta(minutes=1)
    assert not warsaw.is_archive and assen.is_archive
    entries = db.session.scalars(
        db.select(AuditEntry).filter_by(action="budget.attach", target_id=warsaw.id)
    ).all()
    assert len(entries) == 1

    after = report.city_report()
    assert after["engagements"] == before["engagements"] + 1
    assert warsaw.id in [m["engagement"] for m in after["marks"]]
    assert assen.id not in [m["engagement"] for m in after["marks"]]
    assert after["over_claim"]["no_claim"] == before["over_claim"]["no_claim"] + 1
    # Dated from its attachment: no 2018 quarter appears, the current one does.
    now = quarter_label(quarter_number(warsaw.attached_at))
    assert set(after["trend"]) == {*before["trend"], now}
    assert after["trend"][now]["engagements"] == 1 + before["trend"].get(now, {}).get(
        "engagements", 0
    )
    assert warsaw.id in [r.id for r in report.behind(None, None, None, None, None, now)]
    assert warsaw.id in [item.engagement.id for item in reviews.queue()]

    # Its timeline items appear at the attachment, not in 2018, saying where it
    # came from; the archive stays out.
    items = timeline.page(project_scope(project), set(), None, 200).items
    mine = [i for i in items if i.source != "winner" and i.id == warsaw.id]
    assert {i.source for i in mine} == {"opened", "budget_results"}
    assert all(i.at >= warsaw.attached_at for i in mine)
    assert not [i for i in items if i.source != "winner" and i.id == assen.id]
    winners = [i for i in items if i.source == "winner"]
    assert winners and all(i.at >= warsaw.attached_at for i in winners)
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    shown_winners = min(len(winners), 20)  # the first page of the timeline
    # Its list entry, its timeline item and each winner shown say where it came from.
    assert page.count("Poland, Warszawa") >= 2 + min(shown_winners, 1)
    feed = client.get(f"/projects/{project.id}/feed.atom").get_data(as_text=True)
    assert "Imported from a Pabulib file: Poland, Warszawa" in feed
    assert "Assen" not in feed


def test_only_an_import_can_be_attached(db, make_process, make_user):
    process = make_process(phase="closed")
    planner = make_user("planner")
    with pytest.raises(exchange.Invalid):
        exchange.attach_import(planner, process.id)
