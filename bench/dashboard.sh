#!/usr/bin/env bash
# What --dashboard costs a run (issue #19). bench/ws/echo.js against the sandbox — VUS VUs, a 100-byte echo every
# INTERVAL s each, WARMUP then MEASURE seconds — three ways, one after the other, RUNS times:
#   off    no dashboard
#   idle   --dashboard, no page open
#   open   --dashboard, a headless Chromium following the page (an update every second over server-sent events)
# jload (with its in-process sandbox) is pinned to core 0, Chromium to core 1. For each run: the jload process's CPU
# seconds (user + sys, /usr/bin/time), the messages echoed, ws_rtt p50/p99 in the measured window.
#
#   VUS=500 INTERVAL=0.5 WARMUP=10 MEASURE=30 RUNS=2 bench/dashboard.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"

VUS=${VUS:-500}
INTERVAL=${INTERVAL:-0.5}
WARMUP=${WARMUP:-10}
MEASURE=${MEASURE:-30}
RUNS=${RUNS:-2}
PORT=${PORT:-5699}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "bench: no chromium (apt-get install chromium)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

one() { # MODE RUN
  local mode=$1 summary="$work/$1-$2.json" browser=""
  local flags=()
  [ "$mode" = off ] || flags=(--dashboard --dashboard-port "$PORT")
  /usr/bin/time -f "%U %S" -o "$work/time" taskset -c 0 "$JLOAD" run -q --sandbox "${flags[@]}" -e VUS="$VUS" -e INTERVAL="$INTERVAL" \
    -e WARMUP="$WARMUP" -e MEASURE="$MEASURE" -e HOLD=2 --summary-export "$summary" "$bench_dir/ws/echo.js" >"$work/out" 2>&1 &
  local jload=$!
  if [ "$mode" = open ]; then
    for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
    taskset -c 1 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --user-data-dir="$work/profile-$2" "http://127.0.0.1:$PORT/" >/dev/null 2>&1 &
    browser=$!
  fi
  wait "$jload" || true
  [ -z "$browser" ] || { kill "$browser" 2>/dev/null || true; wait "$browser" 2>/dev/null || true; }
  python3 - "$mode" "$2" "$work/time" "$summary" <<'PY'
import json, sys
mode, run, timef, summary = sys.argv[1:5]
u, s = open(timef).read().split()[-2:]
m = json.load(open(summary))["metrics"]
rtt = m.get("ws_rtt{phase:measure}", {})
print(f"| {mode} | {run} | {float(u) + float(s):.1f} | {m['ws_msgs_received']['count']} | {rtt.get('med', 0):.2f} | {rtt.get('p(99)', 0):.2f} |")
PY
}

echo "VUS=$VUS INTERVAL=$INTERVAL WARMUP=$WARMUP MEASURE=$MEASURE RUNS=$RUNS"
echo "| mode | run | CPU s | messages | ws_rtt p50 ms (window) | p99 ms |"
echo "|---|---|---|---|---|---|"
for run in $(seq 1 "$RUNS"); do
  for mode in off idle open; do one "$mode" "$run"; done
done
