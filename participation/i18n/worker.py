"""The translation worker: takes queued texts in batches and translates them offline.

Run it beside the web servers: `flask --app participation translations work` (a loop), or
`… work --once` from cron or tests. Several workers may run against PostgreSQL: each
claims its batch with SKIP LOCKED.
"""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select, update

from participation.events import log_event
from participation.extensions import db
from participation.i18n import machine
from participation.i18n.models import (
    DONE,
    FAILED,
    PENDING,
    UNAVAILABLE,
    ContentTranslation,
)
from participation.types import utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


@dataclass
class Batch:
    """What one pass of the worker did."""

    translated: int = 0
    unavailable: int = 0
    failed: int = 0
    seconds: float = 0.0
    engines: set[str] = field(default_factory=set)

    @property
    def handled(self) -> int:
        return self.translated + self.unavailable + self.failed


def _claim(batch_size: int) -> list[ContentTranslation]:
    query = (
        select(ContentTranslation)
        .where(ContentTranslation.status == PENDING)
        .order_by(ContentTranslation.id)
        .limit(batch_size)
    )
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(db.session.scalars(query))


def work_once(batch_size: int = 50) -> Batch:
    """Translate up to `batch_size` queued texts; one translator per language pair."""
    started = time.perf_counter()
    result = Batch()
    by_pair: dict[tuple[str, str], list[ContentTranslation]] = defaultdict(list)
    for row in _claim(batch_size):
        by_pair[row.source, row.target].append(row)
    for (source, target), rows in by_pair.items():
        try:
            translator = machine.Translator(source, target)
        except machine.EngineUnavailable as error:
            for row in rows:
                row.status, row.error = UNAVAILABLE, str(error)
            result.unavailable += len(rows)
            continue
        result.engines.add(translator.engine)
        for row in rows:
            try:
                row.translated = translator.translate(row.original)
            except Exception as error:  # one bad text must not stop the batch
                row.attempts += 1
                row.error = f"{type(error).__name__}: {error}"
                row.status = FAILED if row.attempts >= MAX_ATTEMPTS else PENDING
                result.failed += 1
                continue
            row.status, row.engine, row.error = DONE, translator.engine, None
            row.translated_at = utcnow()
            result.translated += 1
    db.session.commit()
    result.seconds = time.perf_counter() - started
    if result.handled:
        log_event(
            log,
            "job.run",
            job="translations.work",
            ms=round(result.seconds * 1000),
            translated=result.translated,
            unavailable=result.unavailable,
            failed=result.failed,
        )
    return result


def work(batch_size: int = 50, idle_seconds: float = 5.0, report=print) -> None:
    """Translate forever: a batch at a time, resting when the queue is empty."""
    while True:
        batch = work_once(batch_size)
        if batch.handled:
            report(
                f"translated {batch.translated}, unavailable {batch.unavailable}, "
                f"failed {batch.failed} in {batch.seconds:.2f} s"
            )
        else:
            time.sleep(idle_seconds)


def retry_unavailable() -> int:
    """Queue again the texts no pack covered (after installing a new pack)."""
    result = db.session.execute(
        update(ContentTranslation)
        .where(ContentTranslation.status.in_([UNAVAILABLE, FAILED]))
        .values(status=PENDING, attempts=0, error=None)
    )
    db.session.commit()
    return result.rowcount
