#!/usr/bin/env bash
# `make demo`: the whole pipeline on this machine. Starts Kafka (unless KAFKA_BOOTSTRAP_SERVERS
# names a cluster), the four services under honcho (Procfile), ingests seeds/, waits until the
# engagements are queryable, prints where to look, and runs until Ctrl-C, then stops what it started.
#
# The database is SQLite at .run/parley.db unless DATABASE_URL says otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PATH="$ROOT/.venv/bin:$PATH"
export DATABASE_URL=${DATABASE_URL:-sqlite:///$ROOT/.run/parley.db}
API_URL="http://127.0.0.1:${API_PORT:-8000}"
INGEST_URL="http://127.0.0.1:${INGEST_PORT:-8001}"
WAIT_SECONDS=${DEMO_WAIT_SECONDS:-120}
mkdir -p .run

say() { echo "demo: $*"; }

started_kafka=0
honcho_pid=""
cleanup() {
    trap - EXIT INT TERM
    if [[ -n "$honcho_pid" ]] && kill -0 "$honcho_pid" 2>/dev/null; then
        say "stopping the services"
        kill -TERM "$honcho_pid" 2>/dev/null || true
        wait "$honcho_pid" 2>/dev/null || true
    fi
    if [[ $started_kafka == 1 ]]; then
        scripts/kafka.sh stop
    fi
}
trap cleanup EXIT INT TERM

if [[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
    if ! scripts/kafka.sh status >/dev/null 2>&1; then
        scripts/kafka.sh fetch
        scripts/kafka.sh start
        started_kafka=1
    else
        say "a Kafka broker of this checkout is already running: using it"
    fi
fi

say "starting ingest, extract, store and api (logs: .run/services.log)"
honcho start -f Procfile >.run/services.log 2>&1 &
honcho_pid=$!

wait_for() {  # url, name
    local deadline=$((SECONDS + WAIT_SECONDS))
    until curl -fsS "$1" >/dev/null 2>&1; do
        if ((SECONDS > deadline)) || ! kill -0 "$honcho_pid" 2>/dev/null; then
            say "$2 did not become healthy; last lines of .run/services.log:"
            tail -n 40 .run/services.log >&2
            exit 1
        fi
        sleep 1
    done
}
wait_for "$INGEST_URL/health" ingest
wait_for "$API_URL/health" api
wait_for "http://127.0.0.1:${EXTRACT_OPS_PORT:-8002}/health" extract
wait_for "http://127.0.0.1:${STORE_OPS_PORT:-8003}/health" store

say "ingesting seeds/"
parley ingest seeds/ --url "$INGEST_URL"

python - "$API_URL" "$WAIT_SECONDS" <<'PY'
"""Wait until the seeds' engagements are queryable, then print a short summary."""
import sys
import time
from collections import Counter

import httpx

api, wait = sys.argv[1], float(sys.argv[2])
deadline = time.monotonic() + wait
items: list[dict] = []
stable = 0
while time.monotonic() < deadline and stable < 3:  # settled: the same count three polls running
    page = httpx.get(f"{api}/engagements", params={"limit": 500}, timeout=10).json()
    stable = stable + 1 if items and len(page["items"]) == len(items) else 0
    items = page["items"]
    time.sleep(1)
if not items:
    sys.exit("demo: no engagements reached the API in time; see .run/services.log")
print(f"\ndemo: {len(items)} engagements queryable at {api}/engagements (docs: {api}/docs)")
print("demo: by type:", dict(Counter(e["type"] for e in items)), " by status:", dict(Counter(e["status"] for e in items)))
for e in items[:8]:
    names = ", ".join(p["name"] for p in e["participants"])
    when = (e.get("date") or {}).get("start") or "undated"
    where = (e.get("location") or {}).get("name") or "-"
    print(f"  {when:10}  {e['type']:8} {e['status']:9} {names}  @ {where}")
PY

say "API on $API_URL (docs $API_URL/docs), ingest on $INGEST_URL; 'parley tail' follows new engagements."
say "running; press Ctrl-C to stop everything"
wait "$honcho_pid"
