#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and the demo, listening on 127.0.0.1 only.
#
#   scripts/postgres.sh install   apt-get install Debian's postgresql when no initdb/pg_ctl is found
#   scripts/postgres.sh start     initdb (once), start, create role and database 'parley'; waits
#                                 until pg_isready answers
#   scripts/postgres.sh stop      fast shutdown
#   scripts/postgres.sh status    exit 0 when running, 1 when not
#
# Environment: PARLEY_PG_PORT (default 54329, clear of a system cluster on 5432). When
# PARLEY_DATABASE_URL_TEST is set, an external server is in use and start/stop do nothing.
# Connect as postgresql+psycopg://parley@127.0.0.1:$PARLEY_PG_PORT/parley (trust auth, no password).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_PORT=${PARLEY_PG_PORT:-54329}
START_TIMEOUT=60
ROLE=parley
DATABASE=parley

say() { echo "postgres: $*"; }
die() { echo "postgres: error: $*" >&2; exit 1; }

external_server() {
    if [[ -n "${PARLEY_DATABASE_URL_TEST:-}" ]]; then
        say "PARLEY_DATABASE_URL_TEST is set: using that external server, nothing to $1"
        return 0
    fi
    return 1
}

# Debian installs server binaries outside PATH, one directory per major version; what PATH holds
# may be symlinks into such a directory or Debian's pg_wrapper, so look for the real directory.
find_bin_dir() {
    local dir candidates
    candidates=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -Vr)
    if command -v pg_ctl >/dev/null; then
        candidates+=$'\n'$(dirname "$(readlink -f "$(command -v pg_ctl)")")
    fi
    for dir in $candidates; do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/pg_isready" && -x "$dir/psql" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' OS user.
as_server_user() {
    if ((EUID == 0)); then
        # From /, since the caller's directory may be one that user cannot enter.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# .run/postgres when the server user can reach it; otherwise (a checkout under a directory that
# user may not enter) a directory in /tmp named after this checkout.
state_dir() {
    local in_repo="$ROOT/.run/postgres"
    if ((EUID != 0)); then
        echo "$in_repo"
        return 0
    fi
    mkdir -p "$ROOT/.run"
    chmod a+x "$ROOT/.run"
    if runuser -u postgres -- test -x "$ROOT/.run"; then
        echo "$in_repo"
    else
        echo "/tmp/parley-postgres-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
    fi
}

BIN=""
STATE=""
DATA=""
init_paths() {
    BIN=$(find_bin_dir) || die "PostgreSQL server binaries not found: run '$0 install'"
    STATE=$(state_dir)
    DATA="$STATE/data"
}

is_running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_server_user "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

# The port the running server was started with.
running_port() {
    sed -n 's/^port = //p' "$DATA/parley.conf"
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

psql_admin() {
    "$BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

cmd_install() {
    local dir
    if dir=$(find_bin_dir); then
        say "PostgreSQL $("$dir/pg_ctl" --version | awk '{print $3}') found in $dir"
        return 0
    fi
    ((EUID == 0)) || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
    say "installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    dir=$(find_bin_dir) || die "postgresql installed, yet no initdb/pg_ctl under /usr/lib/postgresql"
    say "installed PostgreSQL in $dir"
}

init_cluster_once() {
    [[ -f "$DATA/PG_VERSION" ]] && return 0
    mkdir -p "$STATE"
    ((EUID != 0)) || chown postgres:postgres "$STATE"
    as_server_user "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --no-locale -E UTF8 \
        >"$STATE/initdb.log" 2>&1 || { cat "$STATE/initdb.log" >&2; die "initdb failed"; }
    as_server_user tee "$DATA/pg_hba.conf" >/dev/null <<'EOF'
# Written by scripts/postgres.sh: the server listens on loopback only, and trusts it.
host all all 127.0.0.1/32 trust
EOF
    echo "include = 'parley.conf'" | as_server_user tee -a "$DATA/postgresql.conf" >/dev/null
    say "initialised a cluster in $DATA"
}

# Rewritten on every start so that PARLEY_PG_PORT takes effect without a new initdb.
write_server_settings() {
    as_server_user tee "$DATA/parley.conf" >/dev/null <<EOF
# Written by scripts/postgres.sh on each start.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
# Throwaway test and demo data: trade crash safety for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

wait_until_ready() {
    local deadline=$((SECONDS + START_TIMEOUT))
    until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; do
        ((SECONDS < deadline)) || { tail -n 20 "$STATE/postgres.log" >&2; die "no answer on port $PG_PORT"; }
        sleep 0.5
    done
}

ensure_role_and_database() {
    [[ -n $(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'") ]] ||
        psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB"
    [[ -n $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'") ]] ||
        psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"
}

# Serialises start and stop; fd 9 stays open (and locked) until this script exits.
lock() {
    mkdir -p "$ROOT/.run"
    exec 9>"$ROOT/.run/postgres.lock"
    flock 9
}

cmd_start() {
    external_server start && return 0
    find_bin_dir >/dev/null || cmd_install
    init_paths
    lock
    if is_running; then
        [[ "$(running_port)" == "$PG_PORT" ]] ||
            die "already running on port $(running_port), not $PG_PORT: run '$0 stop' first"
        wait_until_ready
        ensure_role_and_database
        say "already running on 127.0.0.1:$PG_PORT"
        return 0
    fi
    ! port_in_use "$PG_PORT" || die "127.0.0.1:$PG_PORT is taken by another process (see PARLEY_PG_PORT)"
    init_cluster_once
    write_server_settings
    # 9>&-: the server must not inherit the lock, or it would hold it for as long as it runs.
    as_server_user "$BIN/pg_ctl" -D "$DATA" -l "$STATE/postgres.log" -w -t "$START_TIMEOUT" start >/dev/null 9>&- ||
        { tail -n 20 "$STATE/postgres.log" >&2; die "the server did not start"; }
    wait_until_ready
    ensure_role_and_database
    say "up on 127.0.0.1:$PG_PORT, database '$DATABASE' for role '$ROLE' (data in $DATA)"
}

cmd_stop() {
    external_server stop && return 0
    find_bin_dir >/dev/null || { say "not installed, so not running"; return 0; }
    init_paths
    lock
    if ! is_running; then
        say "not running"
        return 0
    fi
    as_server_user "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null ||
        as_server_user "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null
    say "stopped"
}

cmd_status() {
    find_bin_dir >/dev/null || { say "not installed"; return 1; }
    init_paths
    if is_running; then
        say "running on 127.0.0.1:$(running_port) (data in $DATA)"
        return 0
    fi
    say "not running"
    return 1
}

case "${1:-}" in
install | start | stop | status) "cmd_$1" ;;
*)
    echo "usage: $0 {install|start|stop|status}" >&2
    exit 2
    ;;
esac
