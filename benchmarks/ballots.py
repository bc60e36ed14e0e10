"""Casting ballots through the real form path under gunicorn, against a bare Flask
endpoint doing one insert, measured in the same run on this machine.

    .venv/bin/python -m benchmarks.ballots [--seconds 10] [--rounds 3] [--workers 4]
        [--voters 400] [--database URL]

The real path: signed-in residents (each with their own session and CSRF token) POST
the ballot form of an approval budget with 20 projects on the ballot (CSRF check,
phase and eligibility, validation against the ballot, one ballot per person per budget
by the database: a first ballot is inserted, a later one replaces it), answered with
the redirect back to the ballot. The load comes from wrk (Debian package `wrk`) with 8
connections, voters taking turns, in turns with the bare endpoint
(both servers up at once). Prints each round, the medians and our ratio to the bare
endpoint. Without --database, SQLite in WAL mode.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path

from benchmarks.submit import AGENT, print_rounds, run_wrk, serve

PASSWORD = "benchmark-voter-password"
LUA = """
local voters = {{ {voters} }}
local projects = {{ {projects} }}
local path = "{path}"
-- Voters in turn, each wrk thread from its own half of the list: no two requests in
-- flight are the same voter's (which the database would refuse as a second ballot).
local threads = 0
setup = function(thread)
  thread:set("start", threads * math.floor(#voters / 2))
  threads = threads + 1
end
init = function(args) counter = start end
request = function()
  counter = counter % #voters + 1
  local voter = voters[counter]
  local body = "csrf_token=" .. voter[2]
  local chosen = 0
  for _, project in ipairs(projects) do
    if math.random() < 0.25 then
      body = body .. "&project=" .. project
      chosen = chosen + 1
    end
  end
  if chosen == 0 then body = body .. "&project=" .. projects[1] end
  return wrk.format("POST", path, {{
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = voter[1],
    ["User-Agent"] = "{agent}",
  }}, body)
end
"""


def set_up(env: dict, voters: int) -> tuple[int, int, list[int]]:
    """Migrate; create the voters and a budget in its voting phase."""
    os.environ.update(env)
    from participation import create_app
    from participation.auth.services import register_user
    from participation.budgeting.models import Budget, BudgetProcess, Proposal
    from participation.extensions import db
    from participation.projects.planning import ProjectData, create_project
    from participation.types import utcnow

    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "participation", "db", "upgrade"],
        env=env,
        check=True,
        capture_output=True,
    )
    app = create_app()
    with app.app_context():
        planner = register_user("planner@bench.example", PASSWORD)
        from participation.auth.administration import set_roles

        set_roles(None, planner.id, {"planner"})
        for n in range(voters):
            register_user(f"voter{n}@bench.example", PASSWORD)
        project = create_project(
            planner, ProjectData(title="Bench", summary="Bench.", theme="other")
        )
        now = utcnow()
        process = BudgetProcess(
            project_id=project.id,
            title="Benchmark budget",
            opens_at=now - timedelta(days=30),
            ideas_close_at=now - timedelta(days=20),
            voting_opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
            claimed_rung=7,
        )
        process.budgets = [Budget(name="Whole city", amount=1_000_000)]
        db.session.add(process)
        db.session.flush()
        proposals = [
            Proposal(
                budget_id=process.budgets[0].id,
                title=f"Project {n}",
                cost=10_000 + 2_500 * n,
                verdict="feasible",
                verdict_reason="Checked.",
            )
            for n in range(20)
        ]
        db.session.add_all(proposals)
        db.session.commit()
        return process.id, process.budgets[0].id, [p.id for p in proposals]


def sign_in(url: str, email: str, vote_path: str) -> tuple[str, str]:
    """Sign in like a browser; returns (cookie header, CSRF token of the ballot)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", AGENT)]
    page = opener.open(url + "/signin").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = {"csrf_token": token, "email": email, "password": PASSWORD}
    opener.open(url + "/signin", urllib.parse.urlencode(data).encode())
    page = opener.open(url + vote_path).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return "; ".join(f"{c.name}={c.value}" for c in jar), token


def count_ballots(database: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM ballot")).scalar_one()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--voters", type=int, default=400)
    parser.add_argument("--database")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="participation-ballot-bench-"))
    database = (
        args.database or f"sqlite:///{work / 'instance' / 'participation.sqlite3'}"
    )
    env = {
        **os.environ,
        "PARTICIPATION_INSTANCE_PATH": str(work / "instance"),
        "PARTICIPATION_DATABASE_URL": database,
        "PARTICIPATION_LOGIN_RATE_LIMIT": "100000 per minute",
        "PARTICIPATION_CONTENT_TRANSLATION": "false",
        "PARTICIPATION_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    process_id, budget_id, projects = set_up(env, args.voters)
    vote_path = f"/budgets/{process_id}/vote/{budget_id}"
    bare_env = {**env, "BARE_DATABASE": str(work / "bare.sqlite3")}
    app, url = serve("participation:create_app()", env, args.workers)
    bare, bare_url = serve("benchmarks.bare_app:app", bare_env, args.workers)
    rounds = []
    try:
        sessions = [
            sign_in(url, f"voter{n}@bench.example", vote_path)
            for n in range(args.voters)
        ]
        script = LUA.format(
            voters=", ".join(f'{{"{c}", "{t}"}}' for c, t in sessions),
            projects=", ".join(str(p) for p in projects),
            path=vote_path,
            agent=AGENT,
        )
        bare_script = 'wrk.method = "POST"\n'
        for _ in range(args.rounds):
            ours = run_wrk(url, vote_path, script, args.seconds, work)
            yardstick = run_wrk(bare_url, "/insert", bare_script, args.seconds, work)
            rounds.append((ours, yardstick))
        stored = count_ballots(database)
        if stored < 0.9 * args.voters:
            raise SystemExit(f"only {stored} ballots stored for {args.voters} voters")
    finally:
        for server in (app, bare):
            server.send_signal(signal.SIGTERM)
            server.wait()

    print_rounds(
        rounds,
        "ballot form",
        f"{args.voters} signed-in voters (gunicorn -w {args.workers}), "
        f"{stored} ballots stored",
    )


if __name__ == "__main__":
    main()
