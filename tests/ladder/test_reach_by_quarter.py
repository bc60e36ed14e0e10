"""Reach and return quarter by quarter on real data: the quarter stored with each
participant is the one its engagement opened in (the same in SQL as in Python, on
SQLite and PostgreSQL), residents are counted once per quarter, and a resident's first
quarter is where they count as new."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import literal, select, text

from participation.ladder import figures as fig
from participation.ladder import people, report
from participation.ladder.models import PeopleTally
from participation.types import UTCDateTime

MOMENTS = [
    datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2026, 1, 1, tzinfo=UTC),
    datetime(2026, 3, 31, 23, 59, tzinfo=UTC),
    datetime(2026, 4, 1, tzinfo=UTC),
    datetime(2026, 6, 30, 23, 0, tzinfo=UTC),
    datetime(2026, 9, 30, 23, 59, tzinfo=UTC),
    datetime(2026, 10, 1, tzinfo=UTC),
    # 1 April at 01:00 in UTC+2 is still 31 March in UTC: the first quarter.
    datetime(2026, 4, 1, 1, 0, tzinfo=timezone(timedelta(hours=2))),
]


def test_the_sql_quarter_is_the_python_quarter_whatever_the_session_zone(db):
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET TIME ZONE 'Pacific/Auckland'"))
    for moment in MOMENTS:
        stored = db.session.scalar(
            select(people.quarter_of(literal(moment, UTCDateTime())))
        )
        assert stored == fig.quarter_number(moment.astimezone(UTC)), moment
    db.session.rollback()


@pytest.fixture
def quarters(db, square_city, make_project, make_user):
    """West, first quarter of 2026: 12 residents and one response without an account.
    West, second quarter: 4 of them again and 8 newcomers. East, second quarter: 2 of
    those newcomers and 8 more."""
    from participation.consultations.models import Consultation
    from participation.consultations.survey_models import Response
    from participation.core.models import District

    district = {d.name: d for d in db.session.scalars(select(District)).all()}
    project = make_project()

    def consultation(title, opens, where):
        row = Consultation(
            project_id=project.id,
            title=title,
            opens_at=opens,
            closes_at=opens + timedelta(days=20),
            claimed_rung=5,
            district_id=district[where].id,
        )
        db.session.add(row)
        db.session.flush()
        return row

    first = consultation("Q1 west", datetime(2026, 2, 1, tzinfo=UTC), "West Bank")
    second = consultation("Q2 west", datetime(2026, 5, 1, tzinfo=UTC), "West Bank")
    east = consultation("Q2 east", datetime(2026, 6, 1, tzinfo=UTC), "East Bank")
    old = [make_user() for _ in range(12)]
    new = [make_user() for _ in range(8)]
    more = [make_user() for _ in range(8)]
    for engagement, residents in (
        (first, old),
        (second, old[:4] + new),
        (east, new[:2] + more),
    ):
        for resident in residents:
            db.session.add(Response(consultation_id=engagement.id, user_id=resident.id))
    db.session.add(Response(consultation_id=first.id, user_id=None))
    db.session.commit()
    return {"first": first, "second": second, "east": east, "district": district}


def test_people_are_counted_once_per_quarter_and_new_in_their_first(db, quarters):
    data = report.city_report()
    q1, q2 = data["trend"]["2026-Q1"], data["trend"]["2026-Q2"]
    population = 100_000  # two districts of 50,000
    assert q1["participants"] == 13  # 12 accounts + 1 without one
    assert q1["participants_per_1000"] == pytest.approx(13 / population * 1000)
    assert (q1["first_time"], q1["returning_share"]) == (12, 4 / 12)
    # 12 in the west, 10 in the east, 2 of them in both: 20 people.
    assert q2["participants"] == 20
    assert (q2["first_time"], q2["returning_share"]) == (16, 2 / 16)
    # Participations still count a person once per engagement.
    assert q2["participations"] == 22
    # The whole period is the sum of the first-timers of each quarter.
    assert data["return_rate"] == {"residents": 28, "returning_share": 6 / 28}
    west = quarters["district"]["West Bank"].id
    east = quarters["district"]["East Bank"].id
    by_quarter = data["reach"]["by_quarter"]
    assert by_quarter["2026-Q1"]["per_1000_by_district"] == {
        west: pytest.approx(13 / 50),
        east: None,
    }
    assert by_quarter["2026-Q2"]["per_1000_by_district"] == {
        west: pytest.approx(12 / 50),
        east: pytest.approx(10 / 50),
    }
    assert by_quarter["2026-Q2"]["disparity"] == pytest.approx(1.2)


def test_a_district_report_counts_only_its_people_by_quarter(db, quarters):
    east = quarters["district"]["East Bank"].id
    data = report.city_report(district_id=east)
    assert list(data["trend"]) == ["2026-Q2"]
    assert data["trend"]["2026-Q2"]["participants"] == 10
    # In the east alone, all ten are new there and nobody came back.
    assert data["trend"]["2026-Q2"]["first_time"] == 10
    assert data["trend"]["2026-Q2"]["returning_share"] == 0


def test_moving_an_engagement_to_another_quarter_moves_its_people(db, quarters):
    report.city_report()
    east = quarters["east"]
    east.opens_at = datetime(2026, 8, 1, tzinfo=UTC)
    east.closes_at = datetime(2026, 8, 20, tzinfo=UTC)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(PeopleTally, east.id).stale is True
    data = report.city_report()
    assert data["trend"]["2026-Q2"]["participants"] == 12
    assert data["trend"]["2026-Q3"]["participants"] == 10
    # Eight newcomers in each quarter now: fewer than ten, not shown.
    assert data["trend"]["2026-Q2"]["first_time"] is None
    assert data["trend"]["2026-Q3"]["first_time"] is None
    east_bank = quarters["district"]["East Bank"].id
    reach = data["reach"]["by_quarter"]
    assert reach["2026-Q3"]["per_1000_by_district"][east_bank] == pytest.approx(0.2)
    assert reach["2026-Q2"]["per_1000_by_district"][east_bank] is None
    assert data["return_rate"] == {"residents": 28, "returning_share": 6 / 28}


def test_moving_an_engagement_to_another_district_moves_its_people(db, quarters):
    report.city_report()
    west = quarters["district"]["West Bank"].id
    quarters["east"].district_id = west
    db.session.commit()
    data = report.city_report()
    rates = data["reach"]["by_quarter"]["2026-Q2"]["per_1000_by_district"]
    assert rates[west] == pytest.approx(20 / 50)


def _rows(html: str, heading: str) -> dict[str, list[str]]:
    """The rows of the table under a heading: first cell's text → the other cells."""
    section = html.split(f">{heading}</h2>", 1)[1].split("<h2>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", section, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.split(r"</t[hd]>", row)]
        rows[cells[0]] = [c for c in cells[1:] if c]
    return rows


def test_the_page_and_the_exports_show_people_by_quarter(client, quarters):
    html = client.get("/report").get_data(as_text=True)
    people_rows = _rows(html, "Who took part, quarter by quarter")
    # People, per 1,000, participations, new residents, of whom came back.
    assert people_rows["Q1 2026"] == ["13", "0.1", "13", "12", "33%"]
    assert people_rows["Q2 2026"] == ["20", "0.2", "22", "16", "12%"]
    reach_rows = _rows(html, "Reach by district, quarter by quarter")
    assert '<th scope="col">Q1 2026</th><th scope="col">Q2 2026</th>' in html
    assert reach_rows["West Bank"] == ["0.3", "0.2"]
    assert reach_rows["East Bank"] == ["—", "0.2"]
    assert reach_rows["Whole city"] == ["0.1", "0.2"]
    assert reach_rows["Disparity (highest ÷ lowest)"] == ["—", "1.2"]
    lines = client.get("/report/district_quarters.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(lines)))
    west = str(quarters["district"]["West Bank"].id)
    assert rows[0] == ["quarter", "district", "participants_per_1000"]
    figures = {(q, d): rate for q, d, rate in rows[1:]}
    assert len(figures) == 4  # two quarters, two districts
    assert float(figures["2026-Q1", west]) == pytest.approx(0.26)
    assert figures["2026-Q1", str(quarters["district"]["East Bank"].id)] == ""
    quarters_csv = client.get("/report/quarters.csv").get_data(as_text=True)
    head, first, _ = list(csv.reader(io.StringIO(quarters_csv)))
    assert dict(zip(head, first, strict=True))["first_time"] == "12"


def test_the_quarters_counted_ahead_agree_with_a_count_for_a_period(db, quarters):
    """All time reads the quarters counted ahead; a period counts its engagements'
    participants there and then. Over a period holding everything, they agree."""
    always = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    for district in (None, *(d.id for d in quarters["district"].values())):
        assert report.people_reached(district_id=district) == report.people_reached(
            *always, district_id=district
        )


def test_a_new_resident_recounts_only_the_quarter_they_came_in(db, quarters, make_user):
    from participation.consultations.survey_models import Response
    from participation.ladder.models import QuarterCount

    report.people_reached()
    q1, q2 = (fig.quarter_number(datetime(2026, m, 1, tzinfo=UTC)) for m in (2, 5))
    db.session.add(
        Response(consultation_id=quarters["first"].id, user_id=make_user().id)
    )
    db.session.commit()
    people.refresh()
    db.session.expire_all()
    city = {
        c.quarter: c.accounts
        for c in db.session.scalars(select(QuarterCount).filter_by(district_id=0))
    }
    assert city == {q1: 13, q2: 20}
    assert not db.session.scalar(select(QuarterCount).filter_by(stale=True))
    assert report.people_reached()["trend"]["2026-Q1"]["participants"] == 14


def test_quarters_are_named_in_the_readers_language(client, quarters):
    page = client.get("/report", headers={"Accept-Language": "fr"})
    html = page.get_data(as_text=True)
    assert ">T1 2026</a>" in html and ">T2 2026</th>" in html
    behind = client.get(
        "/report/behind?quarter=2026-Q2", headers={"Accept-Language": "de"}
    ).get_data(as_text=True)
    assert "Q2 2026" in behind and "Q2 east" in behind and "Q1 west" not in behind
