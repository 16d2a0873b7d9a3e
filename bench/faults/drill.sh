#!/usr/bin/env bash
# The fault drill (issue #13): VUS VUs for DURATION seconds against a local echo target — jload's
# sandbox in a process of its own — killed (SIGKILL) at KILL_AT s and restarted on the same port at
# RESTART_AT s; once per API (jload/ws, then k6/ws). For each: exit code, wall time from launch to
# exit and from the outputs being written (the --summary-export file's mtime) to exit, the
# iterations, ws_sessions and ws_errors by kind.
#
#   bench/faults/drill.sh                       # 200 VUs × 40 s, kill at 15 s, restart at 25 s
#   VUS=50 DURATION=20 KILL_AT=5 RESTART_AT=10 bench/faults/drill.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib.sh"

VUS=${VUS:-200}
DURATION=${DURATION:-40}
KILL_AT=${KILL_AT:-15}
RESTART_AT=${RESTART_AT:-25}
PORT=${PORT:-18765}
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT

start_target() {
  "$JLOAD" sandbox --ws-port "$PORT" --http-port 0 >"$out/sandbox.log" 2>&1 &
  target=$!
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && return; sleep 0.1; done
  echo "drill: the target did not start" >&2; exit 1
}

"$JLOAD" version >/dev/null # builds first, outside the timings

for api in jload-ws k6-ws; do
  start_target
  launch=$(now_ms)
  "$JLOAD" run -q -e TARGET="ws://127.0.0.1:$PORT" -e VUS="$VUS" -e DURATION="${DURATION}s" \
      --summary-export "$out/$api.json" --summary-trend-stats 'avg,p(99),count' \
      --out json="$out/$api.jsonl" "$here/$api.js" >"$out/$api.stdout" 2>"$out/$api.stderr" &
  run=$!
  # Test time starts after VU init: wait for the first iteration's sockets before the clock runs.
  sleep "$KILL_AT"; kill -9 "$target"; wait "$target" 2>/dev/null || true
  sleep $((RESTART_AT - KILL_AT)); start_target
  set +e; wait "$run"; code=$?; set -e
  exited=$(now_ms)
  written=$(stat -c '%.3Y' "$out/$api.json" | tr -d .)
  kill "$target" 2>/dev/null; wait "$target" 2>/dev/null || true
  echo "== $api: exit $code; launch → exit $(( (exited - launch) )) ms; outputs written → exit $(( exited - written )) ms"
  python3 - "$out/$api.json" "$out/$api.jsonl" <<'PY'
import json, sys, collections
summary = json.load(open(sys.argv[1]))["metrics"]
def count(m): return summary.get(m, {}).get("count", 0)
print(f"   iterations {count('iterations'):.0f}, ws_sessions {count('ws_sessions'):.0f}, checks passed {summary.get('checks', {}).get('passes', 0)} failed {summary.get('checks', {}).get('fails', 0)}")
kinds = collections.Counter()
lines = open(sys.argv[2]).read().split("\n")
assert lines[-1] == "", "the JSON Lines file ends with a newline"
for line in lines[:-1]:
    rec = json.loads(line)
    if rec["type"] == "Point" and rec["metric"] == "ws_errors":
        kinds[rec["data"]["tags"].get("kind", "?")] += rec["data"]["value"]
print("   ws_errors by kind:", dict(kinds) or "none", f"({len(lines) - 1} JSON lines, all parsed)")
PY
  grep -E "WARN|ERRO" "$out/$api.stderr" | cut -c1-200 | head -5 | sed 's/^/   /' || true
done
