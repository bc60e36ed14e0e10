"""Staff work on reports: the triage queue, categories, duplicates and moderation.

Every action here is official: permission-checked and written to the audit log.
"""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from participation.auth.permissions import require
from participation.core.audit import record_action
from participation.errors import Invalid, NotFound
from participation.extensions import db
from participation.issues import cells, hiding
from participation.issues.city_workflow import workflow
from participation.issues.followers import notify_report_followers
from participation.issues.models import (
    Category,
    Follow,
    Report,
    ResponseTemplate,
    StatusChange,
    Support,
)
from participation.issues.services import get_category, get_report
from participation.types import utcnow

MAX_REASON = 1000


def triage_queue(
    actor: Any,
    status: str | None = "open",
    category: int | None = None,
    department: int | None = None,
    district: int | None = None,
    include_hidden: bool = True,
    limit: int = 200,
) -> list[Report]:
    """Reports for staff, oldest waiting first (hidden ones included, marked)."""
    require(actor, "manage_issues")
    # Reports waiting for their author's confirmation are not sent yet.
    query = select(Report).join(Category).where(Report.waiting_since.is_(None))
    if status == "open":
        query = query.where(Report.status.in_(workflow().open_keys()))
    elif status:
        query = query.where(Report.status == status)
    if category:
        query = query.where(Report.category_id == category)
    if department:
        query = query.where(Category.department_id == department)
    if district:
        query = query.where(Report.district_id == district)
    if not include_hidden:
        query = query.where(Report.hidden_reason.is_(None))
    query = query.order_by(Report.created_at, Report.id).limit(limit)
    return list(db.session.scalars(query))


def recategorise(actor: Any, report_id: int, category_id: int) -> Report:
    """Move a report to another category (and so to that category's department)."""
    require(actor, "manage_issues")
    report = get_report(report_id, actor)
    category = get_category(category_id)
    if category is None:
        raise Invalid({"category_id": _("Choose a category from the list.")})
    before = {"category": report.category.code}
    cells.adjust(report, -1)
    report.category_id, report.category = category.id, category
    cells.adjust(report, +1)
    report.updated_at = utcnow()
    record_action(
        actor,
        "report.category",
        "report",
        report.id,
        before,
        {"category": category.code},
    )
    db.session.commit()
    return report


def mark_duplicate(actor: Any, report_id: int, original_id: int, note: str) -> Report:
    """Close a report as a duplicate; its support and followers move to the original."""
    require(actor, "manage_issues")
    report = get_report(report_id, actor)
    try:
        original = get_report(original_id, actor)
    except NotFound:
        raise Invalid(
            {"original_id": _("There is no report with this number.")}
        ) from None
    if original.id == report.id or original.duplicate_of_id == report.id:
        raise Invalid({"original_id": _("A report cannot duplicate itself.")})
    if not workflow().can_move(report.status, "duplicate"):
        raise Invalid({"original_id": _("This report cannot move to that status.")})
    note = (note or "").strip() or _("Duplicate of report #%(id)d.", id=original.id)
    # The duplicate's reporter and supporters now back the original.
    backers = {
        s.user_id
        for s in db.session.scalars(
            select(Support).where(Support.report_id == report.id)
        )
    }
    if report.reporter_id:
        backers.add(report.reporter_id)
    already = {
        s.user_id
        for s in db.session.scalars(
            select(Support).where(Support.report_id == original.id)
        )
    }
    for user_id in backers - already - {original.reporter_id}:
        db.session.add(Support(report_id=original.id, user_id=user_id))
    following = {
        f.user_id
        for f in db.session.scalars(
            select(Follow).where(Follow.report_id == original.id)
        )
    }
    for follow in db.session.scalars(
        select(Follow).where(Follow.report_id == report.id)
    ):
        if follow.user_id not in following:
            db.session.add(Follow(report_id=original.id, user_id=follow.user_id))
    db.session.flush()
    original.support_count = db.session.scalar(
        select(func.count())
        .select_from(Support)
        .where(Support.report_id == original.id)
    )
    change = StatusChange(
        report=report,
        from_status=report.status,
        to_status="duplicate",
        note=note,
        language=report.language,
        actor_id=actor.id,
    )
    db.session.add(change)
    before = {"status": report.status}
    cells.adjust(report, -1)
    report.status, report.duplicate_of_id, report.updated_at = (
        "duplicate",
        original.id,
        utcnow(),
    )
    cells.adjust(report, +1)
    report.first_response_at = report.first_response_at or report.updated_at
    record_action(
        actor,
        "report.duplicate",
        "report",
        report.id,
        before,
        {"status": "duplicate", "duplicate_of": original.id},
    )
    db.session.flush()
    notify_report_followers(report, change, actor.id)
    db.session.commit()
    return report


def hide_report(actor: Any, report_id: int, reason: str) -> Report:
    """Hide abusive content from the public, with a reason (kept in the audit log)."""
    require(actor, "manage_issues")
    report = get_report(report_id, actor)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid({"reason": _("Give the reason for hiding it.")})
    if len(reason) > MAX_REASON:
        raise Invalid(
            {"reason": _("Use at most %(limit)d characters.", limit=MAX_REASON)}
        )
    before = {"hidden_reason": report.hidden_reason}
    cells.adjust(report, -1)  # no-op when it is already hidden
    report.hidden_reason = reason
    record_action(
        actor, "report.hide", "report", report.id, before, {"hidden_reason": reason}
    )
    if before["hidden_reason"] != reason:
        hiding.tell_reporter(report)
    db.session.commit()
    return report


def unhide_report(actor: Any, report_id: int) -> Report:
    """Show a hidden report again."""
    require(actor, "manage_issues")
    report = get_report(report_id, actor)
    before = {"hidden_reason": report.hidden_reason}
    was_hidden = report.hidden
    report.hidden_reason = None
    if was_hidden:
        cells.adjust(report, +1)
    record_action(
        actor, "report.unhide", "report", report.id, before, {"hidden_reason": None}
    )
    db.session.commit()
    return report


def list_templates() -> list[ResponseTemplate]:
    """Staff's ready-made answers, by title."""
    return list(
        db.session.scalars(select(ResponseTemplate).order_by(ResponseTemplate.title))
    )


def save_template(
    actor: Any,
    template_id: int | None,
    title: str,
    body: str,
    status: str | None = None,
    language: str = "en",
) -> ResponseTemplate:
    """Create or change a response template (staff); audited."""
    require(actor, "manage_issues")
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("This field is required.")
    elif len(title) > 120:
        errors["title"] = _("Use at most %(limit)d characters.", limit=120)
    if not body:
        errors["body"] = _("This field is required.")
    elif len(body) > 4000:
        errors["body"] = _("Use at most %(limit)d characters.", limit=4000)
    if status and status not in workflow():
        errors["status"] = _("Unknown status.")
    clash = db.session.scalars(
        select(ResponseTemplate).where(ResponseTemplate.title == title)
    ).first()
    if clash is not None and clash.id != template_id:
        errors["title"] = _("Another template already has this title.")
    if errors:
        raise Invalid(errors)
    template = (
        db.session.get(ResponseTemplate, template_id)
        if template_id
        else ResponseTemplate()
    )
    if template is None:
        raise NotFound("template")
    before = {"title": template.title, "body": template.body} if template_id else None
    template.title, template.body = title, body
    template.status, template.language = status or None, language
    db.session.add(template)
    db.session.flush()
    record_action(
        actor,
        "template.save",
        "response_template",
        template.id,
        before,
        {"title": title, "body": body},
    )
    db.session.commit()
    return template


def delete_template(actor: Any, template_id: int) -> None:
    """Remove a response template (staff); audited."""
    require(actor, "manage_issues")
    template = db.session.get(ResponseTemplate, template_id)
    if template is None:
        raise NotFound("template")
    record_action(
        actor,
        "template.delete",
        "response_template",
        template.id,
        {"title": template.title, "body": template.body},
        None,
    )
    db.session.delete(template)
    db.session.commit()
