#!/usr/bin/env bash
# Stops and removes a cluster started by .ci/start-postgres.sh. Usage: .ci/stop-postgres.sh DIR
set -euo pipefail
dir=$1
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null
else "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null; fi
rm -rf "$dir"
