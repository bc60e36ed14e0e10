"""Notifications residents read in the app, and emails waiting to be sent."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import db
from participation.types import UTCDateTime, utcnow


class Notification(db.Model):
    """Something new for one person: a report they follow changed, a project, district
    or theme they follow has an update or a decision, or their question was answered."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("report.id", ondelete="CASCADE")
    )
    change_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_change.id", ondelete="CASCADE")
    )
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_update.id", ondelete="CASCADE")
    )
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decision.id", ondelete="CASCADE")
    )
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_question.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    report = relationship("Report")
    change = relationship("StatusChange")
    update = relationship("ProjectUpdate")
    decision = relationship("Decision")
    question = relationship("ProjectQuestion")

    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),)


class OutboxMessage(db.Model):
    """An email queued for delivery (the outbox is pluggable: file, log, SMTP …)."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # One-click unsubscribe (RFC 8058) for messages sent because of a follow.
    unsubscribe_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
