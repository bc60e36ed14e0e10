"""Accounts and role grants."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import db
from participation.markers import N_
from participation.types import UTCDateTime, utcnow

RESIDENT, PLANNER, EVALUATOR, ADMIN = "resident", "planner", "evaluator", "admin"
# Every account is a resident; the others are granted by an administrator.
GRANTABLE_ROLES = {
    PLANNER: N_("Planner"),
    EVALUATOR: N_("Evaluator"),
    ADMIN: N_("Administrator"),
}
ROLE_NAMES = {RESIDENT: N_("Resident"), **GRANTABLE_ROLES}
# The one thing people may say about themselves for the city report's reach
# (LADDER.md: demographic breakdowns only from consenting self-description).
AGE_GROUPS = {
    "under_18": N_("Under 18"),
    "18_29": N_("18 to 29"),
    "30_44": N_("30 to 44"),
    "45_64": N_("45 to 64"),
    "65_plus": N_("65 and over"),
}


class User(UserMixin, db.Model):
    """A person with an account. Residents by default."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(16))
    # Where the person says they live (optional): consultations open to a district's
    # residents, and budgets per district, read it.
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL")
    )
    # Set when a member of staff has checked the district (e.g. at a city desk);
    # cleared when the person declares another one.
    district_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    district_verified_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    # The age group the person chose to give, with their consent to be counted in
    # the city report (aggregated, never for groups under 10); when they gave it.
    age_group: Mapped[str | None] = mapped_column(String(16), index=True)
    age_group_consented_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the person followed the link sent to their address (None: not yet; the
    # account can browse and draft, what it submits waits, it gets no notifications
    # and cannot vote).
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    district = relationship("District")
    # Loaded when a permission is first checked, not with every signed-in request.
    grants: Mapped[list["RoleGrant"]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        foreign_keys="RoleGrant.user_id",
    )

    # The sign-in this request belongs to, as Flask-Login keeps it in the session and
    # the remember-me cookie ("<user id>.<sign-in secret>"; see auth/sessions.py).
    sign_in_key = None

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return self.active

    def get_id(self) -> str | None:  # what Flask-Login stores in the cookies
        return self.sign_in_key

    @property
    def roles(self) -> set[str]:
        """All roles of this account, resident included."""
        return {RESIDENT} | {grant.role for grant in self.grants}

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_confirmed(self) -> bool:
        """Whether the person has confirmed their email address."""
        return self.email_confirmed_at is not None


class RoleGrant(db.Model):
    """A role given to an account by an administrator."""

    __tablename__ = "role_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(32))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="grants", foreign_keys=[user_id])

    __table_args__ = (UniqueConstraint("user_id", "role"),)


class SignIn(db.Model):
    """One signed-in browser: a session that can be ended from the server (sign-out,
    a new password, a locked account), whatever copies of its cookies exist.

    Only a hash of its secret is stored: a copy of this table opens no session.
    """

    __tablename__ = "sign_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), index=True
    )
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Asked for "keep me signed in": the remember-me cookie may bring it back.
    remember: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Updated at most every few minutes; an idle sign-in expires.
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()


class SpentToken(db.Model):
    """A single-use link that has been used (auth/tokens.py): its digest, kept until
    the link would have expired anyway. The primary key makes two clicks at once
    spend it once."""

    __tablename__ = "spent_token"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    spent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
