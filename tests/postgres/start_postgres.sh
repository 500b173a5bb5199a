#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests (the ctest fixture `postgres`, see CMakeLists.txt):
# a new cluster in DIR/data, trust authentication, listening only on 127.0.0.1 on a free port (plus a
# unix socket in DIR), fsync on (the durability tests need real commits). Creates the database
# klantstem_test and writes the admin URL postgresql://postgres@127.0.0.1:PORT/klantstem_test to
# URL_FILE. Tests create databases of their own over that URL.
#
# Usage: start_postgres.sh DIR URL_FILE
# A server left running in DIR by an earlier run is stopped first, and DIR is wiped. As root the server
# runs as the `postgres` user (initdb refuses root); otherwise as the current user.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DIR URL_FILE" >&2; exit 2; }
dir="$1"
url_file="$2"

bin="$(pg_config --bindir 2>/dev/null || true)"
if [ ! -x "$bin/initdb" ]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }

run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi

# A server left by an earlier run (killed ctest, failed cleanup): stop it before wiping its files.
if [ -f "$dir/data/postmaster.pid" ]; then
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
  pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q postgres "/proc/$pid/cmdline" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
  fi
fi
rm -rf "$dir" "$url_file"
mkdir -p "$dir"
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi

locale_args=(--locale=C)
if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then locale_args=(--locale=C.UTF-8); fi
if ! "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 "${locale_args[@]}" \
  >"$dir/initdb.log" 2>&1; then
  echo "initdb failed:" >&2
  cat "$dir/initdb.log" >&2
  exit 1
fi

# A unix socket path is limited to ~107 bytes; with a deeper DIR the server listens on TCP only.
socket_dir="$dir"
if [ "${#dir}" -gt 80 ]; then socket_dir=""; fi

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The port is free when chosen but could be taken before the server binds it: try a few.
started=""
for attempt in 1 2 3 4 5; do
  port="$(free_port)"
  if "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$socket_dir' -c fsync=on \
        -c max_connections=200 -c log_min_messages=warning" >/dev/null 2>&1; then
    started=yes
    break
  fi
  echo "PostgreSQL did not start on port $port (attempt $attempt)" >&2
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
done
if [ -z "$started" ]; then
  echo "PostgreSQL did not start; its log:" >&2
  tail -n 50 "$dir/server.log" >&2 || true
  exit 1
fi

"$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
  -c "CREATE DATABASE klantstem_test" >/dev/null

# Written last and renamed into place: a reader sees either no file or the whole URL.
echo "postgresql://postgres@127.0.0.1:$port/klantstem_test" >"$url_file.tmp"
mv "$url_file.tmp" "$url_file"
echo "$("$bin/postgres" --version) on 127.0.0.1:$port, data in $dir"
