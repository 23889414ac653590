#!/usr/bin/env bash
# Stops the Redis started by start-redis.sh and removes its directory. Usage: .ci/stop-redis.sh DIR
set -uo pipefail
dir=$1
[ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null
rm -rf "$dir"
