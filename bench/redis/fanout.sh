#!/usr/bin/env bash
# Seed 001's broadcast burst through the sandbox: Redis publish → Socket.IO receipt on many sockets.
#
#   bench/redis/fanout.sh      (SUBSCRIBERS=200, EVENTS=100, EVERY_MS=50, WARMUP_EVENTS=0, RUNS=3)
#
# A redis-server of the bench's own and `jload sandbox --redis` (its Socket.IO rooms fed from the channel) are
# pinned to TARGET_CPU (1); jload (pinned to CLIENT_CPU, 0) runs scripts/broadcast-burst.js: SUBSCRIBERS sockets
# join the room 'burst', then one VU publishes WARMUP_EVENTS events without a stamp (jload's JIT warm-up: a fresh
# process compiles for its first seconds) and EVENTS stamped ones, one every EVERY_MS ms.
# Measured per run:
# - fanout_latency: jload's PUBLISH sent → the Socket.IO frame carrying the event read on jload's event loop (one
#   monotonic clock in one process); it holds Redis, the sandbox's relay and its writes to every socket;
# - dropped: events a socket never received (fanout_dropped);
# - jload's CPU during the stamped burst (utime+stime of its process tree from /proc, between the sandbox relaying
#   the first and the last-but-five stamped event, read from its /metrics: the run winds down right after the last,
#   and its threads with it), per 1,000 receipts in that window (events relayed in it x SUBSCRIBERS), as a share
#   of its one core, and by thread (TruffleCompiler and C2 CompilerThread: JIT compilation; jload-io: the event
#   loops and the VUs they carry).
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

SUBSCRIBERS=${SUBSCRIBERS:-200}
EVENTS=${EVENTS:-100}
EVERY_MS=${EVERY_MS:-50}
WARMUP_EVENTS=${WARMUP_EVENTS:-0}
RUNS=${RUNS:-3}
CLIENT_CPU=${CLIENT_CPU:-0}
TARGET_CPU=${TARGET_CPU:-1}
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/redis-fanout-$(date +%Y%m%d-%H%M%S)}

mkdir -p "$RESULTS_DIR"
redis_pid="" sandbox_pid="" tool_pid=""
trap 'stop_pid "$tool_pid"; stop_pid "$sandbox_pid"; stop_pid "$redis_pid"' EXIT
trap 'exit 130' INT TERM

redis_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
taskset -c "$TARGET_CPU" redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
  --dir "$RESULTS_DIR" >"$RESULTS_DIR/redis.out" 2>&1 &
redis_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.1; done
(exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null || { echo "bench: redis-server did not start:" >&2; cat "$RESULTS_DIR/redis.out" >&2; exit 1; }
"$JLOAD" version >/dev/null
start_sandbox "$RESULTS_DIR" "$TARGET_CPU" --redis "redis://127.0.0.1:$redis_port"
target_sio=${target_ws/ws:/http:}

# The sandbox's count of relayed events; nothing when the poll failed (one may time out mid-burst).
delivered() {
  curl -sf --max-time 2 "$target_http/metrics" | awk '/^sandbox_redis_messages_total\{.*outcome="delivered"/ { print $2 }' || true
}

echo "# run cpu_ms window_ms events_relayed_in_window" >"$RESULTS_DIR/raw.txt"
for run in $(seq "$RUNS"); do
  before=$(delivered)
  [ -n "$before" ] || { echo "bench: the sandbox's /metrics did not answer" >&2; exit 1; }
  taskset -c "$CLIENT_CPU" "$JLOAD" run -q --no-color --summary-export "$RESULTS_DIR/summary-$run.json" \
    --summary-trend-stats 'med,p(95),p(99),max,count' \
    -e TARGET_SIO="$target_sio" -e REDIS_URL="redis://127.0.0.1:$redis_port" \
    -e SUBSCRIBERS="$SUBSCRIBERS" -e EVENTS="$EVENTS" -e EVERY_MS="$EVERY_MS" -e WARMUP_EVENTS="$WARMUP_EVENTS" -e ROOM="burst-$run" \
    "$repo_root/scripts/broadcast-burst.js" >"$RESULTS_DIR/jload-$run.out" 2>&1 &
  tool_pid=$!
  c0="" w0="" n0="" c1="" w1="" n1="" now=$before
  while kill -0 "$tool_pid" 2>/dev/null; do
    n=$(delivered)
    [ -n "$n" ] && now=$n
    if [ -z "$c0" ] && [ "$now" -gt $((before + WARMUP_EVENTS)) ]; then
      c0=$(tree_cpu_ms "$tool_pid"); w0=$(now_ms); n0=$now; thread_cpu_ms "$tool_pid" >"$RESULTS_DIR/threads-start-$run.txt"
    fi
    if [ -n "$c0" ] && [ "$now" -ge $((before + WARMUP_EVENTS + EVENTS - 5)) ]; then
      c1=$(tree_cpu_ms "$tool_pid"); w1=$(now_ms); n1=$now; thread_cpu_ms "$tool_pid" >"$RESULTS_DIR/threads-end-$run.txt"; break
    fi
    sleep 0.02
  done
  wait "$tool_pid" || echo "bench: run $run: jload exited $? (thresholds?), see $RESULTS_DIR/jload-$run.out" >&2
  tool_pid=""
  [ -n "$c1" ] || { echo "bench: run $run: the burst was not seen at the sandbox" >&2; cat "$RESULTS_DIR/jload-$run.out" >&2; exit 1; }
  echo "$run $((c1 - c0)) $((w1 - w0)) $((n1 - n0))" >>"$RESULTS_DIR/raw.txt"
done

python3 - "$RESULTS_DIR" "$SUBSCRIBERS" "$EVENTS" "$WARMUP_EVENTS" <<'PY'
import json, sys
d, subs, events, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(f"{subs} sockets x {events} Redis-published events per run, after {warmup} warm-up events")
print(f"{'run':>3} {'receipts':>8} {'dropped':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} {'burst CPU-ms':>12} {'CPU-ms/1k':>9} {'core busy':>9}")
for line in open(f"{d}/raw.txt"):
    if line.startswith("#"): continue
    run, cpu, win, relayed = (int(x) for x in line.split())
    m = json.load(open(f"{d}/summary-{run}.json"))["metrics"]
    f = m["fanout_latency"]
    in_window = relayed * subs
    print(f"{run:3d} {f['count']:8d} {m.get('fanout_dropped', {}).get('count', 0):7d} {f['med']:7.2f} {f['p(95)']:7.2f} {f['p(99)']:7.2f} {f['max']:7.1f} "
          f"{cpu:12d} {cpu / in_window * 1000 if in_window else float('nan'):9.1f} {cpu / win if win else float('nan'):9.0%}")
    threads = {}
    for edge in ("start", "end"):
        for t in open(f"{d}/threads-{edge}-{run}.txt"):
            ms, name = t.rstrip("\n").split("\t", 1)
            threads.setdefault(name.strip(), [0, 0])[edge == "end"] = int(ms)
    # A thread that ended before the end sample (the run winds down as the last event lands) cannot be shown.
    both = {k: e - s for k, (s, e) in threads.items() if s and e}
    top = sorted(((ms, k) for k, ms in both.items()), reverse=True)[:5]
    print("      burst CPU by thread (alive at both samples): " + ", ".join(f"{k} {ms / cpu:.0%}" for ms, k in top if ms > 0 and cpu))
PY
echo "raw data: $RESULTS_DIR" >&2
