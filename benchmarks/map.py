"""The map's GeoJSON with a million reports, and the raw bounding-box query beside it.

    .venv/bin/python -m benchmarks.map [--reports 1000000] [--database URL] [--rounds 50]

Without --database, a fresh SQLite file; give a PostgreSQL URL to measure there (the
database is emptied first). Reports are spread over Riverford-sized city in a few dense
neighbourhoods; the pre-counted clusters are rebuilt once after the bulk load, as an
import would. Then the median time of:
  - a street-level view (map zoom 17, ~300 x 200 m): the points themselves;
  - a city-wide view (map zoom 12): pre-counted clusters;
each through the real endpoint (Flask test client: routing, query, JSON), plus the raw
bounding-box query for the street view (ids only, through the map index).
"""

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from flask_migrate import upgrade
from sqlalchemy import MetaData, func, select, text

from participation import create_app
from participation.core.models import City, District
from participation.extensions import db
from participation.issues import cells
from participation.issues.models import Category, Department, Report, within

SOUTH, WEST, NORTH, EAST = 52.80, -7.45, 52.88, -7.33
STATUSES = ["new", "acknowledged", "in_progress", "fixed", "not_actionable"]


def timed(client, url: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.get_data(as_text=True)
    return statistics.median(times) * 1000


def load(n: int) -> None:
    """Districts, categories and n reports, inserted in bulk."""
    db.session.add(
        City(
            name="Riverford",
            timezone="Europe/Dublin",
            default_locale="en",
            south=SOUTH,
            west=WEST,
            north=NORTH,
            east=EAST,
        )
    )
    columns = np.linspace(WEST, EAST, 4)
    for i in range(3):
        w, e = columns[i], columns[i + 1]
        ring = [[w, SOUTH], [e, SOUTH], [e, NORTH], [w, NORTH], [w, SOUTH]]
        db.session.add(
            District(
                name=f"District {i + 1}",
                population=70_000,
                boundary={"type": "Polygon", "coordinates": [ring]},
            )
        )
    department = Department(name="Streets")
    categories = [
        Category(code=f"c{i}", name=f"Category {i}", department=department)
        for i in range(6)
    ]
    db.session.add_all(categories)
    db.session.commit()
    district_ids = [
        d.id for d in db.session.scalars(select(District).order_by(District.id))
    ]

    rng = np.random.default_rng(2026)
    centres = rng.uniform(
        [SOUTH + 0.01, WEST + 0.01], [NORTH - 0.01, EAST - 0.01], (12, 2)
    )
    which = rng.integers(0, len(centres), n)
    points = centres[which] + rng.normal(0, [0.008, 0.012], (n, 2))
    points[:, 0] = points[:, 0].clip(SOUTH, NORTH - 1e-9)
    points[:, 1] = points[:, 1].clip(WEST, EAST - 1e-9)
    district = np.searchsorted(columns, points[:, 1], side="right") - 1
    status = rng.integers(0, len(STATUSES), n)
    category = rng.integers(0, len(categories), n)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    minutes = rng.integers(0, 60 * 24 * 600, n)
    table = Report.__table__
    chunk = 20_000
    for lo in range(0, n, chunk):
        rows = [
            {
                "category_id": categories[category[i]].id,
                "title": f"Report {i}",
                "description": "",
                "language": "en",
                "lat": float(points[i, 0]),
                "lon": float(points[i, 1]),
                "district_id": district_ids[district[i]],
                "location_text": "",
                "status": STATUSES[status[i]],
                "show_name": False,
                "attribute_values": {},
                "source": "web",
                "support_count": 0,
                "created_at": start + timedelta(minutes=int(minutes[i])),
                "updated_at": start + timedelta(minutes=int(minutes[i])),
            }
            for i in range(lo, min(n, lo + chunk))
        ]
        db.session.execute(table.insert(), rows)
        db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--database")
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="participation-map-bench-"))
    url = args.database or f"sqlite:///{work / 'bench.sqlite3'}"
    config = {
        "INSTANCE_PATH": str(work),
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "bench",
        "CONTENT_TRANSLATION": False,
    }
    app = create_app(config)
    with app.app_context():
        existing = MetaData()
        existing.reflect(db.engine)
        existing.drop_all(db.engine)
        upgrade()
        started = time.perf_counter()
        load(args.reports)
        loaded = time.perf_counter()
        cells.rebuild()
        if db.engine.dialect.name == "postgresql":
            # As autovacuum would after a bulk load: statistics, and the visibility
            # map that lets the map's index answer alone.
            with db.engine.connect().execution_options(
                isolation_level="AUTOCOMMIT"
            ) as connection:
                connection.execute(text("VACUUM ANALYZE"))
        built = time.perf_counter()
        total = db.session.scalar(select(func.count()).select_from(Report))
        print(
            f"{db.engine.dialect.name}: {total:,} reports loaded in {loaded - started:.0f} s, "
            f"clusters counted in {built - loaded:.0f} s"
        )

        street = (-7.4012, 52.8402, -7.3968, 52.8420)  # ~300 x 200 m
        start = time.perf_counter()
        for _ in range(args.rounds):
            db.session.execute(
                select(Report.id).where(Report.hidden_reason.is_(None), *within(street))
            ).all()
        raw = (time.perf_counter() - start) / args.rounds * 1000
        db.session.remove()

    server = create_app(config)
    client = server.test_client()
    bbox = ",".join(str(v) for v in street)
    street_url = f"/api/v1/issues.geojson?bbox={bbox}&zoom=17"
    city_url = f"/api/v1/issues.geojson?bbox={WEST},{SOUTH},{EAST},{NORTH}&zoom=12"
    street_features = len(client.get(street_url).get_json()["features"])
    city_features = client.get(city_url).get_json()["features"]
    print(
        f"street-level view (zoom 17): {timed(client, street_url, args.rounds):6.1f} ms "
        f"median, {street_features} points   (target < 30 ms)"
    )
    print(f"  raw bounding-box query alone: {raw:6.1f} ms")
    print(
        f"city-wide view (zoom 12):    {timed(client, city_url, args.rounds):6.1f} ms "
        f"median, {len(city_features)} clusters of "
        f"{sum(f['properties']['count'] for f in city_features):,} reports   "
        "(target < 50 ms)"
    )


if __name__ == "__main__":
    main()
