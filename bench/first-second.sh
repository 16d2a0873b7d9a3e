#!/usr/bin/env bash
# jload's own delays in a test's first second, with and without the script's warm-up (ScriptWarmup): the README's
# example (examples/ws-echo.js, 20 VUs, against the in-process sandbox) for DURATION, RUNS times each way, alternating.
# Per run: the event-loop delays ('loop' stalls, from --out hdr's index.json) in the first second, the longest, GC
# pauses in the test, ws_connecting max and ws_rtt p95/max.
#
#   RUNS=4 DURATION=6s bench/first-second.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-4}
DURATION=${DURATION:-6s}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

one() { # MODE RUN
  local opts=""
  [ "$1" = cold ] && opts="-Djload.warmup.scripts=false"
  rm -rf "$work/hdr"
  JLOAD_JAVA_OPTS="$opts" "$JLOAD" run --sandbox --out hdr="$work/hdr" --summary-export "$work/s.json" -d "$DURATION" \
    "$repo_root/examples/ws-echo.js" >"$work/out" 2>&1 || true
  python3 - "$1" "$2" "$work/hdr/index.json" "$work/s.json" <<'PY'
import json, sys
mode, run, index, summary = sys.argv[1:5]
d = json.load(open(index)); m = json.load(open(summary))["metrics"]
first = [s for s in d["stalls"] if s["kind"] == "loop" and s["start"] - d["start"] < 1000]
gcs = [s["durationMillis"] for s in d["stalls"] if s["kind"] == "gc"]
print(f"| {mode} | {run} | {len(first)} | {max([s['durationMillis'] for s in first], default=0)} | {gcs} | "
      f"{m['ws_connecting']['max']:.1f} | {m['ws_rtt']['p(95)']:.2f} | {m['ws_rtt']['max']:.1f} |")
PY
}

echo "RUNS=$RUNS DURATION=$DURATION"
echo "| mode | run | loop delays, first second | longest ms | GC pauses ms | ws_connecting max ms | ws_rtt p95 ms | ws_rtt max ms |"
echo "|---|---|---|---|---|---|---|---|"
for run in $(seq 1 "$RUNS"); do
  for mode in cold warm; do one "$mode" "$run"; done
done
