#!/usr/bin/env bash
# The whole suite twice: on SQLite, then on a throwaway PostgreSQL server.
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

# --- (b) SQLite ------------------------------------------------------------------------
say "Pass 1/2: SQLite"
env -u TEST_DATABASE_URL "$PYTHON" -m pytest "$@"
sqlite_rc=$?
if [ $sqlite_rc -eq 0 ]; then sqlite_result="passed"; else sqlite_result="FAILED (exit $sqlite_rc)"; fi

# --- (c) PostgreSQL --------------------------------------------------------------------
postgres_rc=0
postgres_result="skipped (no PostgreSQL server binaries)"
pgdir=""

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
}

start_postgres() {
  bindir=$(pg_bindir)
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "no 'postgres' user to run the server as" >&2
    return 1
  fi
  pgdir=$(mktemp -d /tmp/participation-pg.XXXXXX) || return 1
  trap stop_postgres EXIT
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

if [ $sqlite_rc -eq 2 ]; then
  # pytest's "interrupted" (Ctrl-C, or collection errors the second pass would repeat).
  postgres_rc=2
  postgres_result="not run (the SQLite pass was interrupted)"
elif have_postgres; then
  say "Pass 2/2: PostgreSQL ($(pg_bindir))"
  if start_postgres; then
    TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$pgport/participation_test" \
      "$PYTHON" -m pytest "$@"
    postgres_rc=$?
    if [ $postgres_rc -eq 0 ]; then
      postgres_result="passed"
    else
      postgres_result="FAILED (exit $postgres_rc)"
    fi
  else
    postgres_rc=1
    postgres_result="FAILED (the throwaway server did not start)"
  fi
  stop_postgres
  pgdir=""
fi

browser_note=""
have_chromium || browser_note="; browser tests skipped (no $CHROMIUM)"
say "Summary: SQLite $sqlite_result; PostgreSQL $postgres_result$browser_note; total $((SECONDS / 60)) min $((SECONDS % 60)) s"
[ $sqlite_rc -eq 0 ] && [ $postgres_rc -eq 0 ]
