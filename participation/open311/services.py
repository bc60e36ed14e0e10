"""The rules of the Open311 server: reading requests (posting them: posting.py; keys:
keys.py).

Posting goes through `issues.services.submit_report`, so validation, the district
lookup and moderation are the web form's. Error messages of the machine API are plain
English (clients' developers read them); those the admin page shows are translated.
"""

import logging
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.core.services import get_city
from participation.errors import NotFound
from participation.extensions import db
from participation.issues import services as issues
from participation.issues.models import (
    PUBLIC,
    Category,
    Report,
    StatusChange,
    read_map_index,
    within,
)
from participation.open311 import attributes, queries
from participation.open311.models import Open311Token
from participation.open311.queries import RequestQuery
from participation.types import utcnow

log = logging.getLogger(__name__)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this server's discovery document last changed.
CHANGESET = "2026-11-22T00:00:00+00:00"
SERVICE_NOTICE = (
    "Thank you: the report is public on the city's map and goes through the same "
    "moderation as reports made on the website. This server does not store personal "
    "details sent with requests (email, first_name, last_name, phone, device_id, "
    "account_id) and never publishes them, so the city cannot contact the reporter "
    "about it."
)


def setting(name: str) -> Any:
    """An OPEN311_* setting, with the defaults of this module."""
    config = current_app.config
    defaults = {
        "OPEN311_JURISDICTION_ID": urlsplit(config["PUBLIC_URL"]).hostname or "",
        "OPEN311_CONTACT": config["MAIL_FROM"],
        "OPEN311_ENDPOINT_TYPE": "production",
        "OPEN311_RATE_LIMIT": "30 per minute;1000 per day",
    }
    return config.get(name) or defaults.get(name)


# --- Reading ----------------------------------------------------------------------


def parse_request_query(args: Mapping[str, str]) -> RequestQuery:
    """The filters of a GET requests call, or Invalid naming each bad parameter."""
    return queries.parse(args, get_city().timezone, utcnow())


def find_updates(args: Mapping[str, str]) -> list[StatusChange]:
    """Public steps (status changes and notes) of visible reports in a window, oldest
    first: the servicerequestupdates extension, so other systems can follow reports."""
    query = queries.parse_updates(args, get_city().timezone, utcnow())
    statement = (
        select(StatusChange)
        .join(Report, StatusChange.report_id == Report.id)
        .where(
            *PUBLIC,
            StatusChange.created_at.between(query.start, query.end),
        )
        .order_by(StatusChange.created_at, StatusChange.id)
    )
    return _page(statement, query)


def _page(statement, query: RequestQuery) -> list:
    """The query's page of the statement's rows."""
    offset = (query.page - 1) * query.page_size
    return list(db.session.scalars(statement.offset(offset).limit(query.page_size)))


def check_jurisdiction(value: str | None) -> None:
    """NotFound unless `value` is empty or this deployment's jurisdiction_id."""
    if value and value != setting("OPEN311_JURISDICTION_ID"):
        raise NotFound("jurisdiction")


def list_services() -> list[Category]:
    """The active categories, which are the services."""
    return issues.list_categories()


def get_service(code: str) -> Category:
    category = db.session.scalars(
        select(Category).where(Category.code == code, Category.active)
    ).first()
    if category is None:
        raise NotFound("service")
    return category


def service_attributes(category: Category) -> list[dict[str, Any]]:
    """The category's attributes in their public form."""
    return attributes.definitions(category.attributes)


def is_open_status(status: str) -> bool:
    """Open311 knows open and closed only: the workflow says which a status is."""
    return status in issues.workflow().open_keys()


def get_request(request_id: str) -> Report:
    """A visible report by its (string) id, or NotFound("request")."""
    report_id = queries.stored_id(request_id)
    if report_id is None:
        raise NotFound("request")
    try:
        return issues.get_report(report_id)
    except NotFound:
        raise NotFound("request") from None


def resolve_token(token: str) -> Open311Token:
    found = db.session.scalars(
        select(Open311Token).where(Open311Token.token == token)
    ).first()
    if found is None:
        raise NotFound("token")
    return found


def find_requests(query: RequestQuery) -> list[Report]:
    """Visible reports matching the query, newest first (service_request_id wins)."""
    statement = (
        select(Report)
        .where(*PUBLIC)
        .options(selectinload(Report.category).selectinload(Category.department))
        .order_by(Report.created_at.desc(), Report.id.desc())
    )
    if query.ids is not None:
        return list(db.session.scalars(statement.where(Report.id.in_(query.ids))))
    statement = statement.where(Report.created_at.between(query.start, query.end))
    if query.service_codes:
        statement = statement.where(
            Report.category_id.in_(
                select(Category.id).where(Category.code.in_(query.service_codes))
            )
        )
    if query.statuses and len(query.statuses) == 1:
        open_keys = issues.workflow().open_keys()
        if "open" in query.statuses:
            statement = statement.where(Report.status.in_(open_keys))
        else:
            statement = statement.where(Report.status.not_in(open_keys))
    if query.bbox:
        statement = read_map_index(statement.where(*within(query.bbox)))
    return _page(statement, query)


def latest_notes(reports: Sequence[Report]) -> dict[int, str]:
    """{report id: its latest official public note} for these reports."""
    ids = [r.id for r in reports]
    if not ids:
        return {}
    rows = db.session.execute(
        select(StatusChange.report_id, StatusChange.note)
        .where(
            StatusChange.report_id.in_(ids),
            StatusChange.official,
            StatusChange.note != "",
        )
        .order_by(StatusChange.created_at, StatusChange.id)
    )
    return {report_id: note for report_id, note in rows}
