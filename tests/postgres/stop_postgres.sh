#!/usr/bin/env bash
# Stops the test PostgreSQL server started by start_postgres.sh and removes its files and URL_FILE.
# Succeeds when there is nothing to stop.
# Usage: stop_postgres.sh DIR URL_FILE
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DIR URL_FILE" >&2; exit 2; }
dir="$1"
url_file="$2"

bin="$(pg_config --bindir 2>/dev/null || true)"
if [ ! -x "$bin/pg_ctl" ]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi

status=0
if [ -f "$dir/data/postmaster.pid" ]; then
  if ! "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m fast -w -t 60 >/dev/null; then
    echo "pg_ctl stop -m fast failed; stopping with -m immediate" >&2
    "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m immediate -w -t 30 >/dev/null || status=1
  fi
fi
rm -rf "$dir" "$url_file" "$url_file.tmp"
exit $status
