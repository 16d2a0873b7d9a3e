#!/usr/bin/env bash
# Socket.IO room broadcast to many jload VUs: receipt latency, the generator's CPU per receipt, heap per VU.
#
#   bench/socketio/broadcast.sh      (CONNS=5000, BASE_CONNS=100, one run each)
#
# The real socket.io 4.8.1 server (engine/src/test/socketio-server, pinned to TARGET_CPU, 1) emits a 'tick'
# ({n, ts}) to the room 'everyone' every BROADCAST_MS (1000) ms. jload (pinned to CLIENT_CPU, 0) runs
# bench/socketio/broadcast.js: CONNS clients arrive over RAMP_S (20) s, join the room and listen.
# Measured, for ticks sent between FROM_S (35) and TO_S (95) s after the script's setup:
# - broadcast_receipt: the tick's send time on the server (performance.timeOrigin + now(), µs) → its frame read
#   on jload's event loop (io.receivedAt, µs); same machine, same wall clock;
# - the generator's CPU in that window (utime+stime of jload's process tree from /proc), per 1,000 receipts, and
#   as a share of its one core;
# - live heap after the window (jcmd GC.class_histogram, a full GC, minus G1 filler arrays); heap per VU =
#   (live(CONNS) - live(BASE_CONNS)) / (CONNS - BASE_CONNS).
# Gaps: ticks a VU never got between the first and last it got in the window (broadcast_gaps). GC pauses: jload's,
# from its GC log, those in the window and the longest (a receipt latency near one is jload's stall, not the target's).
# Server emit ms/tick: the time the server spent inside each tick's emit (it writes the frame to every member's
# socket in turn), averaged over the window: a receipt latency up to about that is the server's doing.
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

CONNS=${CONNS:-5000}
BASE_CONNS=${BASE_CONNS:-100}
RAMP_S=${RAMP_S:-20}
FROM_S=${FROM_S:-35}
TO_S=${TO_S:-95}
BROADCAST_MS=${BROADCAST_MS:-1000}
CLIENT_CPU=${CLIENT_CPU:-0}
TARGET_CPU=${TARGET_CPU:-1}
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/socketio-broadcast-$(date +%Y%m%d-%H%M%S)}
JCMD="$(bench_jdk)/bin/jcmd"

mkdir -p "$RESULTS_DIR"
server_pid="" tool_pid=""
trap 'stop_pid "$tool_pid"; stop_pid "$server_pid"' EXIT
trap 'exit 130' INT TERM

"$JLOAD" version >/dev/null

stat_field() { curl -sf --max-time 2 "http://127.0.0.1:$port/stats" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

sleep_until_ms() { local d=$(( $1 - $(now_ms) )); [ "$d" -le 0 ] || sleep "$(awk -v d="$d" 'BEGIN { print d / 1000 }')"; }

# run CONNS -> one line in raw.txt (its header below)
run() {
  local conns=$1 tag="c$1" end_s=$((TO_S + 7))
  start_socketio_server "$RESULTS_DIR/server-$tag.out" "$TARGET_CPU" BROADCAST_MS="$BROADCAST_MS"

  JLOAD_JAVA_OPTS="-Xlog:gc:file=$RESULTS_DIR/gc-$tag.log:uptime,timemillis ${JLOAD_JAVA_OPTS:-}" taskset -c "$CLIENT_CPU" "$JLOAD" run -q --no-color --summary-export "$RESULTS_DIR/summary-$tag.json" \
    -e TARGET="http://127.0.0.1:$port" -e CONNS="$conns" -e RAMP_S="$RAMP_S" -e FROM_S="$FROM_S" -e TO_S="$TO_S" \
    -e END_S="$end_s" "$bench_dir/socketio/broadcast.js" >"$RESULTS_DIR/jload-$tag.out" 2>&1 &
  tool_pid=$!
  local t0="" _
  for _ in $(seq 600); do
    t0=$(grep -o 'broadcast-bench t0=[0-9]*' "$RESULTS_DIR/jload-$tag.out" | head -1 | cut -d= -f2) && [ -n "$t0" ] && break
    kill -0 "$tool_pid" 2>/dev/null || { echo "bench: jload exited:" >&2; tail "$RESULTS_DIR/jload-$tag.out" >&2; exit 1; }
    sleep 0.1
  done
  sleep_until_ms $((t0 + FROM_S * 1000))
  local c0 k0 m0 e0 c1 k1 e1 w0 w1 live
  c0=$(tree_cpu_ms "$tool_pid"); k0=$(stat_field ticks); m0=$(stat_field members); e0=$(stat_field emitMs); w0=$(now_ms)
  thread_cpu_ms "$tool_pid" >"$RESULTS_DIR/threads-start-$tag.txt"
  sleep_until_ms $((t0 + TO_S * 1000))
  c1=$(tree_cpu_ms "$tool_pid"); k1=$(stat_field ticks); e1=$(stat_field emitMs); w1=$(now_ms)
  thread_cpu_ms "$tool_pid" >"$RESULTS_DIR/threads-end-$tag.txt"
  sleep 1
  # taskset and bin/jload exec: tool_pid is the JVM
  timeout 120 "$JCMD" "$tool_pid" GC.class_histogram >"$RESULTS_DIR/histo-$tag.txt"
  live=$(awk '$1 == "Total" { t = $3 } /jdk\.internal\.vm\.Filler/ { f += $3 } END { print t - f }' "$RESULTS_DIR/histo-$tag.txt")
  wait "$tool_pid" || true
  tool_pid=""
  stop_pid "$server_pid"; server_pid=""
  echo "$conns $((c1 - c0)) $((w1 - w0)) $((k1 - k0)) $m0 $live $((e1 - e0)) $w0 $w1" >>"$RESULTS_DIR/raw.txt"
}

echo "# conns cpu_ms window_ms ticks members_at_window_start live_bytes server_emit_ms window_start_epoch_ms window_end_epoch_ms" >"$RESULTS_DIR/raw.txt"
run "$BASE_CONNS"
run "$CONNS"

python3 - "$RESULTS_DIR" "$BASE_CONNS" "$CONNS" <<'PY'
import json, sys
d, base, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
raw = {int(l.split()[0]): [int(x) for x in l.split()[1:]] for l in open(f"{d}/raw.txt") if not l.startswith("#")}
import re
def pauses(c, w0, w1):
    """jload's GC pauses (ms) inside the window, from its GC log's wall-clock stamps."""
    out = []
    for line in open(f"{d}/gc-c{c}.log"):
        m = re.search(r"\[(\d+)ms\].*Pause.* (\d+\.\d+)ms$", line.strip())
        if m and w0 <= int(m.group(1)) <= w1: out.append(float(m.group(2)))
    return out
print(f"{'VUs':>6} {'receipts':>9} {'gaps':>5} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} {'server emit ms/tick':>19} {'CPU-ms/1k':>10} {'core busy':>9} {'live heap MB':>12}   jload GC in the window")
for c in (base, n):
    m = json.load(open(f"{d}/summary-c{c}.json"))["metrics"]
    t = m.get("broadcast_receipt", {})
    got = m.get("broadcast_ticks", {}).get("count", 0)
    cpu, win, ticks, members, live, emit, w0, w1 = raw[c]
    gc = pauses(c, w0, w1)
    print(f"{c:6d} {got:9d} {m.get('broadcast_gaps', {}).get('count', 0):5d} {t.get('med', 0):7.2f} {t.get('p(90)', 0):7.2f} {t.get('p(99)', 0):7.2f} {t.get('max', 0):7.1f} "
          f"{emit / ticks if ticks else float('nan'):19.1f} {cpu / got * 1000 if got else float('nan'):10.1f} {cpu / win:9.0%} {live / 1048576:12.1f}   {len(gc)} GC pauses, longest {max(gc, default=0):.1f} ms")
    if members != c:
        print(f"  note: {members} of {c} clients were in the room when the window began")
threads = {}
for edge in ("start", "end"):
    for line in open(f"{d}/threads-{edge}-c{n}.txt"):
        ms, name = line.rstrip("\n").split("\t", 1)
        threads.setdefault(name, [0, 0])[edge == "end"] = int(ms)
cpu_n = raw[n][0]
top = sorted(((e - s, k) for k, (s, e) in threads.items()), reverse=True)[:6]
print(f"jload CPU in the window at {n} VUs by thread: " + ", ".join(f"{k.strip()} {ms / cpu_n:.0%}" for ms, k in top if ms > 0))
print(f"heap per VU: {(raw[n][4] - raw[base][4]) / (n - base) / 1024:.1f} KB (live({n}) - live({base})) / {n - base}")
PY
echo "raw data: $RESULTS_DIR" >&2
