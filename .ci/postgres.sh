#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the tests and print the URL to export as
# HAMKAR_TEST_POSTGRES_URL. Usage: eval "$(.ci/postgres.sh start DIR)"; .ci/postgres.sh stop DIR
set -euo pipefail
action=${1:?start|stop}
dir=${2:?data folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "echo 'postgresql not installed' >&2"; exit 0; }
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U hamkar -E UTF8 --locale=C.UTF-8 >/dev/null
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    echo "export HAMKAR_TEST_POSTGRES_URL=postgresql+psycopg://hamkar@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    ;;
esac
