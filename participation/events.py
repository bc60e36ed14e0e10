"""Structured log events: one event per line, as a JSON object with its fields.

Every package logs through its own module logger (`logging.getLogger(__name__)`):
`log_event(log, "outbox.sent", sent=3)`, or `with job_run(log, "outbox.send") as run:`
for work done outside a request (its counts go in `run`, its time is measured, a
failure is logged with its error). The app writes the `participation` loggers as JSON
lines on stderr (configure_logging); what an event holds is chosen to need no
personal data: ids and counts, never a name, an address or a vote.
"""

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, request
from flask.logging import default_handler
from flask_login import current_user

# Keys of every line; an event's own fields never replace them.
CORE_KEYS = ("time", "level", "logger", "event")


def log_event(
    logger: logging.Logger,
    event: str,
    level: int = logging.INFO,
    exc_info: bool = False,
    **fields: Any,
) -> None:
    """Log `event` with its fields as one structured line (with the exception being
    handled, when exc_info)."""
    logger.log(
        level, event, exc_info=exc_info, extra={"event": event, "fields": fields}
    )


@contextmanager
def job_run(logger: logging.Logger, job: str, **fields: Any) -> Iterator[dict]:
    """Log one run of a job: `job.run` with its counts and time, or `job.failed` with
    the error (and the exception goes on)."""
    counts: dict[str, Any] = {}
    started = time.perf_counter()
    try:
        yield counts
    except Exception as error:
        log_event(
            logger,
            "job.failed",
            logging.ERROR,
            job=job,
            ms=round((time.perf_counter() - started) * 1000),
            error=f"{type(error).__name__}: {error}",
            **fields,
            **counts,
        )
        raise
    log_event(
        logger,
        "job.run",
        job=job,
        ms=round((time.perf_counter() - started) * 1000),
        **fields,
        **counts,
    )


class JsonLines(logging.Formatter):
    """A record as one JSON object: time, level, logger, event, then its fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": getattr(record, "event", None) or record.getMessage(),
        }
        for key, value in getattr(record, "fields", {}).items():
            line.setdefault(key, value)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def configure_logging(app: Flask) -> None:
    """Write the `participation` loggers as JSON lines on stderr, at LOG_LEVEL."""
    logger = logging.getLogger("participation")
    logger.removeHandler(default_handler)  # Flask's plain-text one
    if not any(isinstance(h.formatter, JsonLines) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(JsonLines())
        logger.addHandler(handler)
    logger.setLevel(app.config["LOG_LEVEL"])


# Answers that refuse a request, worth an operator's attention (404s are not).
REFUSED = {400, 401, 403, 405, 409, 413, 415, 422, 429}


def install_request_log(app: Flask) -> None:
    """Log every refused request: `request.refused` with its status, endpoint and
    method, and the account's id when one is signed in (never the address)."""
    log = logging.getLogger("participation.requests")

    @app.after_request
    def log_refused(response: Response) -> Response:
        if response.status_code in REFUSED:
            log_event(
                log,
                "request.refused",
                logging.WARNING,
                status=response.status_code,
                endpoint=request.endpoint,
                method=request.method,
                user_id=getattr(current_user, "id", None),
            )
        return response
