"""The demo city: loaded once, complete, and usable with the accounts it prints."""

import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from participation.auth.models import User
from participation.auth.services import authenticate
from participation.core import geo
from participation.core.demo_data import DISTRICTS
from participation.core.models import (
    ENGAGEMENT_KINDS,
    THEMES,
    AuditEntry,
    City,
    District,
    Engagement,
    Project,
)
from participation.demo import load_demo, saved_accounts
from participation.types import utcnow

MODELS = [City, District, Project, Engagement, User, AuditEntry]


def counts(db) -> dict[str, int]:
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in MODELS
    }


@pytest.fixture
def accounts(db):
    """The demo loaded in this test (its accounts file too)."""
    return load_demo()


@pytest.fixture
def demo(db, make_user, worlds):
    """The demo's rows, loaded once per run and copied into this test's database
    (tests/world.py); its accounts. For the tests that read the database only: the
    accounts file is written by `accounts`."""
    return worlds.rows("demo", lambda: {"accounts": load_demo()}, make_user)["accounts"]


def test_city_is_stored_with_bounds_around_its_districts(db, demo):
    city = db.session.scalars(select(City)).one()
    assert city.name == "Riverford"
    assert city.timezone == "Europe/Dublin"
    assert city.default_locale == "en"
    districts = db.session.scalars(select(District)).all()
    south, west, north, east = geo.bounds_of(d.boundary for d in districts)
    assert city.south < south < north < city.north
    assert city.west < west < east < city.east


def test_districts_tile_the_city(db, demo):
    districts = db.session.scalars(select(District)).all()
    assert 4 <= len(districts) <= 6
    assert 180_000 <= sum(d.population for d in districts) <= 260_000
    for district in districts:
        geo.validate_geometry(district.boundary)
        assert 9 <= len(district.boundary["coordinates"][0]) <= 17
    for data in DISTRICTS:
        lon, lat = data["sample_point"]
        inside = [
            d.name for d in districts if geo.point_in_polygon(lon, lat, d.boundary)
        ]
        assert inside == [data["name"]]


def test_districts_do_not_overlap(db, demo):
    districts = db.session.scalars(select(District)).all()
    south, west, north, east = geo.bounds_of(d.boundary for d in districts)
    steps = 60
    covered = 0
    for i in range(steps + 1):
        for j in range(steps + 1):
            lon = west + (east - west) * (i + 0.5) / (steps + 1)
            lat = south + (north - south) * (j + 0.5) / (steps + 1)
            hits = sum(geo.point_in_polygon(lon, lat, d.boundary) for d in districts)
            assert hits <= 1, (lon, lat)
            covered += hits
    assert covered > (steps + 1) ** 2 / 2


def test_a_dozen_projects_across_themes(db, demo):
    projects = db.session.scalars(select(Project)).all()
    assert len(projects) == 12
    assert {p.theme for p in projects} <= set(THEMES)
    assert {"mobility", "lighting", "parks", "housing", "data_sensors"} <= {
        p.theme for p in projects
    }
    assert len({p.status for p in projects}) >= 3
    assert any(p.district_id is None for p in projects)
    assert len({p.district_id for p in projects if p.district_id}) >= 4
    assert all(p.description.strip() for p in projects)


def test_engagements_of_every_kind_at_various_rungs(db, demo):
    engagements = db.session.scalars(select(Engagement)).all()
    assert 20 <= len(engagements) <= 25
    assert {e.kind for e in engagements} == set(ENGAGEMENT_KINDS)
    rungs = {e.claimed_rung for e in engagements}
    assert len(rungs) >= 5 and min(rungs) >= 2 and max(rungs) <= 8
    now = utcnow()
    assert any(e.is_open(now) for e in engagements)
    assert any(e.opens_at > now for e in engagements)
    assert any(e.closes_at is not None and e.closes_at < now for e in engagements)
    after_the_fact = [
        e for e in engagements if e.decided_at and e.decided_at < e.opens_at
    ]
    assert after_the_fact
    assert sum(e.decided_at is not None for e in engagements) > len(engagements) / 2


def test_accounts_of_every_role_can_sign_in(db, demo):
    accounts = demo
    assert {a.role for a in accounts} == {"admin", "planner", "evaluator", "resident"}
    assert {"admin@demo.city", "planner@demo.city", "evaluator@demo.city"} <= {
        a.email for a in accounts
    }
    for account in accounts:
        user = authenticate(account.email, account.password)
        assert user is not None, account.email
        assert account.role in user.roles
        if account.role == "resident":
            assert user.roles == {"resident"}
        assert user.display_name
    assert len({a.password for a in accounts}) == len(accounts)


def test_loading_again_changes_nothing(db, accounts):
    before = counts(db)
    assert load_demo() is None
    assert counts(db) == before
    assert saved_accounts() == accounts


def test_accounts_file_is_private_and_lists_the_accounts(app, accounts):
    path = Path(app.instance_path) / "demo-accounts.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = path.read_text().splitlines()
    assert lines == [f"{a.role} {a.email} {a.password}" for a in accounts]
    assert saved_accounts() == accounts


def test_no_saved_accounts_before_loading(app):
    assert saved_accounts() == []


def test_nothing_is_loaded_when_a_city_exists(db):
    db.session.add(City(name="Elsewhere", south=0, west=0, north=1, east=1))
    db.session.commit()
    assert load_demo() is None
    assert counts(db)["Project"] == 0
    assert saved_accounts() == []


def test_demo_command_loads_once_then_prints_the_accounts_again(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "Demo city loaded" in first.output
    accounts = saved_accounts()
    assert accounts
    before = counts(db)

    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "already loaded" in second.output
    for account in accounts:
        assert account.email in first.output and account.email in second.output
        assert account.password in second.output
    assert counts(db) == before


def test_demo_has_reports_in_several_states(app, db):
    from sqlalchemy import select

    from participation.demo import load_demo
    from participation.issues.models import Category, Report

    load_demo()
    reports = db.session.scalars(select(Report)).all()
    assert len(reports) >= 5
    assert {"new", "acknowledged", "fixed"} <= {r.status for r in reports}
    assert all(r.district_id is not None for r in reports)
    assert len(db.session.scalars(select(Category)).all()) >= 5


def test_demo_consultations_have_surveys_answers_and_reports(app, db):
    from sqlalchemy import select

    from participation.consultations import services
    from participation.consultations.models import Consultation
    from participation.consultations.survey_models import Response
    from participation.demo import load_demo

    load_demo()
    consultations = db.session.scalars(select(Consultation)).all()
    assert consultations and all(c.questions and c.sections for c in consultations)
    held = [c for c in consultations if services.phase(c) != services.UPCOMING]
    assert held
    languages = set(db.session.scalars(select(Response.language)))
    assert {"en", "pl", "ar"} <= languages
    closed = [c for c in consultations if services.phase(c) == services.CLOSED]
    assert closed and all(c.report_published_at and c.themes for c in closed)


def test_demo_budgets_have_proposals_ballots_and_published_results(app, db):
    from sqlalchemy import func, select

    from participation.budgeting.models import Ballot, BudgetProcess, Proposal
    from participation.budgeting.services import phase
    from participation.demo import load_demo

    load_demo()
    processes = db.session.scalars(select(BudgetProcess)).all()
    assert {phase(p) for p in processes} >= {"closed", "voting"}
    assert db.session.scalar(select(func.count(Proposal.id))) >= 20
    assert db.session.scalar(select(func.count(Ballot.id))) >= 400
    closed = [p for p in processes if phase(p) == "closed"]
    assert all(b.outcome and b.outcome["selected"] for p in closed for b in p.budgets)
    # Proposals sit inside the city; last year's winners are being built, some late.
    from participation.budgeting.delivery import delivery_of
    from participation.core.services import get_city

    city = get_city()
    pins = db.session.execute(select(Proposal.lat, Proposal.lon)).all()
    placed = [(lat, lon) for lat, lon in pins if lat is not None]
    assert placed and all(
        city.south < lat < city.north and city.west < lon < city.east
        for lat, lon in placed
    )
    built = [x for p in closed for _w, x in delivery_of(p)]
    assert {x.status for x in built} >= {"delivered", "in_progress"}
    assert any(x.late for x in built) and not all(x.late for x in built)


def test_demo_ladder_tells_a_varied_story(db, demo):
    from participation.core.models import Engagement
    from participation.ladder.models import LadderAssessment

    rows = db.session.execute(
        db.select(Engagement.claimed_rung, LadderAssessment).join(
            LadderAssessment, LadderAssessment.engagement_id == Engagement.id
        )
    ).all()
    assert len(rows) == db.session.scalar(db.select(db.func.count(Engagement.id)))
    over = [a for claimed, a in rows if claimed > a.rung]
    assert len(over) >= 3  # some projects over-claimed
    assert any(a.rung >= 6 for _c, a in rows)  # some genuinely citizen-powered
    caps = {cap["code"] for _c, a in rows for cap in a.caps}
    assert "after_the_fact" in caps
    flags = {flag for _c, a in rows for flag in a.flags}
    assert {"unverified_claim", "rung_2_candidate"} <= flags


def test_demo_report_has_residents_who_came_back(db, demo):
    from participation.ladder import report

    data = report.city_report()
    assert 0 < data["return_rate"]["returning_share"] < 1
    new = {q: v["first_time"] for q, v in data["trend"].items() if v["first_time"]}
    assert len(new) >= 2  # new residents in more than one quarter
    assert any(v["returning_share"] for v in data["trend"].values())
    ages = data["reach"]["age_groups"]
    assert ages["residents"] and sum(1 for g in ages["by_group"].values() if g) >= 3


def test_a_theme_of_what_we_heard_leads_to_a_recorded_decision(db, demo, client):
    from participation.consultations.models import ReportTheme

    linked = db.session.scalars(
        db.select(ReportTheme).where(ReportTheme.decision_id.is_not(None))
    ).all()
    assert linked
    page = client.get(f"/decisions/{linked[0].decision_id}")
    assert page.status_code == 200
    assert "What residents said that led to it" in page.get_data(as_text=True)
