"""The city report on real data: figures aggregated in SQL, small groups hidden, the
versioned JSON, CSV exports, the page and the compare page."""

import io
import json
from datetime import timedelta

import pytest

from participation.ladder import report
from participation.types import utcnow


@pytest.fixture
def city(db, square_city, make_engagement, make_user, make_category):
    """A consultation answered by 12 residents (3 of them also in a meeting's
    reports), and an issue channel with reports in the West Bank."""
    from participation.consultations.models import Consultation
    from participation.consultations.survey_models import Response
    from participation.core.models import District
    from participation.issues.models import Report

    west = db.session.scalar(db.select(District).filter_by(name="West Bank"))
    project = make_engagement(kind="meeting", title="Walk", claimed_rung=5).project
    consultation = Consultation(
        project_id=project.id,
        title="Survey",
        opens_at=utcnow() - timedelta(days=40),
        closes_at=utcnow() - timedelta(days=30),
        claimed_rung=6,
        district_id=west.id,
    )
    channel = make_engagement(
        kind="issue_channel",
        project=project,
        title="Channel",
        district_id=west.id,
        claimed_rung=4,
    )
    db.session.add(consultation)
    db.session.flush()
    people = [make_user() for _ in range(12)]
    category = make_category()
    for person in people:
        db.session.add(Response(consultation_id=consultation.id, user_id=person.id))
    for person in people[:3]:
        db.session.add(
            Report(
                engagement_id=channel.id,
                category_id=category.id,
                title="Hole",
                lat=52.84,
                lon=-7.42,
                district_id=west.id,
                reporter_id=person.id,
            )
        )
    db.session.add(
        Report(
            engagement_id=channel.id,
            category_id=category.id,
            title="Anonymous",
            lat=52.84,
            lon=-7.42,
            district_id=west.id,
            created_at=utcnow() - timedelta(days=3),
            fixed_at=utcnow() - timedelta(days=1),
        )
    )
    db.session.commit()
    return {"consultation": consultation, "channel": channel, "west": west}


def test_figures_count_participants_once_per_engagement(db, city):
    rows = {r.id: r for r in report.figures()}
    assert rows[city["consultation"].id].participants == 12
    assert rows[city["channel"].id].participants == 4  # 3 accounts + 1 anonymous


def test_the_report_is_versioned_json_with_every_indicator(db, city):
    data = report.city_report(city_name="Riverford")
    assert (data["format"], data["version"], data["city"]) == (
        "participation-city-report",
        1,
        "Riverford",
    )
    for key in (
        "distribution",
        "citizen_power",
        "over_claim",
        "timeliness",
        "responsiveness",
        "influence",
        "delivery",
        "reach",
        "continuity",
        "return_rate",
        "trend",
        "marks",
    ):
        assert key in data
    assert data["engagements"] == 3
    west = str(city["west"].id)
    rates = json.loads(json.dumps(data["reach"]["per_1000_by_district"]))
    assert rates[west] == pytest.approx(13 / 50_000 * 1000)  # 12 + the anonymous one
    assert data["return_rate"] == {"residents": 12, "returning_share": 0.25}
    fixes = data["delivery"]["issues"]
    assert fixes["reports"] == 4 and fixes["fixed_share"] == 0.25
    assert fixes["median_days_to_fix"] == pytest.approx(2, abs=0.01)
    # Nothing personal: no e-mail, name or user id anywhere.
    text = json.dumps(data, default=str)
    assert "@example.org" not in text and '"u1"' not in text


def test_a_district_with_fewer_than_ten_people_shows_no_reach(db, city):
    data = report.city_report()
    east = [k for k in data["reach"]["per_1000_by_district"] if k != city["west"].id]
    assert all(data["reach"]["per_1000_by_district"][k] is None for k in east)


def test_the_page_exports_and_period_filter(client, city):
    html = client.get("/report").get_data(as_text=True)
    assert "How citizen-powered" in html and "<svg" in html and "Survey" in html
    bad = client.get("/report?from=spring").get_data(as_text=True)
    assert "Give dates as YYYY-MM-DD." in bad
    future = client.get(f"/report?from={(utcnow() + timedelta(days=2)).date()}")
    assert "No engagement has opened across the whole city since" in (
        future.get_data(as_text=True)
    )
    exported = client.get("/report.json").get_json()
    assert exported["engagements"] == 3
    csv_text = client.get("/report/engagements.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0] == "engagement,kind,claimed,evidenced,reviewed"
    assert len(csv_text.splitlines()) == 4
    assert client.get("/report/secrets.csv").status_code == 404


def test_the_compare_page_reads_several_reports(client, city):
    ours = client.get("/report.json").get_data()
    other = json.loads(ours)
    other["city"] = "Elsewhere"
    response = client.post_form(
        "/report/compare",
        {
            "reports": [
                (io.BytesIO(ours), "ours.json"),
                (io.BytesIO(json.dumps(other).encode()), "theirs.json"),
                (io.BytesIO(b"{not json"), "broken.json"),
            ]
        },
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Elsewhere" in html and "broken.json is not a JSON report." in html
    for indicator in (
        "Issue reports fixed",
        "Residents who took part again",
        "Money under binding resident decision",
    ):
        assert indicator in html
    empty = client.post_form("/report/compare", {})
    assert empty.status_code == 400


def test_a_large_city_page_lists_the_worst_and_draws_pairs():
    marks = [
        {
            "engagement": i,
            "claimed": 3 + i % 6,
            "evidenced": 3,
            "reviewed": None,
            "kind": "meeting",
        }
        for i in range(1000)
    ]
    listed, chart = report.page_marks(marks)
    assert len(listed) == report.LISTED and listed[0]["claimed"] == 8
    assert sum(m["count"] for m in chart) == 1000 and len(chart) == 6
    small_listed, small_chart = report.page_marks(marks[:10])
    assert len(small_listed) == 10 and len(small_chart) == 10


def test_continuity_reads_each_project_once_from_its_stored_facts(db, city):
    from participation.ladder.services import facts_of

    data = report.city_report()
    value = facts_of(city["consultation"])["continuity"].value
    assert value["recurring"] is True  # three engagements
    assert data["continuity"]["projects"] == 1
    assert data["continuity"]["recurring_share"] == 1.0
    assert data["continuity"]["longest_silences"] == [
        {
            "project": city["consultation"].project_id,
            "days": pytest.approx(value["longest_gap_days"]),
        }
    ]


def test_every_figure_drills_down_to_the_engagements_behind_it(client, city):
    import re

    html = client.get("/report").get_data(as_text=True)
    links = set(re.findall(r'href="(/report/behind\?[^"]+)"', html))
    figures = {
        re.search(r"figure=(\w+)", link).group(1) for link in links if "figure=" in link
    }
    assert figures >= {
        "citizen_power",
        "over_claim",
        "after_the_fact",
        "unanswered",
        "without_report",
        "options_adopted",
        "binding_money",
        "not_on_time",
    }
    assert any("rung=" in link for link in links)
    assert any("quarter=" in link for link in links)
    # The consultation (claimed 6) and the channel (claimed 4) are over-claimed
    # when the evidence says less; the list shows exactly what the JSON says.
    over = client.get("/report.json").get_json()["over_claim"]["engagements"]
    assert over
    page = client.get("/report/behind?figure=over_claim").get_data(as_text=True)
    listed = set(map(int, re.findall(r"/engagements/(\d+)/ladder", page)))
    assert listed == set(over)
    # A rung of the distribution lists its engagements.
    rung = client.get("/report.json").get_json()["marks"][0]
    shown = rung["reviewed"] or rung["evidenced"]
    page = client.get(f"/report/behind?rung={shown}").get_data(as_text=True)
    assert f"/engagements/{rung['engagement']}/ladder" in page
    # The district filter applies: nothing of the West Bank in another district.
    east = [d for d in city["west"].query.all() if d.id != city["west"].id][0]
    page = client.get(f"/report/behind?district={east.id}").get_data(as_text=True)
    assert "0 engagements." in page


def test_a_wrong_drill_down_says_what_is_wrong(client, city):
    response = client.get("/report/behind?figure=secret&rung=12&quarter=spring")
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is no such figure in the report." in text
    assert "Choose a rung from 1 to 8." in text
    assert "Give a quarter as YYYY-Q1 to YYYY-Q4." in text


def test_the_report_follows_its_published_schema(client, city):
    from jsonschema import Draft202012Validator

    schema = client.get("/report.schema.json").get_json()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    data = client.get("/report.json").get_json()
    assert not list(validator.iter_errors(data))
    filtered = client.get(f"/report.json?district={city['west'].id}").get_json()
    assert not list(validator.iter_errors(filtered))
    broken = dict(data, citizen_power={"engagements_share": 3})
    assert list(validator.iter_errors(broken))


def test_the_compare_page_refuses_a_report_that_breaks_the_format(client, city):
    data = client.get("/report.json").get_json()
    data["engagements"] = "many"
    response = client.post_form(
        "/report/compare",
        {"reports": [(io.BytesIO(json.dumps(data).encode()), "odd.json")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "odd.json does not follow the report format at $.engagements." in (
        response.get_data(as_text=True)
    )


def test_issue_fixes_go_by_the_quarter_the_reports_were_made_in(client, db, city):
    from datetime import UTC, datetime

    from participation.issues.models import Report

    category = db.session.scalar(db.select(Report.category_id).limit(1))

    def made(when, fixed_after=None, **fields):
        db.session.add(
            Report(
                engagement_id=city["channel"].id,
                category_id=category,
                title="Old hole",
                lat=52.84,
                lon=-7.42,
                district_id=city["west"].id,
                created_at=when,
                fixed_at=when + timedelta(days=fixed_after) if fixed_after else None,
                **fields,
            )
        )

    made(datetime(2026, 2, 1, tzinfo=UTC), fixed_after=4)
    made(datetime(2026, 3, 31, 23, tzinfo=UTC))
    made(datetime(2026, 3, 31, 23, tzinfo=UTC), hidden_reason="abuse")
    made(datetime(2026, 4, 1, tzinfo=UTC), fixed_after=2)
    db.session.commit()
    issues = report.city_report()["delivery"]["issues"]
    assert issues["by_quarter"]["2026-Q1"] == {
        "reports": 2,  # the hidden one does not count
        "fixed_share": 0.5,
        "median_days_to_fix": pytest.approx(4),
    }
    assert issues["by_quarter"]["2026-Q2"]["median_days_to_fix"] == pytest.approx(2)
    assert issues["reports"] == 4 + 3
    assert sum(q["reports"] for q in issues["by_quarter"].values()) == 7
    lines = client.get("/report/issue_quarters.csv").get_data(as_text=True)
    assert "2026-Q1,2,0.5,4.0" in lines.splitlines()
    page = client.get("/report").get_data(as_text=True)
    assert "Issue reports, by the quarter they were made in" in page
