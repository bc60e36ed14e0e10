"""Notifications residents read in the app, and emails waiting to be sent."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
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
    # The kind of event (notify/preferences.py) when the row alone does not say it:
    # "report_hidden", "staff_new_report", "staff_reopened" …
    kind: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When an email carried it (at once, or in a summary): a summary takes the rest.
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    report = relationship("Report")
    change = relationship("StatusChange")
    update = relationship("ProjectUpdate")
    decision = relationship("Decision")
    question = relationship("ProjectQuestion")

    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),)


class NotificationChoice(db.Model):
    """How one person wants to hear of one kind of event: "immediately", "digest" or
    "never" (no row: the kind's default; notify/preferences.py)."""

    __tablename__ = "notification_choice"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    choice: Mapped[str] = mapped_column(String(16))
