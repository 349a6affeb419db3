#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL on 127.0.0.1 for the storage tests (needs root).
# usage: tools/pg_test_server.sh start DIR [PORT] | stop DIR   (prints the URL on start)
set -euo pipefail
action=$1 dir=$2 port=${3:-}
if [ "$action" = start ] && [ -z "$port" ]; then
  # A free loopback port, so a developer's own server (or a second run) is never in the way.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
case $action in
  start)
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
esac
