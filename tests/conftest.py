"""Fixtures: a migrated database (SQLite, or PostgreSQL via TEST_DATABASE_URL), the app,
a client that speaks CSRF, and accounts of every role."""

import atexit
import os
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from tests.i18n.argos_environment import configure_argos_environment

# argos-translate reads where its packages live once, when first imported: point it at a
# throwaway folder before anything imports it, so tests never touch $HOME or a network.
ARGOS_HOME = Path(tempfile.mkdtemp(prefix="participation-argos-"))
configure_argos_environment(ARGOS_HOME)
atexit.register(shutil.rmtree, ARGOS_HOME, ignore_errors=True)

import pytest  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from hypothesis import settings  # noqa: E402

from participation import create_app  # noqa: E402
from participation.extensions import db as _db  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Property tests check behaviour, not speed (benchmarks/ times things): no deadline,
# which a busy two-core machine running both passes side by side would miss at random.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    return (yield from _shared_data_or_skip())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    return (yield from _shared_data_or_skip())


def _shared_data_or_skip():
    """A test reading ../shared/ that this clone lacks skips and says why (fails
    under CI): see tests/shared_data.py."""
    from tests.shared_data import is_missing_shared, missing

    try:
        return (yield)
    except FileNotFoundError as error:
        if is_missing_shared(error):
            missing(error.filename)
        raise


PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """The test database: TEST_DATABASE_URL, else a fresh SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")


def make_app(database_url: str, instance_path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": str(instance_path),
        "CITY_TIMEZONE": "Europe/Madrid",
        "PUBLIC_URL": "http://localhost",
        # Fast hashing keeps the suite quick; production uses scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        **overrides,
    }
    return create_app(config)


@pytest.fixture(scope="session")
def migrated(database_url, tmp_path_factory) -> str:
    """Build the schema once per run through the migrations, as deployments do."""
    app = make_app(database_url, tmp_path_factory.mktemp("instance"))
    with app.app_context():
        engine = _db.engine
        existing = sa.MetaData()
        existing.reflect(engine)
        existing.drop_all(engine)
        upgrade()
        engine.dispose()
    return database_url


def wipe(engine) -> None:
    """Delete every row, keeping the migrated schema (and the sequences where they
    are: ids go on growing from test to test on PostgreSQL).

    Plain statements, children first, in one transaction: on PostgreSQL in one round
    trip (psycopg sends a query without parameters as it is), on SQLite straight to
    the driver: a fraction of the time of one statement built per table."""
    from participation.core import reference

    quote = engine.dialect.identifier_preparer.quote
    statements = [
        f"DELETE FROM {quote(table.name)}"
        for table in reversed(_db.metadata.sorted_tables)
    ]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("; ".join(statements))
        else:
            cursor = connection.connection.driver_connection.cursor()
            for statement in statements:
                cursor.execute(statement)
            cursor.close()
    reference.forget()


def count_rows(session, tables) -> dict[str, int]:
    """Rows per table (by name), in one query: a scalar subquery per table."""
    tables = list(tables)
    row = session.execute(
        sa.select(
            *(
                sa.select(sa.func.count())
                .select_from(table)
                .scalar_subquery()
                .label(f"n{n}")
                for n, table in enumerate(tables)
            )
        )
    ).one()
    return {table.name: count for table, count in zip(tables, row, strict=True)}


class SharedApps:
    """The two application instances of the run (the test's and the server's), built
    once: building one compiles every URL rule, which cost two thirds of a second per
    test. Each test gets them as if new: the configuration as built, its own instance
    folder, empty rate-limit counters and an empty database."""

    def __init__(self, database_url: str, instance_path):
        from participation.extensions import limiter

        self.app = make_app(database_url, instance_path)
        self.server = make_app(database_url, instance_path)
        self.configs = {
            instance: dict(instance.config) for instance in (self.app, self.server)
        }
        # Flask-Limiter keeps its settings and storage on the one shared extension
        # object, which a test building an app of its own re-initialises.
        self.limiter_state = dict(vars(limiter))

    def fresh(self, instance_path):
        from participation.extensions import limiter

        for instance, config in self.configs.items():
            instance.config.clear()
            instance.config.update(config)
            instance.instance_path = str(instance_path)
        os.makedirs(instance_path, exist_ok=True)
        vars(limiter).update(self.limiter_state)
        limiter.reset()


@pytest.fixture(scope="session")
def shared_apps(migrated, tmp_path_factory) -> SharedApps:
    return SharedApps(migrated, tmp_path_factory.mktemp("instance"))


@pytest.fixture
def app(shared_apps, tmp_path):
    app = shared_apps.app
    shared_apps.fresh(tmp_path / "instance")
    with app.app_context():
        yield app
        _db.session.remove()
        wipe(_db.engine)


@pytest.fixture
def db(app):
    return _db


class FormClient:
    """A test client that fetches a CSRF token and posts forms with it, like a browser."""

    def __init__(self, client):
        self.client = client

    def __getattr__(self, name):
        return getattr(self.client, name)

    # Any page will do: the language switcher on every page carries the session's
    # token. A page that is not there is the cheapest one to render (the home page
    # assesses every engagement).
    TOKEN_PAGE = "/any-page-carries-the-csrf-token"

    def csrf_token(self) -> str:
        html = self.client.get(self.TOKEN_PAGE).get_data(as_text=True)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
        assert match, "no CSRF token on a page"
        return match.group(1)

    def post_form(self, url: str, data: dict | None = None, **kwargs):
        data = {"csrf_token": self.csrf_token(), **(data or {})}
        return self.client.post(url, data=data, **kwargs)


@pytest.fixture
def server(app, shared_apps):
    """The application as the client sees it: a second instance on the same database.

    Requests then get their own app context (and `g`, and session) instead of sharing
    the test's, exactly as in production.
    """
    return shared_apps.server


@pytest.fixture
def client(server):
    return FormClient(server.test_client())


@pytest.fixture
def make_user(app):
    """Create an account with the given roles; returns the user."""
    from participation.auth.administration import set_roles
    from participation.auth.services import register_user

    def factory(
        *roles: str,
        email: str | None = None,
        password: str = PASSWORD,
        confirmed: bool = True,
        **kw,
    ):
        if not email:
            # Numbered: `objects` (tests/world.py) carries the count on.
            factory.made += 1
            email = f"user{factory.made}-{'-'.join(roles) or 'resident'}@example.org"
        user = register_user(email, password, confirmed=confirmed, **kw)
        grantable = {r for r in roles if r != "resident"}
        if grantable:
            set_roles(None, user.id, grantable)
        return user

    factory.made = 0
    return factory


@pytest.fixture
def login_as(client, make_user):
    """Sign in through the real sign-in form as a new account with `role`."""

    def login(role: str | None = "resident", **kw):
        roles = () if role in (None, "resident") else (role,)
        user = make_user(*roles, **kw)
        response = client.post_form(
            "/signin", {"email": user.email, "password": kw.get("password", PASSWORD)}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return login


@pytest.fixture
def make_project(app, make_user):
    from participation.projects.planning import ProjectData, create_project

    def factory(actor=None, **fields):
        actor = actor or make_user("planner")
        data = {
            "title": "Safer crossings",
            "summary": "Crossings near schools.",
            "theme": "mobility",
        }
        return create_project(actor, ProjectData(**{**data, **fields}))

    return factory


@pytest.fixture
def make_engagement(app, make_project):
    from participation.core.services import EngagementData
    from participation.projects.planning import create_engagement

    def factory(project=None, actor=None, **fields):
        project = project or make_project(actor=actor)
        data = {
            "kind": "consultation",
            "title": "Which crossings first?",
            "opens_at": datetime(2026, 1, 1, tzinfo=UTC),
            "claimed_rung": 4,
        }
        creator = actor or project_creator(project)
        return create_engagement(
            creator, project.id, EngagementData(**{**data, **fields})
        )

    def project_creator(project):
        from participation.auth.models import User

        return _db.session.get(User, project.created_by_id)

    return factory


@pytest.fixture
def make_consultation(app, make_project):
    """A consultation with one question of each kind and a section of text, through
    the services; open since 2026-01-01 unless told otherwise."""
    from participation.auth.models import User
    from participation.consultations import comments, services, survey

    def factory(project=None, actor=None, questions=True, sections=True, **fields):
        project = project or make_project(actor=actor)
        actor = actor or _db.session.get(User, project.created_by_id)
        data = {
            "title": "Which crossings first?",
            "summary": "Help us choose where the new crossings go.",
            "opens_at": datetime(2026, 1, 1, tzinfo=UTC),
            "claimed_rung": 4,
            "audience": "signed_in",
            **fields,
        }
        consultation = services.create_consultation(
            actor, project.id, services.ConsultationData(**data)
        )
        if questions:
            for question in (
                survey.QuestionData(
                    "single",
                    "Which street first?",
                    required=True,
                    options=["Main Street", "Mill Lane", "Quay"],
                ),
                survey.QuestionData(
                    "multiple",
                    "Who crosses there?",
                    options=["Children", "Older people", "Cyclists"],
                ),
                survey.QuestionData("text", "Anything else?"),
                survey.QuestionData(
                    "ranking",
                    "Rank the designs",
                    options=["Zebra", "Lights", "Raised table"],
                ),
                survey.QuestionData(
                    "scale",
                    "How safe do you feel?",
                    scale=(1, 5),
                    min_label="Not at all",
                    max_label="Very",
                ),
                survey.QuestionData("point", "Where exactly?"),
            ):
                survey.add_question(actor, consultation.id, question)
        if sections:
            comments.add_section(
                actor, consultation.id, "The plan", "Four crossings by **June**."
            )
        return consultation

    return factory


@pytest.fixture
def make_city(app):
    """Store the city's settings (by default a small box with Spanish as its language)."""
    from participation.core.models import City

    def factory(**fields):
        values = {
            "name": "Riverford",
            "timezone": "Europe/Madrid",
            "default_locale": "es",
            "south": 1.0,
            "west": 1.0,
            "north": 2.0,
            "east": 2.0,
            **fields,
        }
        city = City(**values)
        _db.session.add(city)
        _db.session.commit()
        return city

    return factory


@pytest.fixture
def square_city(make_city, db):
    """A city around (52.84, -7.39) with two districts, west and east of -7.39."""
    from participation.core.models import District

    city = make_city(
        name="Riverford",
        default_locale="en",
        south=52.80,
        west=-7.45,
        north=52.88,
        east=-7.33,
    )
    for name, (w, e) in {
        "West Bank": (-7.45, -7.39),
        "East Bank": (-7.39, -7.33),
    }.items():
        ring = [[w, 52.80], [e, 52.80], [e, 52.88], [w, 52.88], [w, 52.80]]
        _db.session.add(
            District(
                name=name,
                population=50_000,
                boundary={"type": "Polygon", "coordinates": [ring]},
            )
        )
    _db.session.commit()
    return city


@pytest.fixture
def make_category(app):
    from participation.issues.models import Category, Department

    def factory(
        code="streetlight", name="Street light out", department="Lighting", **kw
    ):
        existing = _db.session.scalars(
            sa.select(Category).where(Category.code == code)
        ).first()
        if existing is not None:
            return existing
        dept = _db.session.scalars(
            sa.select(Department).where(Department.name == department)
        ).first() or Department(name=department)
        category = Category(code=code, name=name, department=dept, **kw)
        _db.session.add(category)
        _db.session.commit()
        return category

    return factory


@pytest.fixture
def make_report(app, make_user, make_category):
    from participation.issues.services import ReportData, submit_report

    def factory(reporter=None, category=None, **fields):
        reporter = reporter or make_user()
        category = category or make_category()
        data = {
            "category_id": category.id,
            "title": "Light out on Mill Lane",
            "lat": 52.84,
            "lon": -7.40,
            **fields,
        }
        return submit_report(reporter, ReportData(**data))

    return factory


@pytest.fixture
def make_process(db, make_project, make_user):
    """A process in the given phase with one city-wide budget of 100,000."""
    from datetime import timedelta

    from participation.budgeting.models import Budget, BudgetProcess
    from participation.types import utcnow

    def factory(phase="voting", vote_type="approval", district_id=None, **fields):
        now = utcnow()
        dates = {
            "ideas": (now - timedelta(days=1), now + timedelta(days=10), None),
            "review": (now - timedelta(days=20), now - timedelta(days=5), None),
            "voting": (now - timedelta(days=30), now - timedelta(days=20), now),
            "closed": (now - timedelta(days=30), now - timedelta(days=20), now),
        }[phase]
        planner = make_user("planner")
        project = make_project(actor=planner)
        process = BudgetProcess(
            project=project,
            title="Riverford decides",
            opens_at=dates[0],
            ideas_close_at=dates[1],
            voting_opens_at=(dates[2] - timedelta(days=1)) if dates[2] else None,
            closes_at=(now - timedelta(hours=1))
            if phase == "closed"
            else now + timedelta(days=30),
            claimed_rung=7,
            vote_type=vote_type,
            **fields,
        )
        process.budgets = [
            Budget(name="City-wide", amount=100_000, district_id=district_id)
        ]
        db.session.add(process)
        db.session.commit()
        process.planner = planner
        return process

    return factory


class Worlds:
    """Worlds of rows built once per run, by name (tests/world.py)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.made: dict = {}

    def rows(self, name: str, build, make_user) -> dict:
        """Copy the world `name` into the test's empty database, built first by
        `build` (which returns the ids the tests need) if no test built it yet; the
        numbered accounts of make_user carry on from the world's."""
        from participation.core import reference
        from tests.world import World

        world = self.made.get(name)
        if world is None:
            world = World(name, _db.metadata, self.directory / f"{name}.sqlite3")
            ids = build()
            world.take(_db.engine, ids, make_user.made)
            self.made[name] = world
            # Then as every other test gets it: the copy in an empty database.
            _db.session.remove()
            wipe(_db.engine)
        world.restore(_db.engine)
        reference.forget()  # rows written behind the back of its copies
        make_user.made = world.accounts_made
        return dict(world.ids)

    def forget(self, engine) -> None:
        for world in self.made.values():
            world.forget(engine)


@pytest.fixture(scope="session")
def worlds(shared_apps, tmp_path_factory):
    made = Worlds(tmp_path_factory.mktemp("worlds"))
    yield made
    with shared_apps.app.app_context():
        made.forget(_db.engine)


@pytest.fixture
def objects(request, app, make_user, worlds):
    """One object of every kind a URL can name, by the name of its id in routes
    (tests/url_map.py: object_key).

    Built once per run through the services (build_objects), then copied into each
    test's empty database (tests/world.py): the same rows, the same ids, every time.
    """

    def build():
        request.getfixturevalue("square_city")
        return build_objects(
            request.getfixturevalue("make_engagement"),
            request.getfixturevalue("make_consultation"),
            make_user,
            request.getfixturevalue("make_report"),
        )

    return worlds.rows("objects", build, make_user)


def build_objects(make_engagement, make_consultation, make_user, make_report) -> dict:
    """One object of every kind, in a city with districts (square_city)."""
    from datetime import date

    from participation.budgeting.models import (
        Ballot,
        Budget,
        BudgetProcess,
        Milestone,
        Proposal,
    )
    from participation.consultations.models import Comment
    from participation.core.models import District, OutboxMessage
    from participation.i18n.models import ContentTranslation
    from participation.projects.models import (
        Decision,
        ProjectMilestone,
        ProjectQuestion,
        ProjectUpdate,
    )

    engagement = make_engagement(kind="meeting")
    consultation = make_consultation(project=engagement.project)
    process = BudgetProcess(
        project_id=engagement.project_id,
        title="Budget",
        opens_at=engagement.opens_at,
        claimed_rung=7,
    )
    process.budgets = [Budget(name="City", amount=1000)]
    _db.session.add(process)
    _db.session.flush()
    budget = process.budgets[0]
    proposal = Proposal(budget_id=budget.id, title="Benches", cost=500)
    _db.session.add(proposal)
    _db.session.flush()
    paper = Ballot(
        budget_id=budget.id, voter_key="paper:1", receipt="PAPER1", source="paper"
    )
    milestone = Milestone(
        proposal_id=proposal.id, title="Order", planned_for=date(2026, 1, 1)
    )
    update = ProjectUpdate(project_id=engagement.project_id, title="News", body="Text")
    question = ProjectQuestion(project_id=engagement.project_id, body="When?")
    project_milestone = ProjectMilestone(
        project_id=engagement.project_id, title="Start", due_at=engagement.opens_at
    )
    decision = Decision(
        project_id=engagement.project_id,
        title="Go ahead",
        decided_by="City council",
        decided_at=engagement.opens_at,
        engagements=[engagement],
    )
    comment = Comment(
        consultation_id=consultation.id,
        section_id=consultation.sections[0].id,
        body="More light, please.",
    )
    translation = ContentTranslation(
        text_hash="0" * 64,
        source="en",
        target="es",
        original="News",
        translated="Noticias",
        status="done",
    )
    _db.session.add_all(
        [
            paper,
            milestone,
            update,
            question,
            project_milestone,
            decision,
            comment,
            translation,
        ]
    )
    failed = OutboxMessage(
        to="someone@example.org",
        subject="Welcome",
        body="Hello",
        attempts=7,
        last_error="451 4.3.0 Try again later",
        failed_at=datetime.now(UTC),
    )
    _db.session.add(failed)
    _db.session.commit()
    return {
        "message": failed.id,
        "update": update.id,
        "project_question": question.id,
        "project_milestone": project_milestone.id,
        "decision": decision.id,
        "district": _db.session.scalar(sa.select(District.id).limit(1)),
        "proposal": proposal.id,
        "ballot": paper.id,
        "milestone": milestone.id,
        "process": process.id,
        "budget": process.budgets[0].id,
        "consultation": consultation.id,
        "question": consultation.questions[0].id,
        "section": consultation.sections[0].id,
        "comment": comment.id,
        "translation": translation.id,
        "project": engagement.project_id,
        "engagement": engagement.id,
        "user": make_user(email="target@example.org").id,
        "report": make_report().id,
    }


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on loopback for the run (tests/mailbox.py)."""
    from tests.mailbox import Mailbox

    mailbox = Mailbox()
    yield mailbox
    mailbox.stop()


@pytest.fixture
def mailbox(smtp_server, app, server):
    """The app (and the server instance clients talk to) sending through the test
    SMTP server, its inbox empty."""
    smtp_server.inbox.clear()
    for instance in (app, server):
        instance.config.update(smtp_server.config())
    return smtp_server
