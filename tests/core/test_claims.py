"""The claimed rung has no default: a planner chooses a rung in Arnstein's or IAP2's
words, or "no claim"; no claim is shown as such and counted apart, never as rung 1."""

import json
import re

import pytest
from sqlalchemy import select

from participation.core.models import Engagement
from participation.core.rungs import claim_value, parse_claim
from participation.ladder import indicators, report, reviews
from participation.ladder.figures import EngagementFigures
from participation.ladder.report_schema import report_problems
from participation.types import utcnow

COMMON = {
    "title": "Crossings near schools",
    "summary": "Choose the first crossings.",
    "district_id": "",
    "opens_at": "2026-06-01T09:00",
    "closes_at": "2026-06-30T18:00",
    "language": "en",
}
FORMS = {
    "consultations/new": {
        **COMMON,
        "kind": "consultation",
        "audience": "everyone",
        "commitment": "advisory",
    },
    "budgets/new": {
        **COMMON,
        "kind": "budget_process",
        "opens_at": "2030-01-01T09:00",
        "ideas_close_at": "2030-02-01T09:00",
        "voting_opens_at": "2030-03-01T09:00",
        "closes_at": "2030-03-15T18:00",
        "vote_type": "approval",
        "rule": "equalshares/add1",
        "binding": "y",
    },
    "engagements/new": {**COMMON, "kind": "meeting"},
}
SELECTED = re.compile(r'<select[^>]*name="claimed_rung".*?</select>', re.S)


@pytest.mark.parametrize("path", FORMS)
def test_the_forms_have_no_default_claim_and_refuse_an_unchosen_one(
    client, db, login_as, make_project, path
):
    planner = login_as("planner")
    project = make_project(actor=planner)
    url = f"/projects/{project.id}/{path}"
    select_html = SELECTED.search(client.get(url).get_data(as_text=True)).group(0)
    assert "selected" not in select_html  # the empty "Choose…" shows first
    assert 'value="none"' in select_html and 'value="iap2:involve"' in select_html

    for unchosen in ({}, {"claimed_rung": ""}):
        refused = client.post_form(
            url, {**FORMS[path], **unchosen}, headers={"Accept-Language": "de"}
        )
        assert refused.status_code in (200, 400)
        assert "Wählen Sie die Stufe, die die Stadt beansprucht" in refused.get_data(
            as_text=True
        )
    assert db.session.scalars(select(Engagement)).all() == []

    made = client.post_form(url, {**FORMS[path], "claimed_rung": "none"})
    assert made.status_code == 302, made.get_data(as_text=True)
    engagement = db.session.scalars(select(Engagement)).one()
    assert (engagement.claimed_rung, engagement.claim_words) == (None, None)


def test_a_claim_in_iap2_words_is_stored_as_its_lowest_rung_and_shown_back(
    client, db, login_as, make_project
):
    planner = login_as("planner")
    project = make_project(actor=planner)
    url = f"/projects/{project.id}/engagements/new"
    response = client.post_form(
        url, {**FORMS["engagements/new"], "claimed_rung": "iap2:involve"}
    )
    assert response.status_code == 302
    engagement = db.session.scalars(select(Engagement)).one()
    assert (engagement.claimed_rung, engagement.claim_words) == (4, "involve")
    page = client.get(f"/engagements/{engagement.id}/ladder").get_data(as_text=True)
    assert "“Involve” (rungs 4–5; the lower one is counted)" in page
    edit = client.get(f"/engagements/{engagement.id}/edit").get_data(as_text=True)
    assert 'selected value="iap2:involve"' in SELECTED.search(edit).group(0)


def test_the_claim_vocabulary():
    assert parse_claim("none") == (None, None)
    assert parse_claim("7") == (7, None)
    assert parse_claim("iap2:collaborate") == (5, "collaborate")
    assert parse_claim("iap2:empower") == (7, "empower")
    for bad in ("", None, "0", "9", "iap2:decide", "one"):
        with pytest.raises(ValueError):
            parse_claim(bad)
    for value in ("none", "1", "8", "iap2:inform", "iap2:involve"):
        assert claim_value(*parse_claim(value)) == value


def _row(id_, claimed, evidenced=4):
    return EngagementFigures(
        id=id_,
        kind="consultation",
        project_id=1,
        district_id=None,
        opens_at=utcnow(),
        closes_at=None,
        claimed=claimed,
        evidenced=evidenced,
    )


def test_no_claim_is_counted_apart_never_as_rung_1():
    rows = [_row(1, 6), _row(2, 4), _row(3, None), _row(4, None, evidenced=1)]
    over = indicators.over_claim(rows)
    assert over["claimed"] == 2 and over["no_claim"] == 2
    assert over["share"] == 0.5  # one of the two that made a claim
    assert over["mean_gap"] == 2
    assert over["engagements"] == [1]


def test_the_report_and_queue_show_no_claim(db, client, make_engagement):
    make_engagement(kind="meeting", title="Loud", claimed_rung=6)
    silent = make_engagement(kind="meeting", title="Silent", claimed_rung=None)
    data = report.city_report()
    assert data["over_claim"]["no_claim"] == 1
    assert data["over_claim"]["claimed"] == 1
    assert data["over_claim"]["share"] == 1.0
    assert report_problems(json.loads(json.dumps(data))) == []
    mark = next(m for m in data["marks"] if m["engagement"] == silent.id)
    assert mark["claimed"] is None
    page = client.get("/report").get_data(as_text=True)
    assert "1 engagement made no claim" in page
    assert "Among the 1 engagement that made a claim." in page
    csv = client.get("/report/engagements.csv").get_data(as_text=True)
    assert f"{silent.id},meeting,none," in csv
    behind = client.get("/report/behind?figure=no_claim").get_data(as_text=True)
    assert "Silent" in behind and "Loud" not in behind and "no claim" in behind
    item = next(i for i in reviews.queue() if i.engagement.id == silent.id)
    assert "over_claimed" not in item.reasons and item.gap == 0
    assert "no claim" in client.get(f"/engagements/{silent.id}").get_data(as_text=True)


def test_the_rubric_takes_no_claim_as_no_claim():
    from participation.ladder.facts import Fact
    from participation.ladder.rubric import UNVERIFIED_CLAIM, assess

    declared = {
        "bindingness": Fact("binding", "declared"),
        "delegated_scope": Fact(1_000_000, "declared"),
        "input_kind": Fact("vote", "declared"),
    }
    a = assess("budget", declared, claimed_rung=None)
    assert a.rung == 4 and UNVERIFIED_CLAIM not in a.flags
    assert a.claimed_rung is None and a.gap is None
