#!/usr/bin/env bash
# Stops what deploy/prod-local.sh (`make prod`) started, and nothing else: gunicorn and the worker by
# their pid files, then Redis and PostgreSQL only if that script had to start them.
cd "$(dirname "$0")/.."
STATE=.prod
stop_pid() {
  local file="$STATE/$1.pid"
  [ -s "$file" ] || return 0
  local pid; pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "Stopped $1 ($pid)"
  fi
  rm -f "$file"
}
stop_pid gunicorn
stop_pid worker
if [ -e "$STATE/redis.started" ]; then
  stop_pid redis
  rm -f "$STATE/redis.started"
fi
if [ -s "$STATE/postgresql.started" ]; then
  read -r version cluster < "$STATE/postgresql.started"
  pg_ctlcluster "$version" "$cluster" stop && echo "Stopped PostgreSQL $version/$cluster"
  rm -f "$STATE/postgresql.started"
fi
