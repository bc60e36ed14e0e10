"""The yardstick for benchmarks.submit: a bare Flask endpoint doing one insert."""

import os
import sqlite3

from flask import Flask

app = Flask(__name__)
DATABASE = os.environ["BARE_DATABASE"]


def connection() -> sqlite3.Connection:
    db = sqlite3.connect(DATABASE, timeout=10, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


with connection() as setup:
    setup.execute(
        "CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, title TEXT)"
    )


@app.post("/insert")
def insert():
    db = connection()
    try:
        db.execute("INSERT INTO item (title) VALUES (?)", ("Light out",))
    finally:
        db.close()
    return "", 204
