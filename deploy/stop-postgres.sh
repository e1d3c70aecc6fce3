#!/usr/bin/env bash
# Stops a cluster started by deploy/start-postgres.sh.
#
# Usage: deploy/stop-postgres.sh DIR [--rm]
#   DIR   the folder given to (or printed by) start-postgres.sh (env CITYCOOP_PG_DIR)
#   --rm  also delete DIR afterwards
# Stopping a cluster that is not running is not an error.
set -euo pipefail

die() { echo "stop-postgres: error: $*" >&2; exit 1; }

dir="${CITYCOOP_PG_DIR:-}"
remove=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rm) remove=1; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) dir="$1"; shift ;;
  esac
done
[[ -n "$dir" ]] || die "which cluster? pass the folder given to start-postgres.sh"
[[ -d "$dir" ]] || { echo "stop-postgres: $dir does not exist; nothing to stop" >&2; exit 0; }
data="$dir/data"

if [[ -e "$data/PG_VERSION" ]]; then
  PG_CTL="$(command -v pg_ctl || ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V -r | head -n 1)"
  [[ -n "$PG_CTL" && -x "$PG_CTL" ]] || die "pg_ctl not found"
  if [[ "$(id -u)" -eq 0 ]]; then
    as_pg() { runuser -u postgres -- "$@"; }
  else
    as_pg() { "$@"; }
  fi
  if as_pg "$PG_CTL" status -D "$data" >/dev/null 2>&1; then
    as_pg "$PG_CTL" stop -D "$data" -m fast -w -t 60 >/dev/null \
      || as_pg "$PG_CTL" stop -D "$data" -m immediate -w -t 30 >/dev/null \
      || die "could not stop the server in $data"
    echo "stop-postgres: stopped $data" >&2
  else
    echo "stop-postgres: not running ($data)" >&2
  fi
elif [[ $remove -eq 0 ]]; then
  die "$dir holds no cluster made by start-postgres.sh"
fi

if [[ $remove -eq 1 ]]; then
  rm -rf -- "$dir"
fi
