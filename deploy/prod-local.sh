#!/usr/bin/env bash
# `make prod`: the production shape on this machine. PostgreSQL and Redis from Debian's packages
# (installed and started if missing), migrations, collectstatic, demo data into an empty database,
# then gunicorn (production settings, 127.0.0.1:8000) and the task worker. Ctrl-C, or
# `make prod-stop` from another shell, stops everything this script started.
# Needs root for apt-get and the PostgreSQL cluster (as `.ci/run` does).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
STATE=.prod                       # pid files, the generated secret, logs
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
DB_NAME=${PROD_DB_NAME:-achyk_prod}
DB_USER=${PROD_DB_USER:-achyk_prod}
DB_PASSWORD=${PROD_DB_PASSWORD:-achyk_prod}
REDIS_PORT=${PROD_REDIS_PORT:-6379}
mkdir -p "$STATE"
export DEBIAN_FRONTEND=noninteractive

# --- Services from Debian's packages.
missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

pg_version=$(ls /usr/lib/postgresql | sort -V | tail -1)
pg_lsclusters -h | grep -q "^$pg_version main" || pg_createcluster "$pg_version" main >/dev/null
if ! pg_lsclusters -h | grep -q "^$pg_version main .* online"; then
  pg_ctlcluster "$pg_version" main start
  echo "$pg_version main" > "$STATE/postgresql.started"
fi
pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main"{print $3; exit}')
psql_admin() { su postgres -c "psql -p $pg_port -qtAc \"$1\""; }
psql_admin "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'" | grep -q 1 \
  || psql_admin "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
psql_admin "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1 \
  || psql_admin "CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0"

if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
    --pidfile "$PWD/$STATE/redis.pid" --logfile "$PWD/$STATE/redis.log" --dir "$PWD/$STATE"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  touch "$STATE/redis.started"
fi

# --- The environment production reads (deploy/env.example lists every variable).
[ -s "$STATE/secret_key" ] || $PY -c "import secrets; print(secrets.token_urlsafe(50))" > "$STATE/secret_key"
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY; SECRET_KEY=$(cat "$STATE/secret_key")
export ALLOWED_HOSTS="$HOST,localhost,127.0.0.1"
export CSRF_TRUSTED_ORIGINS="http://$HOST:$PORT,http://localhost:$PORT"
export DATABASE_URL="postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$pg_port/$DB_NAME"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export WAGTAILADMIN_BASE_URL="http://$HOST:$PORT"
export GUNICORN_BIND="$HOST:$PORT"
# Plain HTTP on this machine: no TLS proxy in front, so no HTTPS redirect, secure cookies or HSTS.
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0
# No nginx here: Django serves the demo images itself (never the documents).
export SERVE_MEDIA=true
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend

# --- The application.
$PY manage.py compile_catalogues
$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput -v0
$PY manage.py load_demo_data --if-empty
# The scale set for `make loadtest`: PROD_GENERATED_INSTITUTIONS=5000 adds that many generated
# institutions (demo/generator.py) once, not again while the database holds that many.
if [ "${PROD_GENERATED_INSTITUTIONS:-0}" -gt 0 ]; then
  have=$($PY manage.py shell -v 0 -c "from institutions.models import InstitutionPage; print(InstitutionPage.objects.count())" | tail -n 1)
  [ "$have" -ge "$PROD_GENERATED_INSTITUTIONS" ] || $PY manage.py generate_institutions --count "$PROD_GENERATED_INSTITUTIONS" -v0
fi
$PY manage.py ensure_admin  # prints the admin login (demo users are for development only)
$PY manage.py sync_roles
$PY manage.py refresh_transparency_scores
[ -z "${ELASTICSEARCH_URL:-}" ] || $PY manage.py rebuild_search_index

stop_all() {
  trap - INT TERM EXIT
  bash deploy/prod-stop.sh
}
trap stop_all INT TERM EXIT

$PY manage.py task_worker --interval 1 > "$STATE/worker.log" 2>&1 &
echo $! > "$STATE/worker.pid"
.venv/bin/gunicorn -c deploy/gunicorn.conf.py --pid "$STATE/gunicorn.pid" config.wsgi &
gunicorn_pid=$!
echo "Serving http://$HOST:$PORT/ with gunicorn (production settings); worker log: $STATE/worker.log"
echo "Stop with Ctrl-C or: make prod-stop"
wait "$gunicorn_pid"
