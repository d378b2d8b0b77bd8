#!/usr/bin/env bash
# Runs a command with Kafka and PostgreSQL up and the variables that point at them exported:
#
#   KAFKA_BOOTSTRAP_SERVERS    127.0.0.1:$KAFKA_PORT (default port 9092)
#   PARLEY_DATABASE_URL_TEST   postgresql+psycopg://parley@127.0.0.1:$PARLEY_PG_PORT/parley (default 54329)
#
# A variable already set means an external service: it is left alone and nothing is started for it.
# Afterwards, even when the command fails or is interrupted, stops what this script started (a
# broker or server that was already running stays up), and exits with the command's status.
#
#   scripts/with-infra.sh .venv/bin/pytest -x
#   scripts/with-infra.sh --kafka-only .venv/bin/python benchmarks/pipeline.py --spawn
set -euo pipefail

with_postgres=1
if [[ "${1:-}" == "--kafka-only" ]]; then
    with_postgres=0
    shift
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
started=()

stop_started() {
    local service
    for service in "${started[@]}"; do
        # Without the variables exported below, which tell the scripts to leave services alone.
        env -u KAFKA_BOOTSTRAP_SERVERS -u PARLEY_DATABASE_URL_TEST "$ROOT/scripts/$service.sh" stop || true
    done
}
trap stop_started EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts a service unless it is external or already running; remembers it for stop_started.
bring_up() {
    local service=$1
    "$ROOT/scripts/$service.sh" status >/dev/null || started+=("$service")
    "$ROOT/scripts/$service.sh" start
}

if [[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
    bring_up kafka
    export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${KAFKA_PORT:-9092}"
fi
if [[ $with_postgres == 1 && -z "${PARLEY_DATABASE_URL_TEST:-}" ]]; then
    bring_up postgres
    export PARLEY_DATABASE_URL_TEST="postgresql+psycopg://parley@127.0.0.1:${PARLEY_PG_PORT:-54329}/parley"
fi

status=0
"$@" || status=$?
exit "$status"
