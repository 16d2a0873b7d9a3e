#!/usr/bin/env bash
# WebSocket echo: jload (bench/ws/echo.js) vs a bare pure-callback Netty client (BareNettyEchoClient.java).
#
#   bench/ws/run.sh [N INTERVAL WARMUP MEASURE]      (defaults: 1000 1 20 40)
#
# Starts `jload sandbox` (the target, /ws/echo) pinned to TARGET_CPU (1), then, one after the other and
# each pinned to CLIENT_CPU (0): the bare client with BASE_N and N connections, then jload with BASE_N
# and N VUs. Each connection/VU sends a 100-byte text message, waits for its echo, waits INTERVAL s,
# repeats. Per client, from its own T0 (first connect / test start):
#   [0, WARMUP)                 ramp (RAMP_S) and warm-up
#   [WARMUP, WARMUP+MEASURE)    measured window: client CPU (utime+stime from /proc/PID/stat at both
#                               ends) and messages echoed (the target's sandbox_messages_total{echo,out}
#                               at both ends); RTT p50/p99 (bare: its HdrHistogram of the window;
#                               jload: ws_rtt{phase:measure} from --summary-export)
#   then idle, sockets open     after SETTLE_S: jcmd GC.run x2 + GC.class_histogram -> live heap
# Heap per connection = (live(N) - live(BASE_N)) / (N - BASE_N).
# Prints a table; raw data in RESULTS_DIR (bench/results/ws-<date>/).
#
# Environment: BASE_N (10), RAMP_S (WARMUP/4, 1..10), HOLD_S (15 + N/200), SETTLE_S (2), XMX (2g),
# GC (-XX:+UseG1GC), CLIENT_CPU (0), TARGET_CPU (1), CLIENT_JAVA_OPTS (extra flags for both clients; the bare
# client also gets bin/jload's own heap flags),
# SANDBOX_JAVA_OPTS, RESULTS_DIR, JLOAD (bin/jload), SKIP_BARE=1 / SKIP_JLOAD=1.
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"
ws_dir="$bench_dir/ws"

N=${1:-1000}
INTERVAL=${2:-1}
WARMUP=${3:-20}
MEASURE=${4:-40}
BASE_N=${BASE_N:-10}
RAMP_S=${RAMP_S:-$(awk -v w="$WARMUP" 'BEGIN { r = w / 4; if (r < 1) r = 1; if (r > 10) r = 10; print r }')}
HOLD_S=${HOLD_S:-$((15 + N / 200))}
SETTLE_S=${SETTLE_S:-2}
XMX=${XMX:-2g}
GC=${GC:--XX:+UseG1GC}
CLIENT_CPU=${CLIENT_CPU:-0}
TARGET_CPU=${TARGET_CPU:-1}
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/ws-$(date +%Y%m%d-%H%M%S)}

for v in N BASE_N WARMUP MEASURE; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "bench: $v must be a whole number: ${!v}" >&2; exit 2; }
done
[[ $INTERVAL =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "bench: INTERVAL must be a number of seconds: $INTERVAL" >&2; exit 2; }
[ "$N" -gt "$BASE_N" ] || { echo "bench: N must be > BASE_N ($BASE_N)" >&2; exit 2; }
awk -v w="$WARMUP" -v i="$INTERVAL" -v r="$RAMP_S" 'BEGIN { exit !(w - i >= r) }' ||
  { echo "bench: WARMUP ($WARMUP) must be >= RAMP_S ($RAMP_S) + INTERVAL ($INTERVAL)" >&2; exit 2; }

# The heap flags bin/jload starts every JVM with (its `heap=(…)` line): the bare client gets them
# too, so that both clients run the same JVM setup.
JLOAD_HEAP_FLAGS=$(sed -n 's/^heap=(\(.*\))$/\1/p' "$JLOAD")

jdk=$(bench_jdk)
JAVA="$jdk/bin/java"
JCMD="$jdk/bin/jcmd"
TCK=$(getconf CLK_TCK)
mkdir -p "$RESULTS_DIR"
sandbox_pid=""
pid=""
cleanup() { stop_pid "$pid"; pid=""; stop_pid "$sandbox_pid"; sandbox_pid=""; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# Build (if needed) outside of any measurement. REPORT_ONLY=1 RESULTS_DIR=... only reprints the table.
[ -n "${REPORT_ONLY:-}" ] || "$JLOAD" version >/dev/null

# CPU time (ms) used so far by all threads of PID.
proc_cpu_ms() { awk -v t="$TCK" '{ sub(/^.*\) /, ""); printf "%d\n", ($12 + $13) * 1000 / t }' "/proc/$1/stat"; }
# "tid<TAB>name<TAB>cpu_ms" for every thread of PID.
proc_threads() {
  local t
  for t in /proc/"$1"/task/*; do
    awk -v k="$TCK" -v id="${t##*/}" -v name="$(cat "$t/comm" 2>/dev/null)" \
      '{ sub(/^.*\) /, ""); printf "%s\t%s\t%d\n", id, name, ($12 + $13) * 1000 / k }' "$t/stat" 2>/dev/null || true
  done
}
# CPU ms per thread name (digits folded: "jload-io-0" -> "jload-io-N") between two proc_threads
# snapshots; a thread that started in between counts whole, one that ended is missed (lower bound).
threads_delta() {
  awk -F'\t' 'NR == FNR { s[$1] = $3; next } { n = $2; gsub(/[0-9]+/, "N", n); d[n] += $3 - s[$1] }
    END { for (k in d) if (d[k] > 0) printf "%d\t%s\n", d[k], k }' <(echo "$1") <(echo "$2") | sort -rn
}
# JIT compiler threads' share (HotSpot C1/C2, JVMCI/Truffle) of a threads_delta.
jit_ms() { awk -F'\t' '$2 ~ /Compiler|JVMCI/ { s += $1 } END { print s + 0 }' <<<"$1"; }
# "count total_ms max_ms" of the GC pauses that ended in [FROM_MS, TO_MS) (epoch ms), from a
# -Xlog:gc log decorated with uptime,timemillis ("[1.2s][1795…ms] GC(7) Pause Young … 84.184ms").
gc_pauses() {
  awk -v from="$2" -v to="$3" '
    /\] GC\([0-9]+\) Pause/ && /ms$/ {
      if (!match($1, /\]\[[0-9]+ms\]/)) next
      t = substr($1, RSTART + 2, RLENGTH - 5); d = $NF; sub(/ms$/, "", d)
      if (t + 0 >= from && t + 0 < to) { n++; s += d; if (d + 0 > m) m = d + 0 }
    }
    END { printf "%d %.0f %.0f\n", n, s, m }' "$1" 2>/dev/null || echo "NA NA NA"
}
metrics() { curl -sf --max-time 5 "$target_http/metrics"; }
echoed_total() { metrics | awk '/^sandbox_messages_total\{endpoint="echo",direction="out"\}/ { print $2 }'; }
open_conns() { metrics | awk '/^sandbox_connections\{endpoint="echo"\}/ { print $2 }'; }
sleep_until_ms() { local d=$(($1 - $(now_ms))); [ "$d" -le 0 ] || sleep "$(awk -v d="$d" 'BEGIN { print d / 1000 }')"; }

start_target() {
start_sandbox "$RESULTS_DIR" "$TARGET_CPU"
echo "ws-echo: N=$N interval=${INTERVAL}s warmup=${WARMUP}s (ramp ${RAMP_S}s) measure=${MEASURE}s base=$BASE_N;" \
  "target $target_ws on cpu $TARGET_CPU, clients on cpu $CLIENT_CPU; $(nproc) cores; raw data: $RESULTS_DIR" >&2
}

# --- one client run --------------------------------------------------------------------------------
# run_client KIND(bare|jload) CONNS WARMUP MEASURE HOLD -> appends a line to raw.txt
run_client() {
  local kind=$1 n=$2 w=$3 m=$4 hold=$5 tag="$1-n$2"
  local out="$RESULTS_DIR/$tag.out" err="$RESULTS_DIR/$tag.err" summary="$RESULTS_DIR/$tag-summary.json"
  local ramp=$RAMP_S
  [ "$n" -gt "$BASE_N" ] || ramp=1
  local gclog="$RESULTS_DIR/gc-$tag.log"
  local opts="-Xmx$XMX $GC -Xlog:gc:file=$gclog:uptime,timemillis ${CLIENT_JAVA_OPTS:-}"
  local start_timeout=$((120 + n / 20))
  if [ "$kind" = bare ]; then
    # shellcheck disable=SC2086
    taskset -c "$CLIENT_CPU" "$JAVA" $JLOAD_HEAP_FLAGS $opts --enable-native-access=ALL-UNNAMED -cp "$repo_root/engine/target/dist/lib/*" \
      "$ws_dir/BareNettyEchoClient.java" --url "$target_ws/ws/echo" --connections "$n" \
      --interval-ms "$(awk -v i="$INTERVAL" 'BEGIN { printf "%d", i * 1000 }')" \
      --ramp-ms "$(awk -v r="$ramp" 'BEGIN { printf "%d", r * 1000 }')" \
      --warmup-s "$w" --measure-s "$m" --hold-s "$hold" >"$out" 2>"$err" &
  else
    JLOAD_JAVA_OPTS="$opts" taskset -c "$CLIENT_CPU" "$JLOAD" run -q --summary-export "$summary" \
      -e TARGET="$target_ws" -e VUS="$n" -e INTERVAL="$INTERVAL" -e WARMUP="$w" -e MEASURE="$m" \
      -e HOLD="$hold" -e RAMP="$ramp" "$ws_dir/echo.js" >"$out" 2>"$err" &
  fi
  pid=$!
  local t0="" deadline=$(($(date +%s) + start_timeout))
  while [ -z "$t0" ]; do
    t0=$({ grep -oh 'BENCH_T0 [0-9]*' "$out" "$err" 2>/dev/null || true; } | awk 'NR == 1 { print $2 }')
    [ -n "$t0" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "bench: $tag exited before starting; stderr:" >&2; tail -20 "$err" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "bench: $tag did not start within ${start_timeout}s" >&2; exit 1; }
    sleep 0.05
  done
  sleep_until_ms $((t0 + w * 1000))
  local cpu0 msgs0 open0 cpu1 msgs1 win0 win1 jit0 jit1
  win0=$(now_ms); cpu0=$(proc_cpu_ms "$pid"); jit0=$(proc_threads "$pid"); msgs0=$(echoed_total); open0=$(open_conns)
  sleep_until_ms $((t0 + (w + m) * 1000))
  win1=$(now_ms); cpu1=$(proc_cpu_ms "$pid"); jit1=$(proc_threads "$pid"); msgs1=$(echoed_total)
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local by_thread; by_thread=$(threads_delta "$jit0" "$jit1")
  echo "$by_thread" >"$RESULTS_DIR/threads-$tag.txt"
  sleep "$SETTLE_S"
  local open1; open1=$(open_conns)
  timeout 120 "$JCMD" "$pid" GC.run >/dev/null
  timeout 120 "$JCMD" "$pid" GC.run >/dev/null
  timeout 120 "$JCMD" "$pid" GC.heap_info >"$RESULTS_DIR/heapinfo-$tag.txt"
  timeout 300 "$JCMD" "$pid" GC.class_histogram >"$RESULTS_DIR/histo-$tag.txt"
  local exit_deadline=$(($(date +%s) + hold + 60)) rc=0
  while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$exit_deadline" ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then echo "bench: $tag still running after its hold; stopping it" >&2; stop_pid "$pid"; fi
  wait "$pid" 2>/dev/null || rc=$?
  pid=""
  [ "$rc" -eq 0 ] || echo "bench: $tag exited with $rc (see $err)" >&2

  local total filler graal live live_ng
  total=$(awk '$1 == "Total" { print $3 }' "$RESULTS_DIR/histo-$tag.txt")
  filler=$(awk '/jdk\.internal\.vm\.Filler/ { s += $3 } END { print s + 0 }' "$RESULTS_DIR/histo-$tag.txt")
  graal=$(awk '/\(jdk\.graal\.compiler/ { s += $3 } END { print s + 0 }' "$RESULTS_DIR/histo-$tag.txt")
  live=$((total - filler)); live_ng=$((live - graal))
  local p50 p99 all50 all99 selfcpu selfmsgs
  if [ "$kind" = bare ]; then
    local json; json=$(grep '^{' "$out" | tail -1)
    jf() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" <<<"$json"; }
    p50=$(jf rttP50Ms); p99=$(jf rttP99Ms); all50=$(jf allRttP50Ms); all99=$(jf allRttP99Ms)
    selfcpu=$(jf cpuMsWindow); selfmsgs=$(jf windowMsgs)
  else
    # value of STAT in metric NAME of the (4-space indented) summary export
    sf() { awk -v name="\"$1\": {" -v stat="\"$2\":" '
        index($0, name) == 9 { inm = 1; next }
        inm && /^        }/ { inm = 0 }
        inm && index($0, stat) { v = $2; sub(/,$/, "", v); printf "%.3f\n", v; exit }' "$summary"; }
    p50=$(sf 'ws_rtt{phase:measure}' med); p99=$(sf 'ws_rtt{phase:measure}' 'p(99)')
    all50=$(sf ws_rtt med); all99=$(sf ws_rtt 'p(99)')
    selfcpu=NA; selfmsgs=$(sf 'ws_rtt{phase:measure}' count)
  fi
  local pauses; pauses=$(gc_pauses "$gclog" "$win0" "$win1")
  local target_pauses; target_pauses=$(gc_pauses "$RESULTS_DIR/gc-target.log" "$win0" "$win1")
  printf '%s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s\n' "$kind" "$n" "$((win1 - win0))" "$((cpu1 - cpu0))" \
    "$((msgs1 - msgs0))" "$live" "$live_ng" "${p50:-NA}" "${p99:-NA}" "${all50:-NA}" "${all99:-NA}" "${open0:-NA}" "${open1:-NA}" \
    "${selfcpu:-NA}" "${selfmsgs:-NA}" "$load" "$rc" "$t0" "$(jit_ms "$by_thread")" "$pauses" "$target_pauses" >>"$RESULTS_DIR/raw.txt"
  echo "  $tag: window $((win1 - win0)) ms, cpu $((cpu1 - cpu0)) ms, echoed $((msgs1 - msgs0)), open ${open0:-?}/${open1:-?}," \
    "live heap $live B, rtt p50/p99 ${p50:-?}/${p99:-?} ms" >&2
}

if [ -z "${REPORT_ONLY:-}" ]; then
start_target
echo "# kind n window_ms cpu_ms echoed live_bytes live_minus_graal_bytes rtt_p50_ms rtt_p99_ms whole_run_rtt_p50_ms whole_run_rtt_p99_ms open_at_window_start open_after_window self_cpu_ms self_msgs load1 exit t0_epoch_ms jit_cpu_ms gc_pauses_in_window gc_pause_ms_total gc_pause_ms_max target_gc_pauses_in_window target_gc_pause_ms_total target_gc_pause_ms_max" \
  >"$RESULTS_DIR/raw.txt"
base_w=$(awk -v i="$INTERVAL" 'BEGIN { printf "%d", i + 5.5 }')
if [ -z "${SKIP_BARE:-}" ]; then
  run_client bare "$BASE_N" "$base_w" 2 10
  run_client bare "$N" "$WARMUP" "$MEASURE" "$HOLD_S"
fi
if [ -z "${SKIP_JLOAD:-}" ]; then
  run_client jload "$BASE_N" "$base_w" 2 10
  run_client jload "$N" "$WARMUP" "$MEASURE" "$HOLD_S"
fi
fi

# --- report -----------------------------------------------------------------------------------------
{
  echo "ws-echo $(date -Is): N=$N interval=${INTERVAL}s warmup=${WARMUP}s measure=${MEASURE}s base=$BASE_N, -Xmx$XMX $GC, client cpu $CLIENT_CPU, target cpu $TARGET_CPU"
  awk -v n="$N" -v b="$BASE_N" '
    !/^#/ { if ($2 == b) { base[$1] = $6; baseng[$1] = $7 } else if ($2 == n) { row[$1] = $0 } }
    END {
      printf "%-6s %6s %8s %8s %9s %7s %10s %10s %11s %9s %9s %14s %16s %16s\n", "client", "open", "msgs", "msgs/s", "cpu ms", "jit ms", "cpu/1k msg", "KB/conn", "KB/conn-jit", "p50 ms", "p99 ms", "whole p50/p99", "gc pauses n/ms/max", "target gc n/ms/max"
      split("bare jload", kinds, " ")
      for (k = 1; k <= 2; k++) {
        c = kinds[k]; if (!(c in row)) continue
        split(row[c], f, " ")
        cpu1k[c] = f[5] > 0 ? f[4] / f[5] * 1000 : 0
        kb = (f[6] - base[c]) / (n - b) / 1024; kbng = (f[7] - baseng[c]) / (n - b) / 1024
        p99[c] = f[9]
        printf "%-6s %6s %8d %8.1f %9d %7s %10.1f %10.1f %11.1f %9s %9s %14s %16s %16s\n", c, f[12], f[5], f[5] / (f[3] / 1000), f[4], f[19], cpu1k[c], kb, kbng, f[8], f[9], f[10] "/" f[11], f[20] "/" f[21] "/" f[22], f[23] "/" f[24] "/" f[25]
      }
      if (("bare" in row) && ("jload" in row)) {
        printf "jload/bare CPU per message: %.2fx (target <= 2x); added RTT p99: %.3f ms (target <= 1 ms); heap/VU target <= 130 KB\n",
          (cpu1k["bare"] > 0 ? cpu1k["jload"] / cpu1k["bare"] : 0), p99["jload"] - p99["bare"]
      }
    }' "$RESULTS_DIR/raw.txt"
  echo "(cpu: client JVM utime+stime in the window, all threads; jit: the part used by JIT compiler threads (lower bound); msgs: echoes the target sent in the window; KB/conn: (live heap(N) - live heap($BASE_N)) / (N - $BASE_N);"
  echo " KB/conn-jit: the same without jdk.graal.compiler objects; p50/p99: RTT in the window (jload: ws_rtt{phase:measure}); whole: ws_rtt / all echoes of the run;"
  echo " gc pauses: the client JVM's stop-the-world GC pauses that ended in the window: count / total ms / longest ms, from gc-<run>.log;"
  echo " target gc: the same for the target (the sandbox, gc-target.log) in that client's window: its pauses delay both clients' echoes)"
} | tee "$RESULTS_DIR/summary.txt"
