"""API keys of Open311 clients, and the tokens handed out for their requests."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import db
from participation.types import UTCDateTime, utcnow


class ApiKey(db.Model):
    """A key an Open311 client posts requests with; only a hash of its secret is kept."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Public and unique: names the key in lists, the CLI and the audit log.
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    # sha256 hex digest of the secret: enough for long random secrets, and fast to
    # check on every request (a password hash would be slow for nothing).
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by = relationship("User")

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class Open311Token(db.Model):
    """A token given back for a posted request, resolvable to the request's id."""

    __tablename__ = "open311_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("report.id", ondelete="CASCADE"), index=True
    )
    # Which client posted the request: lets the city trace abuse to a key.
    api_key_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_key.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
