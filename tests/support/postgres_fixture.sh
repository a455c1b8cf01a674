#!/usr/bin/env bash
# A private PostgreSQL for the integration tests: a fresh cluster in a temp directory,
# listening only on 127.0.0.1 at a free port, with its unix socket in the same
# directory. Uses Debian's server binaries (package `postgresql`).
#
#   postgres_fixture.sh start <state-dir> [url-file]   # url-file defaults to <state-dir>/postgres-url.txt
#   postgres_fixture.sh stop  <state-dir>
#
# As root the server runs as the `postgres` OS user (initdb refuses root).
set -euo pipefail

die() { printf 'postgres fixture: %s\n' "$*" >&2; exit 1; }

ACTION="${1:-}"
STATE_DIR="${2:-}"
[ -n "$ACTION" ] && [ -n "$STATE_DIR" ] || die "usage: $0 start|stop <state-dir> [url-file]"
URL_FILE="${3:-$STATE_DIR/postgres-url.txt}"
DB_NAME="videopro_test"

find_bindir() {
  local dir
  if [ -n "${VP_POSTGRES_BINDIR:-}" ]; then  # override, e.g. another major version
    [ -x "$VP_POSTGRES_BINDIR/initdb" ] && [ -x "$VP_POSTGRES_BINDIR/pg_ctl" ] && echo "$VP_POSTGRES_BINDIR"
    return
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

as_owner() {  # run a command as the cluster's OS user
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_free() {  # nothing listens on 127.0.0.1:$1
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_cluster() {
  local cluster="$1" bindir="$2"
  [ -f "$cluster/data/postmaster.pid" ] || return 0
  as_owner "$bindir/pg_ctl" -D "$cluster/data" -m fast -t 30 -w stop >/dev/null 2>&1 ||
    as_owner "$bindir/pg_ctl" -D "$cluster/data" -m immediate -t 10 -w stop >/dev/null 2>&1 || true
}

start() {
  local bindir cluster port attempt
  bindir="$(find_bindir)" || die "PostgreSQL server binaries (initdb, pg_ctl) not found under ${VP_POSTGRES_BINDIR:-/usr/lib/postgresql/*/bin}; install Debian's 'postgresql' package (scripts/deps/apt-packages.txt)"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "the 'postgres' OS user is missing; reinstall Debian's 'postgresql' package"
  fi
  mkdir -p "$STATE_DIR"
  [ -f "$STATE_DIR/cluster-dir" ] && stop >/dev/null 2>&1 || true
  rm -f "$URL_FILE"

  # The cluster lives under /tmp so that the postgres user can reach it whatever the
  # permissions of the build directory.
  cluster="$(mktemp -d /tmp/videopro-pg.XXXXXX)"
  echo "$cluster" >"$STATE_DIR/cluster-dir"
  echo "$bindir" >"$STATE_DIR/bindir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$cluster"
  chmod 700 "$cluster"

  as_owner "$bindir/initdb" -D "$cluster/data" -U postgres --auth=trust -E UTF8 --locale=C \
    --no-sync >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; die "initdb failed"; }

  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_free "$port" || continue
    if as_owner "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      break
    fi
    port=""
    grep -q "could not bind" "$cluster/server.log" 2>/dev/null || { tail -20 "$cluster/server.log" >&2 || true; die "pg_ctl start failed"; }
  done
  [ -n "$port" ] || die "no free port found for PostgreSQL after $attempt attempts"
  echo "$port" >"$STATE_DIR/port"

  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME" ||
    { stop_cluster "$cluster" "$bindir"; die "could not create database $DB_NAME"; }

  echo "postgresql://postgres@127.0.0.1:$port/$DB_NAME" >"$URL_FILE"
  echo "PostgreSQL $(basename "$(dirname "$bindir")") listening on 127.0.0.1:$port (cluster $cluster); URL in $URL_FILE"
}

stop() {
  [ -f "$STATE_DIR/cluster-dir" ] || { echo "no PostgreSQL fixture running for $STATE_DIR"; return 0; }
  local cluster bindir
  cluster="$(cat "$STATE_DIR/cluster-dir")"
  bindir="$(cat "$STATE_DIR/bindir" 2>/dev/null || find_bindir || true)"
  [ -n "$bindir" ] && stop_cluster "$cluster" "$bindir"
  case "$cluster" in /tmp/videopro-pg.*) rm -rf "$cluster" ;; esac
  rm -f "$STATE_DIR/cluster-dir" "$STATE_DIR/bindir" "$STATE_DIR/port" "$URL_FILE"
  echo "PostgreSQL fixture stopped"
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  *) die "unknown action '$ACTION'; use start or stop" ;;
esac
