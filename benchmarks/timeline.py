"""Project threads with thousands of items: the project page, a deep page of its
timeline, its Atom feed, the district page, the nudge list and the continuity facts.

    .venv/bin/python -m benchmarks.timeline [--updates 5000] [--reports 20000]
                                            [--projects 1000] [--database URL]

Without --database, a fresh SQLite file; a PostgreSQL URL measures there (the database
is emptied first). One project gets `updates` updates (each with a question, most of
them answered), a decision and a milestone per five updates, twenty engagements, and
`reports` issue reports in its district; `projects` more projects (each with a few
updates and a waiting question) fill the nudge list. Then the median time of each page
through the real endpoint (Flask test client: routing, queries, templates), and the
number of SQL statements a timeline page runs (the same for the first and a deep page).
Target: every page under 150 ms, whatever the thread's length.
"""

import argparse
import statistics
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from benchmarks.database import analyse, fresh_config
from participation import create_app
from participation.core.models import City, District, Meeting, Project
from participation.extensions import db
from participation.issues.models import Category, Department, Report
from participation.projects.models import (
    Decision,
    ProjectAnswer,
    ProjectMilestone,
    ProjectQuestion,
    ProjectUpdate,
)

START = datetime(2020, 1, 1, tzinfo=UTC)
RING = [[-7.45, 52.80], [-7.33, 52.80], [-7.33, 52.88], [-7.45, 52.88], [-7.45, 52.80]]


def insert(model, rows: list[dict], chunk: int = 20_000) -> None:
    for lo in range(0, len(rows), chunk):
        db.session.execute(model.__table__.insert(), rows[lo : lo + chunk])
    db.session.commit()


def load(updates: int, reports: int, projects: int) -> tuple[int, int]:
    db.session.add(
        City(
            name="Riverford",
            timezone="Europe/Dublin",
            default_locale="en",
            south=52.80,
            west=-7.45,
            north=52.88,
            east=-7.33,
        )
    )
    district = District(
        name="Old Quays",
        population=40_000,
        boundary={"type": "Polygon", "coordinates": [RING]},
    )
    category = Category(code="c", name="Street", department=Department(name="Roads"))
    db.session.add_all([district, category])
    db.session.flush()
    project = Project(
        title="The long project",
        summary="Years of news.",
        theme="mobility",
        district_id=district.id,
        created_at=START,
    )
    db.session.add(project)
    db.session.flush()
    db.session.add_all(
        Meeting(
            project_id=project.id,
            title=f"Meeting {i}",
            opens_at=START + timedelta(days=90 * i),
            closes_at=START + timedelta(days=90 * i + 1),
            claimed_rung=4,
        )
        for i in range(20)
    )
    db.session.commit()
    minute = timedelta(minutes=7)
    insert(
        ProjectUpdate,
        [
            {
                "project_id": project.id,
                "title": f"Update {i}",
                "body": f"**News** {i}.",
                "language": "en",
                "image_alt": "",
                "created_at": START + i * minute,
                "publish_at": START + i * minute,
                "notified_at": START + i * minute,
            }
            for i in range(updates)
        ],
    )
    update_ids = list(
        db.session.scalars(
            select(ProjectUpdate.id).where(ProjectUpdate.project_id == project.id)
        )
    )
    insert(
        ProjectQuestion,
        [
            {
                "project_id": project.id,
                "update_id": uid,
                "kind": "question",
                "body": f"Question {i}?",
                "language": "en",
                "show_name": False,
                "created_at": START + i * minute + timedelta(minutes=1),
            }
            for i, uid in enumerate(update_ids)
        ],
    )
    question_ids = list(db.session.scalars(select(ProjectQuestion.id)))
    insert(
        ProjectAnswer,
        [
            {
                "question_id": qid,
                "body": "Answer.",
                "language": "en",
                "created_at": START + i * minute + timedelta(minutes=3),
            }
            for i, qid in enumerate(question_ids)
            if i % 4
        ],
    )
    insert(
        Decision,
        [
            {
                "project_id": project.id,
                "title": f"Decision {i}",
                "description": "",
                "decided_by": "Council",
                "decided_at": START + 5 * i * minute,
                "document_url": "",
                "language": "en",
                "created_at": START,
            }
            for i in range(updates // 5)
        ],
    )
    insert(
        ProjectMilestone,
        [
            {
                "project_id": project.id,
                "title": f"Step {i}",
                "note": "",
                "state": "reached",
                "due_at": START + 5 * i * minute,
                "reached_at": START + 5 * i * minute,
                "language": "en",
                "created_at": START,
            }
            for i in range(updates // 5)
        ],
    )
    insert(
        Report,
        [
            {
                "category_id": category.id,
                "title": f"Report {i}",
                "description": "",
                "language": "en",
                "lat": 52.84,
                "lon": -7.40,
                "district_id": district.id,
                "location_text": "",
                "status": "new",
                "show_name": False,
                "attribute_values": {},
                "source": "web",
                "support_count": 0,
                "created_at": START + i * minute,
                "updated_at": START + i * minute,
            }
            for i in range(reports)
        ],
    )
    insert(
        Project,
        [
            {
                "title": f"Project {i}",
                "summary": ".",
                "description": "",
                "theme": "parks",
                "status": "underway",
                "language": "en",
                "created_at": START,
                "updated_at": START,
            }
            for i in range(projects)
        ],
    )
    others = list(
        db.session.scalars(select(Project.id).where(Project.id != project.id))
    )
    insert(
        ProjectUpdate,
        [
            {
                "project_id": pid,
                "title": "News",
                "body": ".",
                "language": "en",
                "image_alt": "",
                "created_at": START + timedelta(days=k * 300),
                "publish_at": START + timedelta(days=k * 300 + pid % 300),
                "notified_at": START,
            }
            for pid in others
            for k in range(3)
        ],
    )
    insert(
        ProjectQuestion,
        [
            {
                "project_id": pid,
                "kind": "question",
                "body": "When?",
                "language": "en",
                "show_name": False,
                "created_at": START + timedelta(days=pid % 900),
            }
            for pid in others
        ],
    )
    return project.id, district.id


def median_ms(client, url: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, url
    return statistics.median(times) * 1000


def statements(client, url: str) -> int:
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        client.get(url)
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    return len(seen)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=5_000)
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--projects", type=int, default=1_000)
    parser.add_argument("--database")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    config = fresh_config("timeline", args.database)
    app = create_app(config)
    with app.app_context():
        started = time.perf_counter()
        project_id, district_id = load(args.updates, args.reports, args.projects)
        analyse()
        items = args.updates * 7 // 5 + args.reports + 40
        print(
            f"{db.engine.dialect.name}: one project with ~{items:,} timeline items and "
            f"{args.projects:,} more projects, loaded in "
            f"{time.perf_counter() - started:.0f} s"
        )
        from participation.core.timeline import Scope, page

        deep = None
        scope = Scope((project_id,), (district_id,))
        for _ in range(100):  # walk 100 pages of 20 down the timeline
            deep = page(scope, before=deep, size=20).next_cursor
        from participation.projects.observe import continuity
        from participation.projects.status import nudge_list

        t = time.perf_counter()
        nudges = len(nudge_list())
        nudge_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        continuity(db.session.get(Project, project_id))
        continuity_ms = (time.perf_counter() - t) * 1000
        db.session.remove()

    server = create_app(config)
    client = server.test_client()
    with server.test_request_context():
        from urllib.parse import quote

        deep_url = f"/projects/{project_id}?before={quote(deep.token())}"
    pages = {
        "project page (newest 20)": f"/projects/{project_id}",
        "project page 101 (items 2,001–2,020)": deep_url,
        "project page, decisions only": f"/projects/{project_id}?show=decisions",
        "project Atom feed (50 entries)": f"/projects/{project_id}/feed.atom",
        "district page": f"/districts/{district_id}",
    }
    client.get(pages["project page (newest 20)"])  # warm the reference caches
    print(f"{'page':42} {'median':>9} {'statements':>11}")
    for name, url in pages.items():
        print(
            f"{name:42} {median_ms(client, url, args.rounds):7.1f}ms "
            f"{statements(client, url):11}"
        )
    print(
        f"{'nudge list (service, ' + str(nudges) + ' projects listed)':42} {nudge_ms:7.1f}ms"
    )
    print(f"{'continuity facts of the long project':42} {continuity_ms:7.1f}ms")


if __name__ == "__main__":
    main()
