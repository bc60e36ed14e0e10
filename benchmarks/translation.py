"""Content translation: requests never wait for it, and the worker's throughput.

    .venv/bin/python -m benchmarks.translation [--texts 200] [--rounds 30]

1. Render a page showing N texts written in Spanish to an English reader, first with
   every translation still queued (the original shown), then with every translation
   cached. Requests only read the cache, so the two should cost the same (within 10 %).
2. Translate N queued sentences with the worker and the tiny real argos pack the test
   suite builds, and report sentences per second; then check each text was translated
   exactly once.
"""

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.i18n.tiny_argos import build_package, configure_argos_environment

WORK = Path(tempfile.mkdtemp(prefix="participation-bench-"))
configure_argos_environment(WORK / "argos")

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, select, update  # noqa: E402

from participation import create_app  # noqa: E402
from participation.auth.administration import set_roles  # noqa: E402
from participation.auth.services import register_user  # noqa: E402
from participation.core.services import EngagementData  # noqa: E402
from participation.extensions import db  # noqa: E402
from participation.i18n import machine  # noqa: E402
from participation.i18n.models import DONE, PENDING, ContentTranslation  # noqa: E402
from participation.i18n.worker import work_once  # noqa: E402
from participation.projects.planning import (  # noqa: E402
    ProjectData,
    create_engagement,
    create_project,
)


def render_time(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url, headers={"Accept-Language": "en"})
    elapsed = time.perf_counter() - start
    assert response.status_code == 200
    return elapsed


def make_project(planner, word: str, texts: int) -> int:
    """A Spanish project whose page shows `texts` engagement titles."""
    project = create_project(
        planner,
        ProjectData(title=word, summary="Árboles.", theme="parks", language="es"),
    )
    for i in range(texts):
        create_engagement(
            planner,
            project.id,
            EngagementData(
                kind="meeting",
                title=f"{word} número {i} sobre el parque del río.",
                opens_at=datetime(2026, 1, 1, tzinfo=UTC),
                claimed_rung=4,
                language="es",
            ),
        )
    return project.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    config = {
        "INSTANCE_PATH": str(WORK / "instance"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "SECRET_KEY": "bench",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    app = create_app(config)
    # The pages are served by a second instance, so that each request gets its own
    # app context (and `g`), as in production.
    server = create_app(config)
    with app.app_context():
        upgrade()
        planner = register_user("planner@example.org", "benchmark password")
        set_roles(None, planner.id, {"planner"})
        queued_id = make_project(planner, "Reunión", args.texts)
        cached_id = make_project(planner, "Encuentro", args.texts)
        client = server.test_client()
        queued_url, cached_url = f"/projects/{queued_id}", f"/projects/{cached_id}"
        for url in (queued_url, cached_url):  # the first views queue every text once
            client.get(url, headers={"Accept-Language": "en"})
        queued = db.session.scalar(select(func.count()).select_from(ContentTranslation))
        db.session.execute(
            update(ContentTranslation)
            .where(ContentTranslation.original.like("Encuentro%"))
            .values(status=DONE, translated=ContentTranslation.original + " (en)")
        )
        db.session.commit()

        # Interleaved, so that whatever else the machine does weighs on both alike.
        pending, cached = [], []
        for _ in range(args.rounds):
            pending.append(render_time(client, queued_url))
            cached.append(render_time(client, cached_url))

        p, c = statistics.median(pending), statistics.median(cached)
        print(f"page with {args.texts} texts, median of {args.rounds} renders each:")
        print(f"  translations queued (originals shown): {p * 1000:7.1f} ms")
        print(f"  translations cached (shown marked):    {c * 1000:7.1f} ms")
        print(
            f"  difference: {100 * (p - c) / c:+.1f} %  (target: at most +10 %: requests never wait for translation)"
        )
        print(f"  texts queued by the first views: {queued}")

        # The worker, with the tiny real pack.
        machine.install_pack_file(build_package(WORK / "packs", "es", "en"))
        db.session.execute(
            update(ContentTranslation).values(status=PENDING, translated=None)
        )
        db.session.commit()
        start = time.perf_counter()
        done = 0
        while True:
            batch = work_once(batch_size=100)
            if not batch.handled:
                break
            done += batch.translated
        seconds = time.perf_counter() - start
        print(f"worker: {done} sentences in {seconds:.2f} s = {done / seconds:.0f} /s")
        again = work_once(batch_size=100)
        rows = db.session.scalar(select(func.count()).select_from(ContentTranslation))
        print(
            f"  rows: {rows} for {queued} distinct texts; a second pass translated "
            f"{again.translated} (each text is translated once)"
        )


if __name__ == "__main__":
    main()
