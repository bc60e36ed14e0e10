"""Submitting reports through the real form path under gunicorn, against a bare Flask
endpoint doing one insert, measured in the same run on this machine.

    .venv/bin/python -m benchmarks.submit [--seconds 10] [--rounds 3] [--workers 4]
        [--database URL]

The real path: a signed-in resident POSTs the report form (CSRF token, session cookie,
validation, district lookup, nearby-duplicates check, insert, status history, follow,
cluster counts), answered with the redirect to the new report. The load comes from
wrk (Debian package `wrk`) with 8 connections, in turns with the bare endpoint (both
servers up at once). Prints each round, the medians and our median ratio to the bare
endpoint. Without --database, SQLite in WAL mode.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local base = "{body}"
-- Reports spread over the city, as residents' are (not all on one spot).
request = function()
  local lat = 52.825 + math.random() * 0.045
  local lon = -7.425 + math.random() * 0.08
  return wrk.format(nil, nil, nil, base .. string.format("&lat=%.6f&lon=%.6f", lat, lon))
end
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["User-Agent"] = "{agent}"
"""
# Sessions are bound to the browser's User-Agent (Flask-Login's strong protection):
# the sign-in and the load must present the same one.
AGENT = "participation-benchmark"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: str, env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ],
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.1)
    return process, url


def run_wrk(url: str, path: str, script: str, seconds: int, work: Path) -> float:
    """Requests per second wrk sustains with this Lua script (8 connections); stops
    the benchmark when any request failed."""
    script_file = work / "load.lua"
    script_file.write_text(script)
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "-s", str(script_file), url + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{errors.group(1)} requests failed:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def print_rounds(rounds: list[tuple[float, float]], what: str, how: str) -> None:
    """Each round, the medians (target: 300 a second) and our ratio to the bare
    endpoint."""
    for n, (ours, yardstick) in enumerate(rounds, 1):
        print(
            f"round {n}: {what} {ours:5.0f} requests/s, bare insert "
            f"{yardstick:5.0f} requests/s ({ours / yardstick:.0%})"
        )
    ours = statistics.median(r[0] for r in rounds)
    yardstick = statistics.median(r[1] for r in rounds)
    print(f"{what}, {how}: {ours:7.0f} requests/s median (target >= 300)")
    print(f"bare Flask endpoint, one insert: {yardstick:7.0f} requests/s median")
    ratio = statistics.median(o / y for o, y in rounds)
    print(f"ratio: {ratio:.0%} of the bare endpoint (median of the rounds)")


def prepare(env: dict) -> None:
    """Migrate, and load the demo city (districts, categories, accounts)."""
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "participation", "demo"],
        env=env,
        check=True,
        capture_output=True,
    )


def sign_in(url: str, email: str, password: str) -> tuple[str, str, str]:
    """Sign in like a browser; returns (cookie header, CSRF token, a category id)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", AGENT)]
    page = opener.open(url + "/signin").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrf_token": token, "email": email, "password": password}
    ).encode()
    opener.open(url + "/signin", data)
    page = opener.open(url + "/reports/new").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    category = re.search(r'<option value="(\d+)">Street light', page).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, token, category


def reports_made(url: str) -> int:
    """How many reports the load created (a redirect to sign-in would be a 3xx too)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT count(*) FROM report WHERE title = 'Light out'")
        ).scalar_one()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="participation-submit-bench-"))
    env = {
        **os.environ,
        "PARTICIPATION_INSTANCE_PATH": str(work / "instance"),
        "PARTICIPATION_LOGIN_RATE_LIMIT": "1000 per minute",
        "PARTICIPATION_CONTENT_TRANSLATION": "false",
        "PARTICIPATION_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    if args.database:
        env["PARTICIPATION_DATABASE_URL"] = args.database
    prepare(env)
    accounts = (work / "instance" / "demo-accounts.txt").read_text().split("\n")
    email, password = next(
        line.split()[1:] for line in accounts if line.startswith("resident ")
    )

    # Both servers up at once, measured in turns: this machine's speed drifts from one
    # minute to the next, so each round's ratio compares like with like.
    bare_env = {**env, "BARE_DATABASE": str(work / "bare.sqlite3")}
    app, url = serve("participation:create_app()", env, args.workers)
    bare, bare_url = serve("benchmarks.bare_app:app", bare_env, args.workers)
    rounds = []
    try:
        cookie, token, category = sign_in(url, email, password)
        body = urllib.parse.urlencode(
            {
                "csrf_token": token,
                "category_id": category,
                "title": "Light out",
                "language": "en",
                "confirm_new": "1",
            }
        )
        made = 0.0
        script = WRK_SCRIPT.format(body=body, cookie=cookie, agent=AGENT)
        bare_script = WRK_SCRIPT.format(body="", cookie="", agent=AGENT)
        for _ in range(args.rounds):
            ours = run_wrk(url, "/reports/new", script, args.seconds, work)
            yardstick = run_wrk(bare_url, "/insert", bare_script, args.seconds, work)
            rounds.append((ours, yardstick))
            made += ours * args.seconds
        stored = reports_made(
            args.database or f"sqlite:///{work / 'instance' / 'participation.sqlite3'}"
        )
        if stored < 0.9 * made:
            raise SystemExit("the form did not store the reports (signed out?)")
    finally:
        for server in (app, bare):
            server.send_signal(signal.SIGTERM)
            server.wait()

    print_rounds(rounds, "report form", f"signed in (gunicorn -w {args.workers})")


if __name__ == "__main__":
    main()
