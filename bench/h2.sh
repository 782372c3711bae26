#!/usr/bin/env bash
# HTTP/2 row of the benchmark: clients speaking h2c (prior knowledge) to inteli, nginx and HAProxy, each proxying
# over HTTP/1.1 to the shared harness's two nginx backends. The shared harness drives wrk, which speaks HTTP/1.1
# only; this script drives h2load (Debian's nghttp2-client) the same way: servers pinned to CPU 0, the load
# generator to CPU 1, targets interleaved round by round so that the ratios hold on a noisy machine.
#
#   bench/h2.sh                 # ~4 minutes; prints a markdown table, keeps raw output in bench/results/h2-<ts>/
#   CLIENTS=16 STREAMS=16 SECONDS_PER_RUN=5 ROUNDS=5 bench/h2.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-"$ROOT/proxy/target/inteli-proxy.jar"}
REGISTRAR=${REGISTRAR:-"$ROOT/registrar/target/inteli-registrar.jar"}
SHARED_CONF="$ROOT/../shared/bench/conf"
CLIENTS=${CLIENTS:-16}
STREAMS=${STREAMS:-16}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-5}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-30}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseParallelGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch -Djdk.virtualThreadScheduler.parallelism=2"}
INTELI_PORT=18097
CONTROL_PORT=18147

[ -f "$JAR" ] && [ -f "$REGISTRAR" ] || { echo "h2: build first: mvn -B -ntp -pl proxy,registrar -am package" >&2; exit 1; }
[ -d "$SHARED_CONF" ] || { echo "h2: $SHARED_CONF not found (../shared must point at the shared folder)" >&2; exit 1; }
missing=()
for tool in h2load nginx haproxy taskset curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
    echo "h2: installing nghttp2-client nginx haproxy (missing: ${missing[*]})"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client nginx haproxy util-linux curl >/dev/null
fi
. "$ROOT/bin/java-env"

RUN=$(mktemp -d /tmp/inteli-h2.XXXXXX)
OUT="$ROOT/bench/results/h2-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for f in "$RUN"/*/nginx.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$RUN"
}
trap cleanup EXIT INT TERM

await() { # await URL-or-port what
    for _ in $(seq 1 150); do curl -s -o /dev/null --http2-prior-knowledge "$1" && return 0; sleep 0.2; done
    echo "h2: $2 did not answer on $1" >&2; exit 1
}
start_nginx() { # start_nginx NAME CONF
    mkdir -p "$RUN/$1/logs" "$RUN/$1/tmp"
    taskset -c 0 nginx -p "$RUN/$1/" -e "$RUN/$1/logs/error.log" -c "$2" \
        -g "daemon on; master_process on; worker_processes 1; pid $RUN/$1/nginx.pid;"
}
# CPU ticks (user + system) of a process and its children that are still alive
ticks() {
    local total=0 pid
    for pid in "$@" $(pgrep -P "$(echo "$@" | tr ' ' ',')" 2>/dev/null || true); do
        [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}

# backends: the harness's own configuration (1 KiB at any path, 64 KiB at /big)
mkdir -p "$RUN/www"
head -c 65536 /dev/zero | tr '\0' 'B' > "$RUN/www/big"
chmod 755 "$RUN" "$RUN/www"; chmod 644 "$RUN/www/big"
for port in 18081 18082; do start_nginx "b$port" "$SHARED_CONF/backend-$port.conf"; done

# the three proxies, on CPU 0
taskset -c 0 java $JAVA_OPTS -Dserver.host=127.0.0.1 -Dserver.port=$INTELI_PORT \
    -Dinteli.control.host=127.0.0.1 -Dinteli.control.port=$CONTROL_PORT -Dinteli.control.tls.enabled=false \
    -Dinteli.state-dir="$RUN/state" -Dinteli.secret="$SECRET" -jar "$JAR" > "$OUT/inteli.log" 2>&1 &
INTELI_PID=$!; PIDS+=("$INTELI_PID")
for port in 18081 18082; do
    INTELI_SECRET="$SECRET" taskset -c 1 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m \
        -Dinteli.agent.proxies="ws://127.0.0.1:$CONTROL_PORT/registry" -Dinteli.agent.id="nginx-$port" \
        -Dinteli.agent.url="http://127.0.0.1:$port" -jar "$REGISTRAR" > "$OUT/register-$port.log" 2>&1 &
    PIDS+=($!)
done
start_nginx proxy-nginx "$ROOT/bench/conf/h2-nginx.conf"
taskset -c 0 haproxy -db -f "$ROOT/bench/conf/h2-haproxy.cfg" > "$OUT/haproxy.log" 2>&1 &
HAPROXY_PID=$!; PIDS+=("$HAPROXY_PID")
await "http://127.0.0.1:18095/" nginx
await "http://127.0.0.1:18096/" haproxy
for _ in $(seq 1 150); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --http2-prior-knowledge "http://127.0.0.1:$INTELI_PORT/")" = 200 ] && break
    sleep 0.2
done
NGINX_PID=$(cat "$RUN/proxy-nginx/nginx.pid")

declare -A URL=([nginx]="http://127.0.0.1:18095" [haproxy]="http://127.0.0.1:18096" [inteli]="http://127.0.0.1:$INTELI_PORT")
declare -A PID=([nginx]="$NGINX_PID" [haproxy]="$HAPROXY_PID" [inteli]="$INTELI_PID")
declare -A PATHS=([small]="/" [big]="/big")
TARGETS=(nginx haproxy inteli)

load() { # load TARGET SCENARIO SECONDS -> h2load output
    taskset -c 1 h2load -c "$CLIENTS" -m "$STREAMS" -t 1 -D "$3" "${URL[$1]}${PATHS[$2]}"
}
echo "h2: warm-up, ${WARMUP}s per target and body"
for t in "${TARGETS[@]}"; do for s in small big; do load "$t" "$s" "$WARMUP" > /dev/null; done; done

printf 'round\tscenario\ttarget\treq_s\tmean_ms\tfailed\tcpu_us_per_req\n' > "$OUT/results.tsv"
for r in $(seq 1 "$ROUNDS"); do
    for s in small big; do
        for t in "${TARGETS[@]}"; do
            before=$(ticks "${PID[$t]}")
            load "$t" "$s" "$SECONDS_PER_RUN" > "$OUT/h2load-$r-$s-$t.txt"
            after=$(ticks "${PID[$t]}")
            f="$OUT/h2load-$r-$s-$t.txt"
            rps=$(awk '/^finished in/ {gsub(",", "", $4); print $4}' "$f")
            done_n=$(awk '/^requests:/ {print $8}' "$f")
            failed=$(awk '/^requests:/ {print $10 + $12 + $14}' "$f")
            mean=$(awk '/^time for request:/ {print $6}' "$f")
            cpu=$(awk -v t=$((after - before)) -v n="$done_n" -v hz="$(getconf CLK_TCK)" \
                  'BEGIN {printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0)}')
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$s" "$t" "$rps" "$mean" "$failed" "$cpu" >> "$OUT/results.tsv"
            echo "h2: round $r $s $t: $rps req/s, mean $mean, failed $failed, $cpu us CPU/req"
        done
    done
done

# medians per scenario and target, ratios to nginx
awk -F'\t' -v c="$CLIENTS" -v m="$STREAMS" '
    NR > 1 { k = $2 SUBSEP $3; n[k]++; rps[k, n[k]] = $4; cpu[k, n[k]] = $7; fail[k] += $6; mean[k, n[k]] = $5 }
    function median(arr, k, cnt,   i, j, v, tmp) {
        for (i = 1; i <= cnt; i++) v[i] = arr[k, i] + 0
        for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (v[j] < v[i]) { tmp = v[i]; v[i] = v[j]; v[j] = tmp }
        return cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
    }
    END {
        printf "| scenario (h2c, %d connections x %d streams) | target | req/s (median) | x nginx | mean request ms (median) | proxy CPU us/req | failed |\n", c, m
        print "|---|---|---:|---:|---:|---:|---:|"
        split("small big", ss, " "); split("nginx haproxy inteli", ts, " ")
        for (a = 1; a <= 2; a++) {
            base = median(rps, ss[a] SUBSEP "nginx", n[ss[a] SUBSEP "nginx"])
            for (b = 1; b <= 3; b++) {
                k = ss[a] SUBSEP ts[b]
                r = median(rps, k, n[k])
                printf "| %s | %s | %\047.0f | %.3f | %.2f | %.1f | %d |\n", (a == 1 ? "1 KiB" : "64 KiB"), ts[b], r, r / base, median(mean, k, n[k]), median(cpu, k, n[k]), fail[k]
            }
        }
    }' "$OUT/results.tsv" | tee "$OUT/summary.md"
