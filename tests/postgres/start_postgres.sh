#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests (ctest fixture `postgres`): a fresh cluster in
# DIR, listening only on 127.0.0.1 on a free port, fsync on; writes its admin URL to URL_FILE.
# Usage: start_postgres.sh DIR URL_FILE
set -euo pipefail
dir="$1"
url_file="$2"
bin="$(pg_config --bindir 2>/dev/null || true)"
[ -x "$bin/initdb" ] || bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
run_as=()
[ "$(id -u)" -eq 0 ] && run_as=(runuser -u postgres --)   # initdb refuses to run as root
if [ -f "$dir/data/postmaster.pid" ]; then
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
fi
rm -rf "$dir" "$url_file"
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
"${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=200" >/dev/null
"$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE klantstem_test" >/dev/null
echo "postgresql://postgres@127.0.0.1:$port/klantstem_test" > "$url_file"
echo "PostgreSQL on 127.0.0.1:$port ($dir)"
