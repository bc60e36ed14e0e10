"""The demo city: districts, accounts of every role, projects and engagements, then
what each package adds (its plug's `demo`: features first, then the shared parts).

Core's data lives in `core/demo_data.py` and `core/demo_projects*.py`; this module
only loads it, through the same services the web views use.
"""

import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from participation.auth.administration import set_roles
from participation.auth.models import RESIDENT, User
from participation.auth.services import register_user
from participation.core import geo
from participation.core.demo_data import ACCOUNTS, CITY, DISTRICTS
from participation.core.demo_projects import STREETS_AND_PARKS
from participation.core.demo_projects_civic import BUDGETS_HOMES_AND_AIR
from participation.core.models import City, District
from participation.core.services import EngagementData
from participation.extensions import db
from participation.features import FEATURES, SHARED_PARTS, plugs
from participation.plug import DemoCity
from participation.projects.planning import (
    ProjectData,
    create_engagement,
    create_project,
)
from participation.types import utcnow

ACCOUNTS_FILE = "demo-accounts.txt"
PROJECTS = [*STREETS_AND_PARKS, *BUDGETS_HOMES_AND_AIR]


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


def accounts_path() -> Path:
    """The file in the instance folder that lists the demo accounts and passwords."""
    return Path(current_app.instance_path) / ACCOUNTS_FILE


def load_demo() -> list[DemoAccount] | None:
    """Load the demo city and return its accounts; None if a city already exists."""
    if db.session.scalars(select(City).limit(1)).first() is not None:
        return None
    districts = _create_districts()
    accounts, users = _create_accounts()
    planner = next(users[a["email"]] for a in ACCOUNTS if a["role"] == "planner")
    evaluator = next(users[a["email"]] for a in ACCOUNTS if a["role"] == "evaluator")
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    for project in PROJECTS:
        _create_project(planner, project, districts, now)
    city = DemoCity(planner, evaluator, users, districts, now)
    by_name = {plug.name: plug for plug in plugs()}
    # The features fill their engagements; the shared parts (the ladder's reviews)
    # come after them, on what they made.
    for name in (*FEATURES, *SHARED_PARTS):
        for fill in by_name[name].demo:
            fill(city)
    _save_accounts(accounts)
    # The city is written last: its presence means the demo was loaded completely.
    _create_city(district.boundary for district in districts.values())
    return accounts


def saved_accounts() -> list[DemoAccount]:
    """The demo accounts written when the demo was loaded; empty if there are none."""
    try:
        text = accounts_path().read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [
        DemoAccount(*parts)
        for parts in (line.split() for line in text.splitlines())
        if len(parts) == 3
    ]


def _create_districts() -> dict[str, District]:
    districts = {}
    for data in DISTRICTS:
        boundary = {"type": "Polygon", "coordinates": [data["ring"]]}
        geo.validate_geometry(boundary)
        district = District(
            name=data["name"], boundary=boundary, population=data["population"]
        )
        db.session.add(district)
        districts[data["key"]] = district
    db.session.commit()
    return districts


def _create_accounts() -> tuple[list[DemoAccount], dict[str, User]]:
    # At least as many random bytes as the minimum length asks for characters.
    size = max(9, current_app.config["PASSWORD_MIN_LENGTH"])
    accounts, users = [], {}
    for data in ACCOUNTS:
        password = secrets.token_urlsafe(size)
        user = register_user(
            data["email"], password, display_name=data["name"], confirmed=True
        )
        if data["role"] != RESIDENT:
            set_roles(None, user.id, {data["role"]})
        accounts.append(DemoAccount(data["role"], user.email, password))
        users[data["email"]] = user
    return accounts, users


def _days_from(now: datetime, days: float | None) -> datetime | None:
    return None if days is None else now + timedelta(days=days)


def _district_id(districts: dict[str, District], key: str | None) -> int | None:
    return None if key is None else districts[key].id


def _create_project(
    planner: User, data: dict[str, Any], districts: dict[str, District], now: datetime
) -> None:
    project = create_project(
        planner,
        ProjectData(
            title=data["title"],
            summary=data["summary"],
            theme=data["theme"],
            description=data["description"],
            status=data["status"],
            district_id=_district_id(districts, data["district"]),
        ),
    )
    for item in data["engagements"]:
        create_engagement(
            planner,
            project.id,
            EngagementData(
                kind=item["kind"],
                title=item["title"],
                summary=item["summary"],
                opens_at=_days_from(now, item["opens"]),
                closes_at=_days_from(now, item["closes"]),
                decided_at=_days_from(now, item["decided"]),
                claimed_rung=item["claimed_rung"],
                district_id=_district_id(
                    districts, item.get("district", data["district"])
                ),
            ),
        )


def _create_city(boundaries: Iterable[dict[str, Any]]) -> City:
    south, west, north, east = geo.bounds_of(boundaries)
    margin = CITY["margin"]
    city = City(
        name=CITY["name"],
        timezone=CITY["timezone"],
        default_locale=CITY["default_locale"],
        south=round(south - margin, 5),
        west=round(west - margin, 5),
        north=round(north + margin, 5),
        east=round(east + margin, 5),
    )
    db.session.add(city)
    db.session.commit()
    return city


def _save_accounts(accounts: list[DemoAccount]) -> None:
    path = accounts_path()
    # Created afresh so the file is never readable by others, whatever was there.
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for account in accounts:
            handle.write(f"{account.role} {account.email} {account.password}\n")
