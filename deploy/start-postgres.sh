#!/usr/bin/env bash
# Starts a throwaway local PostgreSQL cluster for CI, tests and anyone trying the production provider.
#
# Usage: deploy/start-postgres.sh [--dir DIR] [--port PORT]
#   --dir DIR    folder for the cluster (env CITYCOOP_PG_DIR; default: a new mktemp folder).
#                It holds data/ (the cluster), socket/ (the Unix socket), postgres.log and port.
#                An existing cluster in DIR is reused: started if stopped, left alone if running.
#   --port PORT  TCP port on 127.0.0.1 (env CITYCOOP_PG_PORT; default: the port DIR's cluster used
#                before, else a free port).
#
# Authentication is "trust" for local and 127.0.0.1/::1 connections, so there is no password:
# this is for throwaway clusters on one machine, never for a real deployment.
# The server listens on 127.0.0.1 only and runs with fsync off (fast, not crash-safe).
#
# Progress goes to stderr. The LAST line of stdout is the connection string of database citycoop:
#   Host=127.0.0.1;Port=PORT;Username=postgres;Database=citycoop
# so `conn=$(deploy/start-postgres.sh --dir "$dir" | tail -n 1)` works.
# Stop with: deploy/stop-postgres.sh DIR [--rm]
#
# As root, initdb/pg_ctl run as the `postgres` user (initdb refuses root) via runuser and DIR is
# given to that user; as any other user they run directly.
set -euo pipefail

die() { echo "start-postgres: error: $*" >&2; exit 1; }
info() { echo "start-postgres: $*" >&2; }

dir="${CITYCOOP_PG_DIR:-}"
port="${CITYCOOP_PG_PORT:-}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir|--data-dir) [[ $# -ge 2 ]] || die "$1 needs a value"; dir="$2"; shift 2 ;;
    --dir=*|--data-dir=*) dir="${1#*=}"; shift ;;
    --port) [[ $# -ge 2 ]] || die "$1 needs a value"; port="$2"; shift 2 ;;
    --port=*) port="${1#*=}"; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
if [[ -n "$port" && ! "$port" =~ ^[0-9]+$ ]]; then die "port '$port' is not a number"; fi

# Find the PostgreSQL server binaries: PATH first, then Debian's versioned folders.
find_bin() {
  local name="$1" candidate
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$candidate/$name" ]]; then echo "$candidate/$name"; return 0; fi
  done
  return 1
}
INITDB="$(find_bin initdb)" || die "initdb not found (install PostgreSQL: apt-get install -y postgresql)"
PG_CTL="$(find_bin pg_ctl)" || die "pg_ctl not found (install PostgreSQL: apt-get install -y postgresql)"
PSQL="$(find_bin psql)" || die "psql not found (install PostgreSQL client: apt-get install -y postgresql-client)"

# As root run the server tools as `postgres`; otherwise as ourselves.
if [[ "$(id -u)" -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server as"
  command -v runuser >/dev/null 2>&1 || die "running as root but runuser is missing"
  as_pg() { runuser -u postgres -- "$@"; }
  owner="postgres"
else
  as_pg() { "$@"; }
  owner="$(id -un)"
fi

if [[ -z "$dir" ]]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/citycoop-pg.XXXXXX")"
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
data="$dir/data"
sock="$dir/socket"
log="$dir/postgres.log"

if [[ -e "$dir/PG_VERSION" ]]; then
  die "$dir is itself a PostgreSQL data folder; pass the folder that should hold data/ instead"
fi
if [[ ! -e "$data/PG_VERSION" ]] && [[ -n "$(ls -A "$dir")" ]]; then
  die "$dir is not empty and holds no cluster made by this script; use an empty or new folder"
fi
mkdir -p "$sock"
if [[ "$(id -u)" -eq 0 ]]; then
  chown -R postgres: "$dir"
  chmod 700 "$dir"
fi
as_pg test -w "$dir" -a -x "$dir" \
  || die "user $owner cannot write $dir (its parent folders must be searchable by $owner)"

is_running() { as_pg "$PG_CTL" status -D "$data" >/dev/null 2>&1; }

port_in_use() {
  # Something answers on 127.0.0.1:$1 (bash's /dev/tcp; no extra tools needed).
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_free_port() {
  local p
  if command -v python3 >/dev/null 2>&1; then
    p="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    if [[ -n "$p" ]] && ! port_in_use "$p"; then echo "$p"; return 0; fi
  fi
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
  done
  return 1
}

if [[ ! -e "$data/PG_VERSION" ]]; then
  info "initdb in $data (as $owner)"
  as_pg "$INITDB" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_pg "$INITDB" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed (log above, also in $dir/initdb.log)"; }
  # Settings for a throwaway test server: many short-lived databases and connection pools (each test server keeps one
  # open until its class ends; 300 ran out once the suite passed 480 tests), no durability, and statement statistics
  # (pg_stat_statements: the benchmark counts statements per action; `CREATE EXTENSION pg_stat_statements` to read them).
  # random_page_cost 1.1 as for a database that fits in memory or sits on SSD (README "Scaling"): at the default 4 the
  # planner read all 100,000 instances for a platform's inbox instead of looking up its 2,013 tasks' instances.
  as_pg tee -a "$data/postgresql.conf" >/dev/null <<'EOF'

# --- added by deploy/start-postgres.sh (throwaway cluster) ---
max_connections = 1000
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track_utility = on
fsync = off
synchronous_commit = off
full_page_writes = off
random_page_cost = 1.1
EOF
fi

if is_running; then
  [[ -s "$dir/port" ]] || die "a server is running on $data but its port is unknown ($dir/port missing)"
  running_port="$(cat "$dir/port")"
  if [[ -n "$port" && "$port" != "$running_port" ]]; then
    die "the cluster in $dir is already running on port $running_port, not $port; stop it first"
  fi
  port="$running_port"
  info "already running on 127.0.0.1:$port ($dir)"
else
  if [[ -z "$port" && -s "$dir/port" ]] && ! port_in_use "$(cat "$dir/port")"; then
    port="$(cat "$dir/port")"
  fi
  if [[ -z "$port" ]]; then
    port="$(pick_free_port)" || die "found no free TCP port on 127.0.0.1"
  elif port_in_use "$port"; then
    die "port $port on 127.0.0.1 is already in use; pick another with --port or omit it"
  fi
  echo "$port" | as_pg tee "$dir/port" >/dev/null
  info "starting PostgreSQL on 127.0.0.1:$port (log: $log)"
  if ! as_pg "$PG_CTL" start -D "$data" -l "$log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $sock" >/dev/null 2>&1; then
    tail -n 30 "$log" >&2 2>/dev/null || true
    die "pg_ctl start failed (log above, full log in $log)"
  fi
fi

# Create database citycoop unless it exists (over TCP: trust auth, works for any OS user).
export PGCONNECT_TIMEOUT=10
exists="$("$PSQL" -h 127.0.0.1 -p "$port" -U postgres -d postgres -XtAq \
  -c "select 1 from pg_database where datname = 'citycoop'")" \
  || die "cannot connect to the server on 127.0.0.1:$port (see $log)"
if [[ "$exists" != "1" ]]; then
  "$PSQL" -h 127.0.0.1 -p "$port" -U postgres -d postgres -XqA -v ON_ERROR_STOP=1 \
    -c "create database citycoop" >&2 || die "could not create database citycoop"
fi

info "ready; folder $dir; stop with: $(dirname "$0")/stop-postgres.sh $dir"
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=citycoop"
