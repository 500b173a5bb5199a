#!/usr/bin/env bash
# Stops the test PostgreSQL server started by start_postgres.sh and removes its files.
# Usage: stop_postgres.sh DIR URL_FILE
set -uo pipefail
dir="$1"
url_file="$2"
bin="$(pg_config --bindir 2>/dev/null || true)"
[ -x "$bin/pg_ctl" ] || bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
run_as=()
[ "$(id -u)" -eq 0 ] && run_as=(runuser -u postgres --)
[ -f "$dir/data/postmaster.pid" ] && "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null
rm -rf "$dir" "$url_file"
