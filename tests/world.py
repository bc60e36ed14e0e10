"""Worlds of rows built once per run and copied into each test's empty database.

The `objects` fixture (one object of every kind a URL can name) takes a third of a
second to build through the services, and a thousand tests ask for it (the access
matrix, the URL sweep); the page-structure tests build theirs 330 times. The first
test that asks builds the world; its rows are then kept beside the schema (a schema
of their own on PostgreSQL, an attached file on SQLite) and copied back by the
database itself, column for column, into the wiped database of each test: every test
starts from the same rows, whatever the test before it wrote.
"""

from pathlib import Path

import sqlalchemy as sa


class World:
    """The rows of every table once built (`take`), copied back on demand (`restore`)."""

    def __init__(self, name: str, metadata: sa.MetaData, sqlite_file: Path):
        # The schema (PostgreSQL) or attached database (SQLite) the rows are kept in.
        self.kept = f"test_world_{name}"
        self.metadata = metadata
        self.sqlite_file = sqlite_file
        self.tables: list[sa.Table] = []  # those with rows, parents first
        self.sequences: list[tuple[str, int]] = []  # PostgreSQL: (sequence, max id)
        self.ids: dict | None = None
        self.accounts_made = 0

    @property
    def built(self) -> bool:
        return self.ids is not None

    def take(self, engine, ids: dict, accounts_made: int) -> None:
        """Keep every row of the database as it is now."""
        quote = engine.dialect.identifier_preparer.quote
        with engine.connect() as connection:
            self.tables = [
                table
                for table in self.metadata.sorted_tables
                if connection.scalar(sa.select(sa.exists().select_from(table)))
            ]
            if engine.dialect.name == "sqlite":
                self._attach(connection)
            else:
                connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {self.kept} CASCADE")
                connection.exec_driver_sql(f"CREATE SCHEMA {self.kept}")
                self.sequences = self._sequences(connection)
            for table in self.tables:
                name = quote(table.name)
                connection.exec_driver_sql(f"DROP TABLE IF EXISTS {self.kept}.{name}")
                connection.exec_driver_sql(
                    f"CREATE TABLE {self.kept}.{name} AS SELECT * FROM {name}"
                )
            connection.commit()
            if engine.dialect.name == "sqlite":
                self._detach(connection)
        self.ids = dict(ids)
        self.accounts_made = accounts_made

    def restore(self, engine) -> None:
        """Copy the kept rows into the (empty) database."""
        quote = engine.dialect.identifier_preparer.quote
        statements = []
        for table in self.tables:
            name = quote(table.name)
            columns = ", ".join(quote(column.name) for column in table.columns)
            statements.append(
                f"INSERT INTO {name} ({columns}) SELECT {columns} FROM {self.kept}.{name}"
            )
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                # ATTACH and DETACH outside a transaction, the copy inside one.
                self._attach(connection)
                for statement in statements:
                    connection.exec_driver_sql(statement)
                connection.commit()
                self._detach(connection)
                return
            # Sequences never run behind the copied ids (the rows took their ids from
            # them in this database); should anything have reset one, move it on.
            statements += [
                f"SELECT setval('{sequence}', GREATEST({largest}, "
                f"COALESCE(pg_sequence_last_value('{sequence}'), 0)))"
                for sequence, largest in self.sequences
            ]
            # One round trip: psycopg sends a query without parameters as it is.
            connection.exec_driver_sql("; ".join(statements))
            connection.commit()

    def forget(self, engine) -> None:
        """Drop the kept rows (at the end of the run)."""
        if not self.built:
            return
        if engine.dialect.name == "sqlite":
            self.sqlite_file.unlink(missing_ok=True)
        else:
            with engine.begin() as connection:
                connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {self.kept} CASCADE")

    def _attach(self, connection) -> None:
        connection.exec_driver_sql(
            f"ATTACH DATABASE ? AS {self.kept}", (str(self.sqlite_file),)
        )
        connection.commit()

    def _detach(self, connection) -> None:
        connection.exec_driver_sql(f"DETACH DATABASE {self.kept}")
        connection.commit()

    def _sequences(self, connection) -> list[tuple[str, int]]:
        sequences = []
        for table in self.tables:
            (key, *more) = table.primary_key.columns
            if more or not isinstance(key.type, sa.Integer):
                continue
            sequence = connection.scalar(
                sa.select(sa.func.pg_get_serial_sequence(table.name, key.name))
            )
            if sequence is not None:
                largest = connection.scalar(sa.select(sa.func.max(key)))
                sequences.append((sequence, largest))
        return sequences
