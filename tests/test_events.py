"""Structured logs: one JSON line per event, for official actions once committed,
refused requests, refused sign-ins and job runs, without personal data."""

import json
import logging

import pytest

from participation.core.audit import record_action
from participation.core.models import OutboxMessage
from participation.events import JsonLines, job_run, log_event
from participation.notify import outbox
from tests.conftest import PASSWORD


def events(caplog, name: str) -> list[dict]:
    """The fields of each `name` event logged, with the logger's name."""
    return [
        {"logger": r.name, **r.fields}
        for r in caplog.records
        if getattr(r, "event", None) == name
    ]


def test_an_event_is_one_json_line_with_its_fields():
    record = logging.LogRecord("participation.x", logging.INFO, "", 0, "", (), None)
    record.event, record.fields = "outbox.sent", {"sent": 3, "event": "not this"}
    line = JsonLines().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["event"] == "outbox.sent" and data["sent"] == 3
    assert data["logger"] == "participation.x" and data["level"] == "info"
    assert data["time"].endswith("+00:00")


def test_an_error_stays_on_its_line(caplog):
    log = logging.getLogger("participation.test")
    try:
        raise ValueError("two\nlines")
    except ValueError:
        log_event(log, "boom", logging.ERROR, exc_info=True, n=1)
    line = JsonLines().format(caplog.records[-1])
    assert "\n" not in line
    assert "ValueError: two\nlines" in json.loads(line)["error"]


def test_the_app_writes_its_loggers_once_as_json(app):
    handlers = [
        h
        for h in logging.getLogger("participation").handlers
        if isinstance(h.formatter, JsonLines)
    ]
    assert len(handlers) == 1  # however many apps the process built


def test_an_official_action_is_logged_once_committed(app, db, make_user, caplog):
    caplog.set_level(logging.INFO, "participation")
    admin = make_user("admin")
    caplog.clear()  # granting the role was an official action too
    record_action(admin, "test.rolled_back", "user", admin.id)
    db.session.rollback()
    record_action(admin, "test.kept", "user", admin.id)
    assert events(caplog, "official_action") == []  # not before the commit
    db.session.commit()
    assert events(caplog, "official_action") == [
        {
            "logger": "participation.core.audit",
            "action": "test.kept",
            "target": "user",
            "target_id": admin.id,
            "actor_id": admin.id,
        }
    ]


def test_a_refused_request_is_logged(client, login_as, caplog):
    caplog.set_level(logging.INFO, "participation")
    client.post("/signin", data={"email": "x@example.org", "password": "y"})
    user = login_as("resident")
    assert client.get("/admin/users").status_code == 403
    refused = events(caplog, "request.refused")
    assert {"status": 400, "endpoint": "auth.signin", "method": "POST"}.items() <= (
        refused[0].items()
    )
    assert refused[-1]["status"] == 403 and refused[-1]["user_id"] == user.id


def test_a_refused_sign_in_names_no_address(client, make_user, caplog):
    caplog.set_level(logging.INFO, "participation")
    user = make_user()
    client.post_form("/signin", {"email": user.email, "password": PASSWORD + "x"})
    client.post_form("/signin", {"email": "nobody@example.org", "password": "x"})
    refused = events(caplog, "sign_in.refused")
    assert [r["reason"] for r in refused] == ["wrong_password", "unknown_account"]
    assert refused[0]["user_id"] == user.id
    lines = [JsonLines().format(r) for r in caplog.records]
    assert not any("example.org" in line for line in lines)


def test_a_job_run_is_logged_with_its_counts(app, db, caplog, tmp_path):
    caplog.set_level(logging.INFO, "participation")
    app.config["OUTBOX_PATH"] = str(tmp_path / "out")
    db.session.add_all(
        [OutboxMessage(to=f"r{n}@example.org", subject="s", body="b") for n in (1, 2)]
    )
    db.session.commit()
    assert outbox.send_pending().sent == 2
    (run,) = events(caplog, "job.run")
    assert run["job"] == "outbox.send" and run["sent"] == 2
    assert run["transport"] == "file" and run["ms"] >= 0


def test_a_failed_job_is_logged_with_its_error(caplog):
    caplog.set_level(logging.INFO, "participation")
    log = logging.getLogger("participation.test")
    with pytest.raises(RuntimeError), job_run(log, "demo.job") as run:
        run["done"] = 1
        raise RuntimeError("disk full")
    (failed,) = events(caplog, "job.failed")
    assert failed["job"] == "demo.job" and failed["done"] == 1
    assert failed["error"] == "RuntimeError: disk full"
    assert events(caplog, "job.run") == []
