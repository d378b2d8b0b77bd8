#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft, broker+controller in one JVM) built from Maven Central jars,
# for tests and the demo on machines without Docker.
#
#   scripts/kafka.sh fetch    download the broker's jars into .cache/kafka/<version>/libs (once)
#   scripts/kafka.sh start    format storage (once) and start the broker; waits until it serves
#   scripts/kafka.sh stop     SIGTERM, then SIGKILL if it has not exited after a while
#   scripts/kafka.sh status   exit 0 when running, 1 when not
#
# Environment: KAFKA_PORT (default 9092), KAFKA_CONTROLLER_PORT (default 9093),
# KAFKA_START_TIMEOUT seconds (default 90). When KAFKA_BOOTSTRAP_SERVERS is set, an external
# cluster is in use and start/stop do nothing. Data, logs and the pid file live in .run/kafka/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TEMPLATES="$ROOT/scripts/kafka"
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$TEMPLATES/pom.xml")
LIBS="$ROOT/.cache/kafka/$KAFKA_VERSION/libs"
RUN_DIR="$ROOT/.run/kafka"
DATA_DIR="$RUN_DIR/data"
LOG_DIR="$RUN_DIR/logs"
PID_FILE="$RUN_DIR/kafka.pid"
CONFIG="$RUN_DIR/server.properties"
# The configuration the storage was formatted with; a different one means formatting again.
FORMATTED_CONFIG="$RUN_DIR/server.properties.formatted"
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
STOP_TIMEOUT=30
READY_LINE='Kafka Server started'

say() { echo "kafka: $*"; }
die() { echo "kafka: error: $*" >&2; exit 1; }

JAVA=(java -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
    -Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$TEMPLATES/log4j2.properties"
    -cp "$LIBS/*")

external_cluster() {
    if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
        say "KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS is set: using that external cluster, nothing to $1"
        return 0
    fi
    return 1
}

# Prints the broker's pid when the pid file names a live broker of this checkout. Checking the
# command line guards against signalling an unrelated process that reused a stale pid.
running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid=$(<"$PID_FILE")
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$CONFIG" || return 1
    echo "$pid"
}

# The client port of the running broker, from the configuration it was started with.
running_port() {
    sed -n 's|^listeners=PLAINTEXT://127.0.0.1:\([0-9]*\),.*|\1|p' "$CONFIG"
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

show_log_tail() {
    local file
    for file in "$LOG_DIR/stdout.log" "$LOG_DIR/server.log"; do
        [[ -s "$file" ]] || continue
        echo "---- last lines of $file ----" >&2
        tail -n 20 "$file" >&2
    done
    # The cause is usually a few ERROR lines followed by a long stack trace and shutdown noise.
    if grep -qE '^\[[^]]*\] (ERROR|FATAL) ' "$LOG_DIR/server.log" 2>/dev/null; then
        echo "---- first errors in $LOG_DIR/server.log ----" >&2
        grep -E '^\[[^]]*\] (ERROR|FATAL) ' "$LOG_DIR/server.log" | head -n 5 | cut -c1-400 >&2
    fi
}

cmd_fetch() {
    if [[ -f "$LIBS/.complete" ]]; then
        say "Kafka $KAFKA_VERSION jars already in ${LIBS#"$ROOT/"}"
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found: install Maven (Debian package 'maven')"
    say "downloading Kafka $KAFKA_VERSION and its dependencies from Maven Central (~45 MB, first time only)"
    local started=$SECONDS staging="$LIBS.partial" mvn_log
    mvn_log=$(mktemp)
    rm -rf "$staging"
    if ! mvn -B -q -f "$TEMPLATES/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$staging" >"$mvn_log" 2>&1; then
        cat "$mvn_log" >&2
        rm -f "$mvn_log"
        die "Maven could not resolve the broker's dependencies (output above)"
    fi
    rm -f "$mvn_log"
    check_log4j_binding "$staging"
    rm -rf "$LIBS"
    mv "$staging" "$LIBS"
    touch "$LIBS/.complete"
    say "fetched $(find "$LIBS" -name '*.jar' | wc -l) jars ($(du -sh "$LIBS" | cut -f1)) in $((SECONDS - started))s"
}

# The SLF4J binding is pinned in the pom while log4j-core comes with Kafka; a mismatch after a
# Kafka upgrade would fail at run time in confusing ways, so catch it here.
check_log4j_binding() {
    local core binding
    core=$(find "$1" -name 'log4j-core-*.jar' -printf '%f\n' | sed 's/^log4j-core-\(.*\)\.jar$/\1/')
    binding=$(find "$1" -name 'log4j-slf4j-impl-*.jar' -printf '%f\n' | sed 's/^log4j-slf4j-impl-\(.*\)\.jar$/\1/')
    [[ -n "$core" && "$core" == "$binding" ]] ||
        die "log4j-slf4j-impl ($binding) must match the log4j-core Kafka brings ($core): set log4j.version in scripts/kafka/pom.xml"
}

render_config() {
    sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
        -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
        -e "s|@DATA_DIR@|$DATA_DIR|g" \
        "$TEMPLATES/server.properties.template" >"$CONFIG"
}

format_storage_once() {
    if [[ -f "$DATA_DIR/meta.properties" ]] && cmp -s "$CONFIG" "$FORMATTED_CONFIG"; then
        return 0
    fi
    if [[ -d "$DATA_DIR" ]]; then
        say "configuration changed since the storage was formatted: wiping ${DATA_DIR#"$ROOT/"}"
        rm -rf "$DATA_DIR"
    fi
    local cluster_id
    cluster_id=$("${JAVA[@]}" kafka.tools.StorageTool random-uuid)
    "${JAVA[@]}" kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$CONFIG" >"$LOG_DIR/format.log" 2>&1 ||
        { cat "$LOG_DIR/format.log" >&2; die "formatting the KRaft storage failed"; }
    cp "$CONFIG" "$FORMATTED_CONFIG"
    say "formatted KRaft storage (cluster id $cluster_id)"
}

wait_until_serving() {
    local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
    until grep -qF "$READY_LINE" "$LOG_DIR/server.log" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            show_log_tail
            rm -f "$PID_FILE"
            die "the broker exited during start-up (logs in ${LOG_DIR#"$ROOT/"})"
        fi
        if ((SECONDS >= deadline)); then
            show_log_tail
            die "the broker did not start within ${START_TIMEOUT}s (pid $pid still running; logs in ${LOG_DIR#"$ROOT/"})"
        fi
        sleep 0.5
    done
}

# Serialises start and stop; fd 9 stays open (and locked) until this script exits.
lock() {
    mkdir -p "$RUN_DIR"
    exec 9>"$RUN_DIR/.lock"
    flock 9
}

cmd_start() {
    external_cluster start && return 0
    lock
    local pid port
    if pid=$(running_pid); then
        port=$(running_port)
        [[ "$port" == "$KAFKA_PORT" ]] ||
            die "already running (pid $pid) on port $port, not $KAFKA_PORT: run '$0 stop' first"
        say "already running (pid $pid) on 127.0.0.1:$port"
        return 0
    fi
    command -v java >/dev/null || die "java not found: install Java 17 or newer (e.g. Debian's openjdk-17-jre-headless)"
    for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
        ! port_in_use "$port" || die "127.0.0.1:$port is taken by another process (see KAFKA_PORT, KAFKA_CONTROLLER_PORT)"
    done
    cmd_fetch
    mkdir -p "$LOG_DIR"
    render_config
    format_storage_once
    # Each start gets fresh logs, so the readiness check cannot match a line from an earlier run.
    rm -f "$LOG_DIR/server.log" "$LOG_DIR/stdout.log"
    # setsid: the broker outlives this script and ignores Ctrl-C aimed at the caller's terminal.
    # It execs java in place (this background job is no process-group leader), so $! is the JVM.
    setsid "${JAVA[@]}" kafka.Kafka "$CONFIG" </dev/null >"$LOG_DIR/stdout.log" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    local started=$SECONDS
    wait_until_serving "$pid"
    say "broker up on 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT, pid $pid) in $((SECONDS - started))s"
}

cmd_stop() {
    external_cluster stop && return 0
    lock
    local pid
    if ! pid=$(running_pid); then
        say "not running"
        rm -f "$PID_FILE"
        return 0
    fi
    kill -TERM "$pid"
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            say "no exit ${STOP_TIMEOUT}s after SIGTERM: sending SIGKILL to $pid"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.5
    done
    rm -f "$PID_FILE"
    say "stopped (pid $pid)"
}

cmd_status() {
    local pid
    if pid=$(running_pid); then
        say "running (pid $pid) on 127.0.0.1:$(running_port)"
        return 0
    fi
    say "not running"
    return 1
}

case "${1:-}" in
fetch | start | stop | status) "cmd_$1" ;;
*)
    echo "usage: $0 {fetch|start|stop|status}" >&2
    exit 2
    ;;
esac
