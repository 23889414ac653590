#!/usr/bin/env bash
# Starts a private, throwaway PostgreSQL cluster on loopback for the tests and
# prints its URL. Usage: .ci/start-postgres.sh DIR PORT
# PostgreSQL refuses to run as root, so as root the cluster belongs to the
# `postgres` user that Debian's package creates.
set -euo pipefail
dir=$1 port=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_owner "$bin/initdb" -D "$dir/data" -U multihead --auth=trust -E UTF8 >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
  -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "postgresql://multihead@127.0.0.1:$port/postgres"
