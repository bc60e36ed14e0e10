"""Every migration downgrades and upgrades again on a populated database, keeping the
rows of every table that exists on both sides of each step, and the chain walked down
and up again builds the models' schema; a failing migration is undone whole."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from flask import Flask, current_app

from participation.extensions import db
from participation.types import utcnow
from tests.conftest import make_app

# A migration that recomputes or drops derived rows (caches counted from other tables)
# names those tables in this module-level tuple: their counts may change across it.
DERIVED = "DERIVED_TABLES"


@pytest.fixture(scope="module")
def own_database(database_url, tmp_path_factory) -> Iterator[str]:
    """A database of the suite's kind for this module alone: the walk drops every
    table, and other tests run on the shared one afterwards."""
    url = sa.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('chain') / 'chain.sqlite3'}"
        return
    name = f"{url.database}_chain"
    server = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.dispose()


@pytest.fixture(scope="module")
def chain_app(own_database, tmp_path_factory) -> Iterator[Flask]:
    app = make_app(own_database, tmp_path_factory.mktemp("chain-instance"))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def alembic_config(directory: Path | None = None):
    return current_app.extensions["migrate"].migrate.get_config(directory)


def chain(config) -> list[Script]:
    """The migrations from head down to the first, as Alembic reads them."""
    scripts = ScriptDirectory.from_config(config)
    assert len(scripts.get_heads()) == 1, "the test walks one line of migrations"
    revisions = list(scripts.walk_revisions())
    for revision in revisions:
        assert not isinstance(revision.down_revision, tuple), (
            f"{revision.revision} merges branches: teach this test to walk them"
        )
    return revisions


def row_counts() -> dict[str, int]:
    with db.engine.connect() as connection:
        names = sa.inspect(connection).get_table_names()
        return {
            name: connection.scalar(
                sa.select(sa.func.count()).select_from(sa.table(name))
            )
            for name in names
            if name != "alembic_version"
        }


def schema_diff() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        return compare_metadata(context, db.metadata)


def populate() -> None:
    """The demo city, and a row in each table it leaves empty."""
    from participation.auth.models import User
    from participation.auth.sessions import start_sign_in
    from participation.auth.tokens import make_token, read_token, spend_token
    from participation.budgeting.models import Proposal, ProposalSupport
    from participation.consultations.models import (
        ClosingChange,
        Comment,
        CommentSupport,
        Section,
        SectionSupport,
    )
    from participation.consultations.survey_models import Clarification, Question
    from participation.core.models import Engagement
    from participation.demo import load_demo
    from participation.i18n.content import enqueue
    from participation.issues.models import (
        Department,
        DepartmentStaff,
        Report,
        ResponseTemplate,
        Support,
    )
    from participation.ladder import people
    from participation.notify.models import NotificationChoice
    from participation.notify.outbox import record_bounce
    from participation.open311.keys import issue_key
    from participation.open311.models import Open311Token

    assert load_demo() is not None

    def first(model) -> int:
        return db.session.scalar(sa.select(sa.func.min(model.id)))

    user = db.session.scalar(sa.select(sa.func.max(User.id)))
    key, _secret = issue_key(None, "Migration chain")
    consultation = db.session.scalar(
        sa.select(Comment.consultation_id).order_by(Comment.id).limit(1)
    )
    db.session.add_all(
        [
            Support(report_id=first(Report), user_id=user),
            Open311Token(token="chain", report_id=first(Report), api_key_id=key.id),
            ResponseTemplate(title="Thanks", body="Thank you for the report."),
            DepartmentStaff(user_id=user, department_id=first(Department)),
            NotificationChoice(user_id=user, kind="report_updates", choice="digest"),
            ProposalSupport(proposal_id=first(Proposal), user_id=user),
            CommentSupport(comment_id=first(Comment), user_id=user),
            SectionSupport(section_id=first(Section), user_id=user),
            Clarification(question_id=first(Question), body="Weekdays only."),
            ClosingChange(
                consultation_id=consultation,
                new_closes_at=utcnow(),
                reason="More time.",
            ),
        ]
    )
    db.session.commit()
    start_sign_in(db.session.get(User, user))
    record_bounce("gone@example.org", "550 5.1.1 No such user")
    link = make_token("confirm", user=user)
    read_token("confirm", link)
    spend_token("confirm", link)
    db.session.commit()
    enqueue([("Thank you for the report.", "en", "es")])
    people.refresh(all_of_them=True)
    assert db.session.scalar(sa.select(sa.func.count(Engagement.id)))
    db.session.remove()


def test_every_migration_downgrades_and_upgrades_keeping_rows(chain_app):
    config = alembic_config()
    command.upgrade(config, "head")
    populate()
    counts = row_counts()
    empty = sorted(name for name, n in counts.items() if n == 0)
    assert not empty, f"add rows for these tables in populate(): {empty}"

    revisions = chain(config)
    # Going down to the first migration drops every row: each migration also goes up
    # and down again on the way, while the rows are there.
    steps = [
        (revision, direction)
        for revision in revisions
        for direction in ("downgrade", "upgrade", "downgrade")
    ]
    steps += [(revision, "upgrade") for revision in reversed(revisions)]
    changed = []
    for revision, direction in steps:
        up = direction == "upgrade"
        target = revision.revision if up else revision.down_revision or "base"
        getattr(command, direction)(config, target)
        after = row_counts()
        derived = set(getattr(revision.module, DERIVED, ()))
        changed += [
            f"{direction} {revision.revision}: {name} {counts[name]} -> {after[name]}"
            for name in sorted((counts.keys() & after.keys()) - derived)
            if counts[name] != after[name]
        ]
        if target == "base":
            assert after == {}, "the first migration's downgrade leaves tables behind"
        counts = after

    assert changed == []
    assert schema_diff() == []


# Two migrations on top of the chain: the first fails going down after dropping a
# table and a column (the batch mode's table copy on SQLite), the second fails going up
# after creating a table.
PROBES = {
    "chain0kept": """
import sqlalchemy as sa
from alembic import op

revision = "chain0kept"
down_revision = "{head}"


def upgrade():
    op.create_table(
        "probe_a",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("note", sa.String(20)),
    )
    op.create_table("probe_b", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("INSERT INTO probe_a (id, note) VALUES (1, 'kept')")


def downgrade():
    op.drop_table("probe_b")
    with op.batch_alter_table("probe_a") as batch_op:
        batch_op.drop_column("note")
    op.execute("SELECT * FROM no_such_table")
""",
    "chain0broken": """
import sqlalchemy as sa
from alembic import op

revision = "chain0broken"
down_revision = "chain0kept"


def upgrade():
    op.create_table("probe_c", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("SELECT * FROM no_such_table")


def downgrade():
    op.drop_table("probe_c")
""",
}


def test_a_failing_migration_is_undone_whole(chain_app, tmp_path):
    source = Path(alembic_config().get_main_option("script_location"))
    directory = tmp_path / "migrations"
    shutil.copytree(source, directory, ignore=shutil.ignore_patterns("__pycache__"))
    config = alembic_config(directory)
    command.upgrade(config, "head")
    head = chain(alembic_config())[0].revision
    for revision, text in PROBES.items():
        path = directory / "versions" / f"{revision}_probe.py"
        path.write_text(text.replace("{head}", head))
    kept, broken = PROBES

    def state() -> tuple[str | None, set[str], list[str], list]:
        with db.engine.connect() as connection:
            version = MigrationContext.configure(connection).get_current_revision()
            inspector = sa.inspect(connection)
            tables = {t for t in inspector.get_table_names() if t.startswith("probe")}
            columns = [c["name"] for c in inspector.get_columns("probe_a")]
            rows = connection.execute(sa.text("SELECT id, note FROM probe_a")).all()
        return version, tables, columns, rows

    try:
        with pytest.raises(sa.exc.DBAPIError):
            command.upgrade(config, broken)
        assert state() == (kept, {"probe_a", "probe_b"}, ["id", "note"], [(1, "kept")])

        with pytest.raises(sa.exc.DBAPIError):
            command.downgrade(config, head)
        assert state() == (kept, {"probe_a", "probe_b"}, ["id", "note"], [(1, "kept")])
    finally:
        with db.engine.begin() as connection:
            for table in ("probe_a", "probe_b", "probe_c"):
                connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
            connection.execute(
                sa.text("UPDATE alembic_version SET version_num = :head"),
                {"head": head},
            )
