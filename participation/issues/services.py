"""The rules of issue reporting: submit, support, follow, answer, reopen.

The web views, the JSON API and Open311 all call these.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import insert, select
from sqlalchemy.orm import make_transient_to_detached

from participation.auth.permissions import can, require
from participation.core import geo, reference
from participation.core.audit import record_action
from participation.core.contributions import register_source
from participation.core.photos import clean_photo, store_photo
from participation.core.places import district_at, location_error
from participation.errors import Invalid, NotAllowed, NotFound
from participation.extensions import db, one_at_a_time
from participation.issues import cells, staff_alerts
from participation.issues.city_workflow import workflow
from participation.issues.followers import notify_report_followers
from participation.issues.models import (
    Category,
    Follow,
    Report,
    StatusChange,
)
from participation.issues.places import channel_for, place_at_landmark
from participation.issues.received import tell_reporter
from participation.ladder.freshness import mark_stale
from participation.languages import is_supported
from participation.types import utcnow

MAX_TITLE, MAX_DESCRIPTION = 120, 4000


@dataclass
class ReportData:
    category_id: int | None
    title: str
    lat: float | None
    lon: float | None
    description: str = ""
    language: str = "en"
    location_text: str = ""
    show_name: bool = False
    attribute_values: dict[str, Any] = field(default_factory=dict)
    photo: bytes | None = None
    # Instead of coordinates: a named street or place from the city's list.
    landmark_id: int | None = None


def list_categories(include_inactive: bool = False) -> list[Category]:
    """Categories by name (only the active ones unless asked)."""
    query = select(Category).order_by(Category.name)
    if not include_inactive:
        query = query.where(Category.active)
    return list(db.session.scalars(query))


def get_category(category_id: int | None) -> Category | None:
    """An active category, or None."""
    if category_id not in active_category_ids():
        return None
    return db.session.get(Category, category_id)


def active_category_ids() -> frozenset[int]:
    """Ids of the categories residents may report in (the process's copy)."""
    return reference.remember(
        "active_categories",
        lambda: frozenset(
            db.session.scalars(select(Category.id).where(Category.active))
        ),
    )


def get_report(report_id: int, viewer: Any = None) -> Report:
    """A report; hidden ones only for staff."""
    report = db.session.get(Report, report_id)
    if report is None:
        raise NotFound("report")
    if report.hidden and not can_manage(viewer):
        raise NotFound("report")
    if report.waiting and (
        report.reporter_id is None or report.reporter_id != getattr(viewer, "id", None)
    ):
        raise NotFound("report")
    return report


def get_report_for_page(report_id: int, viewer: Any = None) -> Report:
    """A report for its page: hidden ones for staff and for their own reporter (who
    reads why it was hidden); NotFound for anyone else."""
    report = db.session.get(Report, report_id)
    if (
        report is not None
        and report.hidden
        and getattr(viewer, "is_authenticated", False)
        and report.reporter_id == viewer.id
    ):
        return report
    return get_report(report_id, viewer)


def _validate(data: ReportData) -> dict[str, str]:
    errors: dict[str, str] = {}
    place_at_landmark(data, errors)
    if data.category_id not in active_category_ids():
        errors["category_id"] = _("Choose a category from the list.")
    data.title = (data.title or "").strip()
    data.description = (data.description or "").strip()
    if not data.title:
        errors["title"] = _("This field is required.")
    elif len(data.title) > MAX_TITLE:
        errors["title"] = _("Use at most %(limit)d characters.", limit=MAX_TITLE)
    if len(data.description) > MAX_DESCRIPTION:
        errors["description"] = _(
            "Use at most %(limit)d characters.", limit=MAX_DESCRIPTION
        )
    if not is_supported(data.language):
        errors["language"] = _("Choose a language from the list.")
    location = location_error(data.lat, data.lon)
    if location:
        errors["location"] = location
    return errors


@register_source("issue_channel")
def channel_inputs(channel) -> list[tuple[str, str]]:
    """A channel's reports as inputs (title and description, in their language)."""
    rows = db.session.execute(
        select(Report.title, Report.description, Report.language).where(
            Report.engagement_id == channel.id
        )
    )
    return [
        (f"{title}\n{description}".strip(), language)
        for title, description, language in rows
    ]


# A new report's rows, as plain statements (see submit_report).
_INSERT_REPORT = insert(Report.__table__).returning(Report.__table__.c.id)
_INSERT_CHANGE = insert(StatusChange.__table__)
_INSERT_FOLLOW = insert(Follow.__table__)


def submit_report(
    reporter: Any, data: ReportData, source: str = "web", waiting: bool | None = None
) -> Report:
    """Record a resident's report (anonymous to the public unless they chose otherwise).
    It waits for its author (`waiting`; by default: an account whose address is not
    confirmed yet) and is published by issues/visitors.py."""
    errors = _validate(data)
    if errors:
        raise Invalid(errors)
    photo = clean_photo(data.photo) if data.photo else None
    district_id = district_at(data.lat, data.lon)
    reporter_id = reporter.id if getattr(reporter, "is_authenticated", False) else None
    now = utcnow()
    if waiting is None:
        waiting = bool(reporter_id) and not reporter.is_confirmed
    values = {
        "waiting_since": now if waiting else None,
        "category_id": data.category_id,
        "engagement_id": channel_for(district_id),
        "title": data.title,
        "description": data.description,
        "language": data.language,
        "lat": data.lat,
        "lon": data.lon,
        "map_band": geo.latitude_band(data.lat),
        "location_text": data.location_text.strip()[:300],
        "district_id": district_id,
        "reporter_id": reporter_id,
        "show_name": bool(data.show_name and reporter_id),
        "attribute_values": data.attribute_values,
        "photo": store_photo(photo) if photo else None,
        "source": source,
        "status": workflow().initial,
        "duplicate_of_id": None,
        "hidden_reason": None,
        "support_count": 0,
        "created_at": now,
        "updated_at": now,
        "first_response_at": None,
        "fixed_at": None,
    }
    # Every read is done: the writes follow in one burst of plain inserts on the
    # session's connection, so the database's write lock is held briefly (the unit of
    # work would cost more than the rows themselves). The report then joins the
    # session as the persistent row it is, without reading it back.
    connection = db.session.connection()
    report_id = connection.execute(_INSERT_REPORT, values).scalar_one()
    connection.execute(
        _INSERT_CHANGE,
        {
            "report_id": report_id,
            "from_status": None,
            "to_status": values["status"],
            "note": "",
            "official": False,
            "actor_id": None,
            "language": data.language,
            "created_at": now,
        },
    )
    if reporter_id:
        connection.execute(
            _INSERT_FOLLOW,
            {"report_id": report_id, "user_id": reporter_id, "created_at": now},
        )
    if values["engagement_id"] is not None:
        # Plain inserts pass the unit of work by: the channel's evidenced rung and
        # its people are recounted on their next read.
        mark_stale(facts=[values["engagement_id"]], people=[values["engagement_id"]])
    report = Report(id=report_id, **values)
    make_transient_to_detached(report)
    db.session.add(report)
    cells.adjust(report, +1)
    staff_alerts.alert_staff(report, staff_alerts.NEW)
    db.session.commit()
    if not waiting and reporter_id:
        tell_reporter(report, reporter)
        db.session.commit()
    return report


def change_status(
    actor: Any, report_id: int, status: str, note: str, language: str
) -> Report:
    """Move a report along the workflow with a public note (staff)."""
    require(actor, "manage_issues")
    # One move at a time: a double click (or two staff) would move it twice.
    one_at_a_time("report", report_id)
    report = get_report(report_id, actor)
    db.session.refresh(report)
    note = (note or "").strip()
    errors = {}
    if not workflow().can_move(report.status, status):
        errors["status"] = _("This report cannot move to that status.")
    if not note:
        errors["note"] = _("Write a public note: residents read it.")
    elif len(note) > MAX_DESCRIPTION:
        errors["note"] = _("Use at most %(limit)d characters.", limit=MAX_DESCRIPTION)
    if errors:
        raise Invalid(errors)
    now = utcnow()
    before = {"status": report.status}
    change = StatusChange(
        report=report,
        from_status=report.status,
        to_status=status,
        note=note,
        language=language,
        actor_id=actor.id,
        official=True,
    )
    db.session.add(change)
    cells.adjust(report, -1)
    report.status, report.updated_at = status, now
    report.first_response_at = report.first_response_at or now
    if workflow()[status].is_fixed:
        report.fixed_at = now
    cells.adjust(report, +1)
    record_action(
        actor, "report.status", "report", report.id, before, {"status": status}
    )
    db.session.flush()
    notify_report_followers(report, change, actor.id)
    db.session.commit()
    return report


def reopen_report(user: Any, report_id: int, reason: str) -> Report:
    """The reporter reopens a report marked fixed, within the configured days."""
    # Two posts at once would both find it fixed and reopen it twice.
    one_at_a_time("report", report_id)
    report = get_report(report_id, user)
    db.session.refresh(report)
    if not getattr(user, "is_authenticated", False) or report.reporter_id != user.id:
        raise NotAllowed("reopen_report")
    reason = (reason or "").strip()
    days = current_app.config["ISSUE_REOPEN_DAYS"]
    if not workflow()[report.status].is_fixed:
        raise Invalid({"reason": _("Only a report marked fixed can be reopened.")})
    if report.fixed_at and utcnow() - report.fixed_at > timedelta(days=days):
        raise Invalid(
            {
                "reason": _(
                    "Reports can be reopened up to %(days)d days after the fix.",
                    days=days,
                )
            }
        )
    if not reason:
        raise Invalid({"reason": _("Say why the problem is not fixed.")})
    flow = workflow()
    # Open again, and said to be the reporter's doing: never "in progress", which
    # Open311 clients read as the city starting work.
    target = flow.REOPENED if flow.REOPENED in flow else flow.initial
    change = StatusChange(
        report=report,
        from_status=report.status,
        to_status=target,
        note=reason[:MAX_DESCRIPTION],
        language=report.language,
        actor_id=user.id,
        official=False,
    )
    db.session.add(change)
    cells.adjust(report, -1)
    report.status, report.fixed_at, report.updated_at = target, None, utcnow()
    cells.adjust(report, +1)
    db.session.flush()
    notify_report_followers(report, change, user.id)
    staff_alerts.alert_staff(report, staff_alerts.REOPENED, change)
    db.session.commit()
    return report


def can_manage(user: Any) -> bool:
    """Whether the user answers and moves reports (staff)."""
    return can(user, "manage_issues")


def next_statuses(report: Report) -> list[tuple[str, str]]:
    """(key, translated name) of the statuses staff may move the report to."""
    flow = workflow()
    return [(key, _(flow[key].name)) for key in flow[report.status].next]
