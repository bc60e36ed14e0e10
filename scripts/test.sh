#!/usr/bin/env bash
# The whole suite twice: on SQLite and on a throwaway PostgreSQL server, side by side
# when there are two cores (TEST_SERIAL=1: one after the other).
#
# Installs Chromium and PostgreSQL when they are missing and we may (root + apt-get).
# Under CI=true a missing Chromium or PostgreSQL fails the run; elsewhere it only warns
# (the browser tests skip, the PostgreSQL pass is skipped).
# Arguments are passed to both pytest runs, e.g. `bash scripts/test.sh -x -k signup`.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=.venv/bin/python
CHROMIUM=/usr/bin/chromium

case "${CI:-}" in
  1 | true | TRUE | True | yes) in_ci=1 ;;
  *) in_ci=0 ;;
esac

say() { printf '\n== %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }

pg_bindir() {
  # The newest installed server's binaries, e.g. /usr/lib/postgresql/15/bin.
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [ -n "$initdb" ] && dirname "$initdb"
}

have_chromium() { [ -x "$CHROMIUM" ]; }
have_postgres() { [ -n "$(pg_bindir)" ]; }

# --- (a) system dependencies -----------------------------------------------------------
missing=()
have_chromium || missing+=(chromium)
have_postgres || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    say "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q &&
      apt-get install -y -q --no-install-recommends "${missing[@]}" ||
      warn "apt-get could not install ${missing[*]}"
  fi
  problems=()
  have_chromium || problems+=("Chromium ($CHROMIUM) is missing: the browser tests cannot run")
  have_postgres || problems+=("PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are missing: the PostgreSQL pass cannot run")
  if [ ${#problems[@]} -gt 0 ]; then
    if [ "$in_ci" -eq 1 ]; then
      for problem in "${problems[@]}"; do echo "ERROR: $problem." >&2; done
      echo "ERROR: under CI both are required (Debian packages: chromium postgresql)." >&2
      exit 2
    fi
    for problem in "${problems[@]}"; do warn "$problem; skipping that part."; done
  fi
fi

if [ ! -x "$PYTHON" ]; then
  echo "ERROR: $PYTHON not found; run 'make venv' (or 'make test') first." >&2
  exit 2
fi

# --- (b) the two passes -----------------------------------------------------------------
# Each pytest runs on one core: with two cores or more the passes run side by side, each
# into its own log (the SQLite one shown as it runs, the PostgreSQL one after it);
# TEST_SERIAL=1 runs them one after the other on the terminal (e.g. for --pdb).
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
side_by_side=1
case "${TEST_SERIAL:-}" in
  1 | true | TRUE | True | yes) side_by_side=0 ;;
esac
[ "$cores" -ge 2 ] || side_by_side=0

postgres_rc=0
postgres_result="skipped (no PostgreSQL server binaries)"
pgdir=""
logdir=""
sqlite_pid=""
postgres_pid=""

as_postgres() {
  # initdb and the server refuse to run as root.
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$pgdir" && runuser -u postgres -- "$@")
  else
    (cd "$pgdir" && "$@")
  fi
}

stop_postgres() {
  if [ -n "$pgdir" ] && [ -d "$pgdir" ]; then
    if [ -f "$pgdir/data/postmaster.pid" ]; then
      as_postgres "$bindir/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1
    fi
    rm -rf "$pgdir"
  fi
  pgdir=""
}

clean_up() {
  # A pass still running (interrupted): stop it and wait for it before the server.
  local pid
  for pid in $sqlite_pid $postgres_pid; do
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
  done
  for pid in $sqlite_pid $postgres_pid; do
    wait "$pid" 2>/dev/null
  done
  stop_postgres
  [ -n "$logdir" ] && rm -rf "$logdir"
}
trap clean_up EXIT

start_postgres() {
  bindir=$(pg_bindir)
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "no 'postgres' user to run the server as" >&2
    return 1
  fi
  pgdir=$(mktemp -d /tmp/participation-pg.XXXXXX) || return 1
  trap 'exit 130' INT TERM
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pgdir"
  pgport=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local locale=(--no-locale)
  locale -a 2>/dev/null | grep -qix 'c.utf-\?8' && locale=(--locale=C.UTF-8)
  as_postgres "$bindir/initdb" -D "$pgdir/data" -U postgres --auth=trust \
    --encoding=UTF8 "${locale[@]}" >"$pgdir/initdb.log" 2>&1 || {
    cat "$pgdir/initdb.log" >&2
    return 1
  }
  as_postgres "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $pgport -k $pgdir -F" start >/dev/null || {
    cat "$pgdir/server.log" >&2
    return 1
  }
  as_postgres "$bindir/createdb" -h 127.0.0.1 -p "$pgport" -U postgres participation_test
}

# Each pass replaces the shell it is run in: run it in ( ) or in the background.
sqlite_pass() { exec env -u TEST_DATABASE_URL "$PYTHON" -m pytest "$@"; }
postgres_pass() {
  TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$pgport/participation_test" \
    exec "$PYTHON" -m pytest "$@"
}

result() {
  # result RC SECONDS: what the summary says of a pass.
  local took="$(($2 / 60)) min $(($2 % 60)) s"
  if [ "$1" -eq 0 ]; then echo "passed in $took"; else echo "FAILED (exit $1) in $took"; fi
}

follow() {
  # follow NAME PID BEGAN: print NAME's log as it grows until PID ends; then sets
  # pass_rc (PID's exit code) and pass_took (from BEGAN to the log's last line).
  tail -n +1 -f --pid="$2" "$logdir/$1.log" 2>/dev/null
  wait "$2"
  pass_rc=$?
  pass_took=$(($(stat -c %Y "$logdir/$1.log") - $3))
}

if [ "$side_by_side" -eq 1 ]; then
  trap 'exit 130' INT TERM
  logdir=$(mktemp -d /tmp/participation-test.XXXXXX)
  # pytest colours a terminal, not a log: ask for colours when ours is one (an
  # argument --color=... given to the script still wins, coming after).
  color=()
  [ -t 1 ] && color=(--color=yes)
  set -- "${color[@]}" "$@"
  sqlite_began=$(date +%s)
  sqlite_pass "$@" >"$logdir/sqlite.log" 2>&1 &
  sqlite_pid=$!
  if have_postgres; then
    if start_postgres >"$logdir/postgres-start.log" 2>&1; then
      postgres_began=$(date +%s)
      postgres_pass "$@" >"$logdir/postgres.log" 2>&1 &
      postgres_pid=$!
    else
      postgres_rc=1
      postgres_result="FAILED (the throwaway server did not start)"
    fi
  fi
  say "Pass 1/2: SQLite (the PostgreSQL pass runs beside it; its output follows)"
  follow sqlite "$sqlite_pid" "$sqlite_began"
  sqlite_pid=""
  sqlite_rc=$pass_rc
  sqlite_result=$(result "$sqlite_rc" "$pass_took")
  if have_postgres; then
    say "Pass 2/2: PostgreSQL ($(pg_bindir))"
    if [ -n "$postgres_pid" ]; then
      follow postgres "$postgres_pid" "$postgres_began"
      postgres_pid=""
      postgres_rc=$pass_rc
      postgres_result=$(result "$postgres_rc" "$pass_took")
    else
      cat "$logdir/postgres-start.log" >&2
    fi
  fi
  stop_postgres
else
  say "Pass 1/2: SQLite"
  began=$SECONDS
  (sqlite_pass "$@")
  sqlite_rc=$?
  sqlite_result=$(result "$sqlite_rc" $((SECONDS - began)))

  if [ $sqlite_rc -eq 2 ]; then
    # pytest's "interrupted" (Ctrl-C, or collection errors the second pass would repeat).
    postgres_rc=2
    postgres_result="not run (the SQLite pass was interrupted)"
  elif have_postgres; then
    say "Pass 2/2: PostgreSQL ($(pg_bindir))"
    if start_postgres; then
      began=$SECONDS
      (postgres_pass "$@")
      postgres_rc=$?
      postgres_result=$(result "$postgres_rc" $((SECONDS - began)))
    else
      postgres_rc=1
      postgres_result="FAILED (the throwaway server did not start)"
    fi
    stop_postgres
  fi
fi

browser_note=""
have_chromium || browser_note="; browser tests skipped (no $CHROMIUM)"
say "Summary: SQLite $sqlite_result; PostgreSQL $postgres_result$browser_note; total $((SECONDS / 60)) min $((SECONDS % 60)) s"
[ $sqlite_rc -eq 0 ] && [ $postgres_rc -eq 0 ]
