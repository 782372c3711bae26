#!/usr/bin/env bash
# Benchmark of the data plane beside nginx and HAProxy (../shared/bench/proxy-compare.sh). Builds nothing.
# Starts the packaged proxy pinned to CPU 0, a registrar for each of the harness's two nginx backends (127.0.0.1:18081
# and :18082; each registers once its backend listens), runs the comparison, stops what it started.
#
#   bench/run.sh                      # ~8 minutes; the table is printed and kept in bench/results/<timestamp>/
#   JAVA_OPTS="..." bench/run.sh      # other JVM flags (default below)
#   BASELINE_JAR=/old/inteli-proxy.jar bench/run.sh
#                                     # a before/after run: that build of the proxy (its libs/ beside it) as a fourth
#                                     # target, "inteli-before", pinned to the same CPU and fed by the same registrars
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/proxy/target/inteli-proxy.jar"
REGISTRAR="$ROOT/registrar/target/inteli-registrar.jar"
HARNESS="$ROOT/../shared/bench/proxy-compare.sh"
DATA_PORT=${DATA_PORT:-18100}
CONTROL_PORT=${CONTROL_PORT:-18143}
# One CPU, as nginx and HAProxy get: ParallelGC (SerialGC would be chosen for 1 CPU), a fixed, touched heap so that
# no time goes to resizing it, and two virtual-thread carriers as bin/inteli-proxy sets them.
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseParallelGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch -Djdk.virtualThreadScheduler.parallelism=2"}
# The JIT shares the one CPU with the load: measured, the proxy's CPU per request kept falling for about a minute
# (the rounds themselves warm it further; each target gets this per body size).
INITIAL_WARMUP=${INITIAL_WARMUP:-30}
# Before the harness, the proxy is warmed for PREWARM seconds with both bodies at once, on two nginx backends started
# here from the harness's own configuration and stopped again. The harness warms one body after the other, and
# each switch made the JIT throw away the code it had compiled for the other body (uncommon traps in the routing
# methods that inline the handler): measured on the small rig, the first 12 s of 1 KiB load after its warm-ups cost
# 95-122 us per request against 46-64 us after, and 39-61 us with this mixed warm-up first.
PREWARM=${PREWARM:-30}
# Five rounds, not the harness's automatic three (its time budget goes to the warm-ups): the first round still finds
# the proxy colder than the others, and the median of five leaves it out.
ROUNDS=${ROUNDS:-5}
BASELINE_JAR=${BASELINE_JAR:-}
BASE_DATA_PORT=$((DATA_PORT + 1))
BASE_CONTROL_PORT=$((CONTROL_PORT + 1))

[ -f "$JAR" ] && [ -f "$REGISTRAR" ] || { echo "bench: $JAR or $REGISTRAR is missing; build them first: mvn -B -ntp -pl proxy,registrar -am package" >&2; exit 1; }
[ -x "$HARNESS" ] || { echo "bench: $HARNESS not found (../shared must point at the shared folder)" >&2; exit 1; }
. "$ROOT/bin/java-env"

STATE=$(mktemp -d /tmp/inteli-bench.XXXXXX)
SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
PROXY_PID=""
BASE_PID=""
REGISTER_PIDS=()
cleanup() {
    for pid in "${REGISTER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null && wait "$PROXY_PID" 2>/dev/null || true
    [ -n "$BASE_PID" ] && kill "$BASE_PID" 2>/dev/null && wait "$BASE_PID" 2>/dev/null || true
    for f in "$STATE"/prewarm/b*/nginx.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
    rm -rf "$STATE"
}
trap cleanup EXIT INT TERM

# Starts a build of the proxy pinned to CPU 0 and waits for its data plane: start_proxy JAR DATA CONTROL STATE LOG
start_proxy() {
    local pid
    mkdir -p "$4"
    # shellcheck disable=SC2086
    taskset -c 0 java $JAVA_OPTS \
        -Dserver.host=127.0.0.1 -Dserver.port="$2" \
        -Dinteli.control.host=127.0.0.1 -Dinteli.control.port="$3" -Dinteli.control.tls.enabled=false \
        -Dinteli.state-dir="$4" -Dinteli.secret="$SECRET" \
        -jar "$1" > "$5" 2>&1 &
    pid=$!
    for _ in $(seq 1 150); do
        curl -s -o /dev/null "http://127.0.0.1:$2/" && break
        kill -0 "$pid" 2>/dev/null || { echo "bench: the proxy $1 did not start:" >&2; tail -20 "$5" >&2; exit 1; }
        sleep 0.2
    done
    STARTED_PID=$pid
}
start_proxy "$JAR" "$DATA_PORT" "$CONTROL_PORT" "$STATE" "$STATE/proxy.log"
PROXY_PID=$STARTED_PID
PROXIES="ws://127.0.0.1:$CONTROL_PORT/registry"
TARGETS=("inteli=http://127.0.0.1:$DATA_PORT/")
if [ -n "$BASELINE_JAR" ]; then
    [ -f "$BASELINE_JAR" ] || { echo "bench: BASELINE_JAR $BASELINE_JAR is missing" >&2; exit 1; }
    start_proxy "$BASELINE_JAR" "$BASE_DATA_PORT" "$BASE_CONTROL_PORT" "$STATE/before" "$STATE/proxy-before.log"
    BASE_PID=$STARTED_PID
    PROXIES="$PROXIES,ws://127.0.0.1:$BASE_CONTROL_PORT/registry"
    TARGETS+=("inteli-before=http://127.0.0.1:$BASE_DATA_PORT/")
fi

# One registrar per nginx backend (the product's sidecar, registrar/target/inteli-registrar.jar), on CPU 1 with the
# load generator: it waits until its backend accepts connections, so it registers when the warm-up below (or else
# the harness) starts nginx.
for port in 18081 18082; do
    INTELI_SECRET="$SECRET" taskset -c 1 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m \
        -Dinteli.agent.proxies="$PROXIES" -Dinteli.agent.id="nginx-$port" \
        -Dinteli.agent.url="http://127.0.0.1:$port" -jar "$REGISTRAR" > "$STATE/register-$port.log" 2>&1 &
    REGISTER_PIDS+=($!)
done
# Registered when the backends exist: wait for it where this script starts them itself.
await_registered() {
    local port wanted=${#TARGETS[@]}
    for port in 18081 18082; do
        for _ in $(seq 1 100); do
            [ "$(grep -c "registered with" "$STATE/register-$port.log")" -ge "$wanted" ] && break
            kill -0 "${REGISTER_PIDS[0]}" "${REGISTER_PIDS[1]}" 2>/dev/null || { echo "bench: a registrar stopped:" >&2; cat "$STATE"/register-*.log >&2; exit 1; }
            sleep 0.1
        done
        [ "$(grep -c "registered with" "$STATE/register-$port.log")" -ge "$wanted" ] || { echo "bench: registration timed out" >&2; cat "$STATE/register-$port.log" >&2; exit 1; }
    done
}

echo "bench: proxy pid $PROXY_PID on 127.0.0.1:$DATA_PORT ($JAVA_OPTS), registrars started"

prewarm() {
    local dir="$STATE/prewarm" conf port pid
    conf="$(dirname "$HARNESS")/conf"
    mkdir -p "$dir/www"
    head -c 65536 /dev/zero | tr '\0' 'B' > "$dir/www/big"
    # nginx's workers run as an unprivileged user and must reach www/big
    chmod 755 "$STATE" "$dir" "$dir/www"
    chmod 644 "$dir/www/big"
    for port in 18081 18082; do
        mkdir -p "$dir/b$port/logs" "$dir/b$port/tmp"
        taskset -c 0 nginx -p "$dir/b$port/" -e "$dir/b$port/logs/error.log" -c "$conf/backend-$port.conf" \
            -g "daemon on; master_process on; worker_processes 1; pid $dir/b$port/nginx.pid;"
    done
    for port in 18081 18082; do
        for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
    done
    await_registered
    echo "bench: mixed warm-up, ${PREWARM}s of 1 KiB and 64 KiB answers at once"
    local pids=() target url
    for target in "${TARGETS[@]}"; do
        url=${target#*=}
        taskset -c 1 wrk -t1 -c32 -d"${PREWARM}s" "$url" > "$dir/wrk-small-${target%%=*}.txt" &
        pids+=($!)
        taskset -c 1 wrk -t1 -c32 -d"${PREWARM}s" "${url}big" > "$dir/wrk-big-${target%%=*}.txt" &
        pids+=($!)
    done
    wait "${pids[@]}"
    for port in 18081 18082; do
        kill "$(cat "$dir/b$port/nginx.pid")"
    done
    for port in 18081 18082; do
        for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" || break; sleep 0.2; done
    done
    # past the proxy's 4 s upstream idle timeout, so no connection to the stopped backends is reused
    sleep 5
}
if ((PREWARM > 0)); then
    if command -v nginx > /dev/null && command -v wrk > /dev/null; then
        prewarm
    else
        echo "bench: no nginx or wrk yet (the harness installs them): no mixed warm-up this time"
    fi
fi
RESULTS_DIR="$ROOT/bench/results" INITIAL_WARMUP=$INITIAL_WARMUP ROUNDS=$ROUNDS "$HARNESS" "${TARGETS[@]}"
