#!/usr/bin/env bash
# HTTP request rate and CPU per request: jload (scripts/http-ingest.js: seed 002's ingest script, a check per
# response) beside a bare Netty HTTP client loop (BareNettyHttpClient.java, the limit: same codec, same kind of event
# loops, no JS, no VUs, no metrics) and wrk (C, one thread, a fixed POST body from post.lua; installed from Debian's
# packages if missing and possible; WRK=0 leaves it out), against a fast Netty server (FastHttpServer.java).
#
#   bench/http/run.sh       (CONCURRENCIES="50 500", MESSAGES=50000, RUNS=1, JLOAD_SCRIPT=scripts/http-ingest.js)
#
# JLOAD_SCRIPT=bench/http/minimal-post.js (or .groovy) measures jload's own floor: the same POST with no payload
# building and no check.
#
# The server is pinned to TARGET_CPU (1), each client in turn to CLIENT_CPU (0). Each client sends MESSAGES POSTs
# over CONCURRENCY keep-alive connections (jload: shared-iterations, MESSAGES iterations over CONCURRENCY VUs) as
# fast as answers come. Measured in the window between the server's 20 % and 80 % of MESSAGES (its /stats, polled
# every 20 ms), so start-up and the tail stay out: requests/s and the client's CPU (utime+stime of its process tree
# from /proc) per 1,000 requests and as a share of its core. jload's p95/p99 and failures come from its summary
# (whole run).
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

CONCURRENCIES=${CONCURRENCIES:-"50 500"}
MESSAGES=${MESSAGES:-50000}
RUNS=${RUNS:-1}
JLOAD_SCRIPT=${JLOAD_SCRIPT:-$repo_root/scripts/http-ingest.js}
CLIENT_CPU=${CLIENT_CPU:-0}
TARGET_CPU=${TARGET_CPU:-1}
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/http-$(date +%Y%m%d-%H%M%S)}
JAVA="$(bench_jdk)/bin/java"
LIB="$repo_root/engine/target/dist/lib/*"

mkdir -p "$RESULTS_DIR"
# The measuring loop (a curl and a sleep every 20 ms) runs on the server's core, not the client's: unpinned, it took
# from whichever client had its core busier (jload) and halved its rate in some runs.
taskset -cp "$TARGET_CPU" $$ >/dev/null
server_pid="" tool_pid=""
trap 'stop_pid "$tool_pid"; stop_pid "$server_pid"' EXIT
trap 'exit 130' INT TERM

"$JLOAD" version >/dev/null # builds engine/target/dist when sources changed

taskset -c "$TARGET_CPU" "$JAVA" -cp "$LIB" "$bench_dir/http/FastHttpServer.java" >"$RESULTS_DIR/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 300); do grep -q '^LISTENING' "$RESULTS_DIR/server.out" && break; sleep 0.1; done
port=$(awk '/^LISTENING/ { print $2 }' "$RESULTS_DIR/server.out")
[ -n "$port" ] || { echo "bench: the server did not start:" >&2; cat "$RESULTS_DIR/server.out" >&2; exit 1; }

served() { curl -sf --max-time 2 "http://127.0.0.1:$port/stats" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p' || true; }

WRK=${WRK:-1}
if [ "$WRK" = 1 ] && ! command -v wrk >/dev/null; then
  { apt-get install -y -q wrk || sudo -n apt-get install -y -q wrk; } >/dev/null 2>&1 || true
  command -v wrk >/dev/null || { echo "bench: wrk is not installed and could not be; going on without it" >&2; WRK=0; }
fi

# measure TAG --|--stop COMMAND...: runs the client, samples its CPU across the window; appends to raw.txt. With
# --stop the client is stopped once the window is measured (wrk runs for a time, not a count).
measure() {
  local tag=$1 stop=$2
  shift 2
  local base from to n c0="" w0="" n0="" c1="" w1="" n1=""
  base=$(served)
  from=$((base + MESSAGES / 5)) to=$((base + MESSAGES * 4 / 5))
  taskset -c "$CLIENT_CPU" "$@" >"$RESULTS_DIR/$tag.out" 2>&1 &
  tool_pid=$!
  while kill -0 "$tool_pid" 2>/dev/null; do
    n=$(served)
    [ -n "$n" ] || { sleep 0.02; continue; }
    if [ -z "$c0" ] && [ "$n" -ge "$from" ]; then c0=$(tree_cpu_ms "$tool_pid"); w0=$(now_ms); n0=$n; fi
    if [ -n "$c0" ] && [ "$n" -ge "$to" ]; then c1=$(tree_cpu_ms "$tool_pid"); w1=$(now_ms); n1=$n; break; fi
    sleep 0.02
  done
  [ "$stop" = --stop ] && kill "$tool_pid" 2>/dev/null
  local rc=0
  wait "$tool_pid" || rc=$?
  [ "$stop" = --stop ] && rc=0
  tool_pid=""
  [ -n "$c1" ] || { echo "bench: $tag: the window was not seen (exit $rc)" >&2; tail "$RESULTS_DIR/$tag.out" >&2; return 1; }
  echo "$tag $rc $((c1 - c0)) $((w1 - w0)) $((n1 - n0))" >>"$RESULTS_DIR/raw.txt"
}

echo "# tag exit cpu_ms window_ms requests_in_window" >"$RESULTS_DIR/raw.txt"
for run in $(seq "$RUNS"); do
  for c in $CONCURRENCIES; do
    measure "bare-c$c-r$run" -- "$JAVA" -cp "$LIB" "$bench_dir/http/BareNettyHttpClient.java" \
      --url "http://127.0.0.1:$port/ingest" --concurrency "$c" --messages "$MESSAGES"
    [ "$WRK" = 1 ] && measure "wrk-c$c-r$run" --stop wrk -t1 -c"$c" -d600s -s "$bench_dir/http/post.lua" "http://127.0.0.1:$port/ingest"
    measure "jload-c$c-r$run" -- "$JLOAD" run -q --no-color --summary-export "$RESULTS_DIR/summary-c$c-r$run.json" \
      --summary-trend-stats 'med,p(95),p(99),max,count' -e TARGET_HTTP="http://127.0.0.1:$port" \
      -e MESSAGES="$MESSAGES" -e CONCURRENCY="$c" "$JLOAD_SCRIPT"
  done
done

python3 - "$RESULTS_DIR" <<'PY'
import json, sys
d = sys.argv[1]
rows = {}
for line in open(f"{d}/raw.txt"):
    if line.startswith("#"): continue
    tag, rc, cpu, win, n = line.split()
    rows[tag] = (int(rc), int(cpu), int(win), int(n))
print(f"{'client':<18} {'exit':>4} {'req/s':>8} {'CPU-ms/1k':>10} {'core busy':>9}   whole run (jload)")
for tag, (rc, cpu, win, n) in rows.items():
    extra = ""
    if tag.startswith("jload"):
        c, r = tag.split("-")[1:]
        m = json.load(open(f"{d}/summary-{c}-{r}.json"))["metrics"]
        dur, failed = m["http_req_duration"], m["http_req_failed"]
        extra = (f"reqs {m['http_reqs']['count']}, failed {failed['passes']}, duration p50/p95/p99 "
                 f"{dur['med']:.2f}/{dur['p(95)']:.2f}/{dur['p(99)']:.2f} ms, max {dur['max']:.1f}")
    print(f"{tag:<18} {rc:>4} {n / win * 1000:>8.0f} {cpu / n * 1000:>10.1f} {cpu / win:>9.0%}   {extra}")
import statistics
def per_req(t): return rows[t][1] / rows[t][3]
def rate(t): return rows[t][3] / rows[t][2]
for c in sorted({t.split('-')[1] for t in rows}, key=lambda c: int(c[1:])):
    runs = sorted({t.split('-')[2] for t in rows if t.split('-')[1] == c})
    for peer in ("bare", "wrk"):
        cpu = [per_req(f"jload-{c}-{r}") / per_req(f"{peer}-{c}-{r}") for r in runs if f"{peer}-{c}-{r}" in rows and f"jload-{c}-{r}" in rows]
        rt = [rate(f"jload-{c}-{r}") / rate(f"{peer}-{c}-{r}") for r in runs if f"{peer}-{c}-{r}" in rows and f"jload-{c}-{r}" in rows]
        if cpu:
            print(f"{c}: jload / {peer} CPU per request " + " ".join(f"{x:.2f}x" for x in cpu) + f" (median {statistics.median(cpu):.2f}x);"
                  f" request rate median {statistics.median(rt):.2f}x")
PY
echo "raw data: $RESULTS_DIR" >&2
