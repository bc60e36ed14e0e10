"""Machine translations of user content: one row per (text, source, target)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from participation.extensions import db
from participation.types import UTCDateTime, utcnow

PENDING, DONE, UNAVAILABLE, FAILED = "pending", "done", "unavailable", "failed"


class ContentTranslation(db.Model):
    """A text's translation into one language: queued, done, or impossible for now.

    Web requests only insert pending rows; the worker fills them in. The original text is
    kept so the worker needs nothing else; the hash makes each text translated once.
    """

    __tablename__ = "content_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    text_hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(16))
    original: Mapped[str] = mapped_column(Text)
    translated: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    engine: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    translated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("text_hash", "source", "target"),
        Index("ix_content_translation_status_id", "status", "id"),
    )

    @property
    def reviewed(self) -> bool:
        # Not who: a reviewed translation stays reviewed once its reviewer's
        # account is deleted.
        return self.reviewed_at is not None
