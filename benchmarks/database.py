"""A fresh, migrated database for a benchmark (SQLite in a temporary folder, or the
PostgreSQL URL given, emptied first)."""

import tempfile
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import MetaData, text

from participation import create_app
from participation.extensions import db


def fresh_config(prefix: str, database: str | None) -> dict:
    """The settings of a benchmark app on an empty, migrated database."""
    work = Path(tempfile.mkdtemp(prefix=f"participation-{prefix}-bench-"))
    config = {
        "INSTANCE_PATH": str(work),
        "SQLALCHEMY_DATABASE_URI": database or f"sqlite:///{work / 'b.sqlite3'}",
        "SECRET_KEY": "bench",
        "CONTENT_TRANSLATION": False,
    }
    with create_app(config).app_context():
        existing = MetaData()
        existing.reflect(db.engine)
        existing.drop_all(db.engine)
        upgrade()
        db.engine.dispose()
    return config


def analyse() -> None:
    """After a bulk load on PostgreSQL, what autovacuum would do: statistics and the
    visibility map (nothing to do on SQLite)."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        ) as connection:
            connection.execute(text("VACUUM ANALYZE"))
