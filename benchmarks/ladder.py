"""The ladder at city scale: the pure rubric on 10,000 facts documents, and the city
report over 10,000 engagements and 1,000,000 contributions.

    .venv/bin/python -m benchmarks.ladder [--engagements 10000]
                                          [--contributions 1000000] [--database URL]

Without --database, a fresh SQLite file; a PostgreSQL URL measures there (emptied
first). Engagements are consultations spread over five districts and three years, each
with a stored assessment (as `flask ladder refresh` leaves them); the contributions
are survey responses from 200,000 residents. Then the median of: the rubric over
10,000 random documents, the report's aggregation (`city_report`), and the report
page through the real endpoint. Targets: under 1 s each.
"""

import argparse
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from benchmarks.database import analyse, fresh_config
from participation import create_app
from participation.consultations.models import Consultation
from participation.consultations.survey_models import Response
from participation.core.models import City, District, Engagement, Project
from participation.extensions import db
from participation.ladder.facts import Fact
from participation.ladder.models import LadderAssessment
from participation.ladder.rubric import assess

START = datetime(2024, 1, 1, tzinfo=UTC)
RING = [[-7.45, 52.80], [-7.33, 52.80], [-7.33, 52.88], [-7.45, 52.88], [-7.45, 52.80]]


def documents(n: int, rng: random.Random) -> list[tuple[str, dict]]:
    kinds = ["issue_channel", "consultation", "budget", "meeting"]
    prov = ["declared", "documented", "observed"]
    docs = []
    for _ in range(n):
        opens = START + timedelta(days=rng.randrange(900))
        facts = {
            "opens_at": Fact(opens, "observed"),
            "decided_at": Fact(
                opens + timedelta(days=rng.randrange(-30, 120)), rng.choice(prov)
            ),
            "input_kind": Fact(
                rng.choice(["none", "feedback", "proposals", "vote"]), rng.choice(prov)
            ),
            "bindingness": Fact(rng.choice(["binding", "advisory"]), rng.choice(prov)),
            "delegated_scope": Fact(
                rng.choice([0, 50_000, 1_000_000]), rng.choice(prov)
            ),
            "board": Fact(
                {
                    "resident_seats": rng.randrange(10),
                    "total_seats": 10,
                    "selection": rng.choice(["elected", "lottery", "appointed"]),
                },
                rng.choice(prov),
            ),
            "responses": Fact(
                {"contributions": rng.randrange(500), "answered_share": rng.random()},
                "observed",
            ),
        }
        docs.append((rng.choice(kinds), facts))
    return docs


def load(engagements: int, contributions: int, rng: random.Random) -> None:
    db.session.add(
        City(
            name="Bench",
            timezone="UTC",
            default_locale="en",
            south=52.80,
            west=-7.45,
            north=52.88,
            east=-7.33,
        )
    )
    db.session.add_all(
        District(
            name=f"D{i}",
            population=60_000,
            boundary={"type": "Polygon", "coordinates": [RING]},
        )
        for i in range(5)
    )
    db.session.commit()
    districts = list(db.session.scalars(select(District.id)))
    projects = [Project(title=f"P{i}", summary=".", theme="parks") for i in range(500)]
    db.session.add_all(projects)
    db.session.commit()
    project_ids = [p.id for p in projects]
    rows = []
    for i in range(engagements):
        opens = START + timedelta(days=rng.randrange(1000))
        rows.append(
            {
                "kind": "consultation",
                "project_id": rng.choice(project_ids),
                "title": f"E{i}",
                "summary": "",
                "district_id": rng.choice(districts),
                "opens_at": opens,
                "closes_at": opens + timedelta(days=30),
                "decided_at": opens + timedelta(days=rng.randrange(-10, 90)),
                "claimed_rung": rng.randrange(3, 9),
                "language": "en",
                "created_at": opens,
                "updated_at": opens,
            }
        )
    for lo in range(0, len(rows), 5000):
        db.session.execute(Engagement.__table__.insert(), rows[lo : lo + 5000])
    ids = list(db.session.scalars(select(Engagement.id).order_by(Engagement.id)))
    db.session.execute(
        Consultation.__table__.insert(),
        [{"id": i} for i in ids],
    )
    db.session.execute(
        LadderAssessment.__table__.insert(),
        [
            {
                "engagement_id": i,
                "rung": rng.randrange(3, 9),
                "confidence": rng.random(),
                "flags": [],
                "caps": [],
                "trace": [],
                "held_back": [],
                "facts": {
                    "responses": {
                        "value": {
                            "contributions": 100,
                            "answered_share": 0.5,
                            "median_days_to_respond": 7,
                        },
                        "provenance": "observed",
                        "evidence": "",
                    }
                },
                "computed_at": START,
                "stale": False,
                "contributions": 100,
                "answered_share": 0.5,
                "median_days_to_answer": 7,
                "recurring": True,
                "longest_gap_days": rng.randrange(10, 200),
            }
            for i in ids
        ],
    )
    db.session.commit()
    from participation.auth.models import User

    residents = 200_000
    for lo in range(0, residents, 50_000):
        db.session.execute(
            User.__table__.insert(),
            [
                {
                    "id": u,
                    "email": f"r{u}@bench.example",
                    "display_name": f"R{u}",
                    "password_hash": "-",
                    "active": True,
                    "created_at": START,
                }
                for u in range(lo + 1, min(residents, lo + 50_000) + 1)
            ],
        )
    db.session.commit()
    n, chunk = len(ids), 50_000
    for lo in range(0, contributions, chunk):
        # Response k: consultation k mod n, by one of 200,000 residents (one response
        # per resident per consultation); one in ten without an account.
        db.session.execute(
            Response.__table__.insert(),
            [
                {
                    "consultation_id": ids[k % n],
                    "user_id": None
                    if k % 10 == 0
                    else ((k // n) * 1999 + (k % n) * 7) % residents + 1,
                    "language": "en",
                    "created_at": START,
                    "updated_at": START,
                }
                for k in range(lo, min(contributions, lo + chunk))
            ],
        )
        db.session.commit()


def timed(function, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engagements", type=int, default=10_000)
    parser.add_argument("--contributions", type=int, default=1_000_000)
    parser.add_argument("--database")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(2026)

    docs = documents(10_000, rng)
    rubric_s = timed(lambda: [assess(kind, facts) for kind, facts in docs], args.rounds)
    print(
        f"rubric: 10,000 facts documents assessed in {rubric_s * 1000:.0f} ms (median)"
    )

    config = fresh_config("ladder", args.database)
    app = create_app(config)
    with app.app_context():
        started = time.perf_counter()
        load(args.engagements, args.contributions, rng)
        analyse()
        print(
            f"{db.engine.dialect.name}: {args.engagements:,} engagements and "
            f"{args.contributions:,} contributions loaded in "
            f"{time.perf_counter() - started:.0f} s"
        )
        from participation.ladder import people
        from participation.ladder.report import city_report

        started = time.perf_counter()
        people.refresh()
        analyse()
        print(
            "people counted ahead (once, as `flask ladder refresh` leaves them): "
            f"{time.perf_counter() - started:.1f} s"
        )

        report_s = timed(city_report, args.rounds)
        print(f"city report (aggregation): {report_s * 1000:.0f} ms (median)")
        db.session.remove()
    client = create_app(config).test_client()

    def page():
        response = client.get("/report")
        assert response.status_code == 200

    print(f"city report page: {timed(page, args.rounds) * 1000:.0f} ms (median)")


if __name__ == "__main__":
    main()
