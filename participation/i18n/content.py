"""Showing user content in the reader's language.

Content is stored once, in its original language. A page asks for the texts it shows in
the reader's language; cached translations are used, missing ones are queued for the
worker (one INSERT per page) and the original is shown meanwhile. A request never waits
for a translation.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask import current_app, g, has_request_context, request
from sqlalchemy import select, tuple_

from participation.extensions import db, insert_on_conflict
from participation.i18n import machine
from participation.i18n.models import (
    DONE,
    FAILED,
    PENDING,
    UNAVAILABLE,
    ContentTranslation,
)
from participation.languages import current_language

# How a text is shown to a reader.
ORIGINAL = "original"  # the reader's language, or no translation wanted
MACHINE = "machine"  # machine-translated, marked as such
REVIEWED = "reviewed"  # a translation a person at the city checked
WAITING = "pending"  # queued for the worker; the original is shown meanwhile
NO_PACK = "unavailable"  # no language pack covers the pair
NO_ENGINE = "off"  # this server does not translate content (engine not installed)

Key = tuple[str, str, str]


def text_hash(text: str) -> str:
    """The cache key of a text: SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Shown:
    """A text as one reader sees it."""

    text: str
    language: str
    original: str
    original_language: str
    state: str
    translation_id: int | None = None

    @property
    def is_translated(self) -> bool:
        return self.state in (MACHINE, REVIEWED)


def translation_enabled() -> bool:
    """Whether this server translates content at all (the engine is installed)."""
    return bool(current_app.config["CONTENT_TRANSLATION"]) and machine.is_installed()


def _cache() -> dict[Key, ContentTranslation | None]:
    if "content_translations" not in g:
        g.content_translations = {}
    return g.content_translations


def texts_of(*objects: Any) -> list[tuple[str, str]]:
    """The (text, language) pairs of the translatable fields of these objects."""
    pairs = []
    for obj in objects:
        for field in obj.TRANSLATABLE:
            text = getattr(obj, field)
            if text and text.strip():
                pairs.append((text, obj.language))
    return pairs


def prefetch(pairs: Iterable[tuple[str, str]], target: str | None = None) -> None:
    """Load the translations of these texts for this request, queuing the missing ones.

    One SELECT and at most one INSERT, whatever the number of texts.
    """
    target = target or current_language()
    wanted = {
        (text_hash(text), source, target): text
        for text, source in pairs
        if source != target and text.strip()
    }
    cache = _cache()
    keys = [key for key in wanted if key not in cache]
    if not keys:
        return
    rows = db.session.scalars(
        select(ContentTranslation).where(
            tuple_(
                ContentTranslation.text_hash,
                ContentTranslation.source,
                ContentTranslation.target,
            ).in_(keys)
        )
    )
    for row in rows:
        cache[row.text_hash, row.source, row.target] = row
    missing = [key for key in keys if key not in cache]
    for key in missing:
        cache[key] = None
    if missing and translation_enabled():
        enqueue([(wanted[key], key[1], key[2]) for key in missing])


def enqueue(items: list[tuple[str, str, str]]) -> None:
    """Queue (text, source, target) items; ones already queued or done are left alone."""
    values = [
        {
            "text_hash": text_hash(t),
            "source": s,
            "target": tg,
            "original": t,
            "status": PENDING,
            "attempts": 0,
        }
        for t, s, tg in items
    ]
    dialect = db.session.get_bind().dialect.name
    statement = (
        insert_on_conflict(dialect)(ContentTranslation)
        .values(values)
        .on_conflict_do_nothing()
    )
    db.session.execute(statement)
    db.session.commit()


def originals_requested() -> bool:
    """Whether the reader asked to see every text in its original language."""
    return has_request_context() and request.args.get("original") == "1"


def show(text: str | None, source: str, target: str | None = None) -> Shown:
    """How `text`, written in `source`, is shown to the current reader."""
    text = text or ""
    target = target or current_language()
    if source == target or not text.strip() or originals_requested():
        return Shown(text, source, text, source, ORIGINAL)
    key = (text_hash(text), source, target)
    if key not in _cache():
        prefetch([(text, source)], target)
    row = _cache()[key]
    if row is not None and row.status == DONE and row.translated is not None:
        state = REVIEWED if row.reviewed else MACHINE
        g.content_translated = True
        return Shown(row.translated, target, text, source, state, row.id)
    if row is None and not translation_enabled():
        return Shown(text, source, text, source, NO_ENGINE)
    if row is not None and row.status in (UNAVAILABLE, FAILED):
        return Shown(text, source, text, source, NO_PACK, row.id)
    return Shown(text, source, text, source, WAITING, row.id if row else None)


def show_field(obj: Any, field: str) -> Shown:
    """A translatable field of a model object, as the current reader sees it."""
    return show(getattr(obj, field), obj.language)
