#!/usr/bin/env bash
# Starts a private, throwaway Redis on loopback for the tests (no persistence)
# and prints its URL. Usage: .ci/start-redis.sh DIR PORT
set -euo pipefail
dir=$1 port=$2
mkdir -p "$dir"
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
for _ in $(seq 1 50); do
  redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
  sleep 0.1
done
redis-cli -p "$port" ping | grep -q PONG
echo "redis://127.0.0.1:$port"
