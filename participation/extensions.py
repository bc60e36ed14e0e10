"""Flask extensions, created unbound and initialised in create_app."""

import hashlib

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Declarative base with named constraints, so migrations can alter them."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


# SQLite reads `FROM report INDEXED BY ix_…` (issues.models.read_map_index), but
# SQLAlchemy's SQLite compiler drops FROM hints (it renders them only for the dialects
# that had them first): let it write them.
SQLiteCompiler.get_from_hint_text = lambda self, table, text: text


def insert_on_conflict(dialect: str):
    """The dialect's `insert` construct, the one with on_conflict_do_nothing/update
    (SQLite and PostgreSQL spell ON CONFLICT alike)."""
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


# Objects stay readable after a commit: a request that commits and then shows or
# redirects to what it wrote must not reload every row it touched.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
babel = Babel()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def one_at_a_time(*name) -> None:
    """Wait for, and hold until this transaction ends, the lock called `name` (e.g.
    ("ballot", budget_id, user_id)): a second request of the same person waits for the
    first to commit, then reads what it wrote, instead of racing it into a deadlock or
    a duplicate. Call it before the reads that decide what to write."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        digest = hashlib.blake2b(repr(name).encode(), digest_size=8).digest()
        key = int.from_bytes(digest, "big", signed=True)
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    elif (
        connection.dialect.name == "sqlite"
        and not connection.connection.driver_connection.in_transaction
    ):
        # SQLite has one writer at a time: take the write lock now (the driver would
        # only begin at the first write, after the reads), waiting busy_timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
