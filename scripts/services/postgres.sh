#!/usr/bin/env bash
# PostgreSQL 15 for Primage's storage, clustering and reminders (Debian 12, as root, no systemd).
#
#   bash scripts/services/postgres.sh up     install if missing, start, create role and database
#   bash scripts/services/postgres.sh down   stop the cluster started by `up`
#
# `up` prints only `export NAME=value` lines on stdout (.ci/run evaluates them); everything else
# goes to stderr. Safe to run again: every step checks before it acts.
set -euo pipefail

PG_VERSION=${PRIMAGE_PG_VERSION:-15}
PG_CLUSTER=${PRIMAGE_PG_CLUSTER:-main}
PG_PORT=${PRIMAGE_PG_PORT:-5432}
PG_USER=${PRIMAGE_PG_USER:-primage}
PG_PASSWORD=${PRIMAGE_PG_PASSWORD:-primage}
PG_DATABASE=${PRIMAGE_PG_DATABASE:-primage}

log() { printf 'postgres.sh: %s\n' "$*" >&2; }

as_postgres() { su postgres -s /bin/sh -c "$*"; }

install() {
  if [ -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ] && command -v pg_ctlcluster >/dev/null; then
    return
  fi
  log "installing postgresql $PG_VERSION"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
}

start() {
  if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    log "creating cluster $PG_VERSION/$PG_CLUSTER"
    pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" >&2
  fi
  # The Debian package leaves /run/postgresql to systemd-tmpfiles; create it when there is no systemd.
  install -d -o postgres -g postgres -m 2775 /run/postgresql
  if ! pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
    log "starting $PG_VERSION/$PG_CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >&2
  fi
  for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
      return
    fi
    sleep 0.5
  done
  log "PostgreSQL did not become ready on 127.0.0.1:$PG_PORT"
  exit 1
}

tune() {
  # Several silos, each with a connection pool, plus tests running in parallel need more than
  # PostgreSQL's default of 100 connections; the setting takes effect at the next start.
  local current
  current=$(as_postgres "psql -p $PG_PORT -tAc 'SHOW max_connections'")
  if [ "${current:-0}" -lt 300 ]; then
    log "raising max_connections from $current to 300 (restart)"
    as_postgres "psql -v ON_ERROR_STOP=1 -q -p $PG_PORT -c 'ALTER SYSTEM SET max_connections = 300'" >&2
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart >&2
    start
  fi
}

provision() {
  # Role and database, created only when missing; the password is (re)set each time so a changed
  # PRIMAGE_PG_PASSWORD takes effect.
  as_postgres "psql -v ON_ERROR_STOP=1 -q -p $PG_PORT" >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE "$PG_USER" LOGIN;
  END IF;
END
\$\$;
ALTER ROLE "$PG_USER" WITH LOGIN PASSWORD '$PG_PASSWORD';
SQL
  if ! as_postgres "psql -p $PG_PORT -tAc \"SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'\"" | grep -q 1; then
    log "creating database $PG_DATABASE"
    as_postgres "createdb -p $PG_PORT -O $PG_USER $PG_DATABASE" >&2
  fi
}

case "${1:-}" in
  up)
    install
    start
    tune
    provision
    log "ready on 127.0.0.1:$PG_PORT (database $PG_DATABASE, role $PG_USER)"
    echo "export PRIMAGE_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DATABASE'"
    ;;
  down)
    if pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
      pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop >&2
    fi
    ;;
  *)
    echo "usage: $0 up|down" >&2
    exit 2
    ;;
esac
