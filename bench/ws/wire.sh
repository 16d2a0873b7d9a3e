#!/usr/bin/env bash
# Wire truth: jload's ws_rtt against the round trip a loopback capture sees, message by message.
#
#   bench/ws/wire.sh [RUNS]          (default 3)
#
# Starts `jload sandbox` (the target, /ws/echo) and tshark on lo (capture filter: the target's port),
# both pinned to TARGET_CPU (1); then RUNS times runs bench/ws/wire.js pinned to CLIENT_CPU (0):
# VUS VUs × CONNS connections (one after the other: the later ones are the reconnect wave) × MSGS
# messages, each carrying its id, INTERVAL_MS apart, VUs starting over RAMP_S. Per message:
#   wire RTT   = the reply frame's capture time − the request frame's capture time (same id)
#   jload RTT  = its ws_rtt sample (`--out json`; the VU's k-th sample is its k-th message)
#   extra      = jload − wire: what jload adds between the socket and its own clock
# Prints, per run, extra's p50/p99/max over all messages and over the slices where a tester's own
# work hides (the first message of each connection, reconnects, the first 10 s), and the share of
# all extra time spent in the first 10 s. Raw data (pcap, json, joined.tsv) in RESULTS_DIR.
#
# Environment: VUS (100), CONNS (2), MSGS (30), INTERVAL_MS (200), RAMP_S (5), CLIENT_CPU (0),
# TARGET_CPU (1), CLIENT_JAVA_OPTS (JLOAD_JAVA_OPTS for jload), RESULTS_DIR. Needs tshark (Debian's
# package `tshark`; run as root or as a member of group wireshark).
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib.sh"

RUNS=${1:-3}
VUS=${VUS:-100}
CONNS=${CONNS:-2}
MSGS=${MSGS:-30}
INTERVAL_MS=${INTERVAL_MS:-200}
RAMP_S=${RAMP_S:-5}
CLIENT_CPU=${CLIENT_CPU:-0}
TARGET_CPU=${TARGET_CPU:-1}
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/wire-$(date +%Y%m%d-%H%M%S)}

for v in RUNS VUS CONNS MSGS INTERVAL_MS RAMP_S; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "bench: $v must be a whole number: ${!v}" >&2; exit 2; }
done
command -v tshark >/dev/null || { echo "bench: tshark is not installed (apt-get install tshark)" >&2; exit 2; }

mkdir -p "$RESULTS_DIR"
sandbox_pid="" capture_pid=""
cleanup() {
  [ -z "$capture_pid" ] || { kill -INT "$capture_pid" 2>/dev/null || true; wait "$capture_pid" 2>/dev/null || true; }
  stop_pid "$sandbox_pid"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$JLOAD" version >/dev/null # build (if needed) before anything is measured
start_sandbox "$RESULTS_DIR" "$TARGET_CPU"
port=${target_ws##*:}
echo "wire: $VUS VUs x $CONNS connections x $MSGS messages, ${INTERVAL_MS} ms apart, ramp ${RAMP_S} s;" \
  "target $target_ws and tshark on cpu $TARGET_CPU, jload on cpu $CLIENT_CPU; raw data: $RESULTS_DIR" >&2

# Capture of one run: "id<TAB>wire_ms<TAB>sent_epoch_s" for every message whose request and reply
# were both captured. tshark unmasks client frames; frames sharing a segment come ';'-joined.
wire_rtts() {
  tshark -r "$1" -d "tcp.port==$port,http" -Y 'websocket.opcode == 1' -T fields -E separator='|' -E occurrence=a -E aggregator=';' \
    -e frame.time_epoch -e tcp.dstport -e websocket.payload.text 2>/dev/null |
    awk -F'|' -v port="$port" '
      { n = split($3, texts, ";")
        for (i = 1; i <= n; i++) {
          if (split(texts[i], w, " ") < 2 || w[1] != "m") continue
          if ($2 == port) sent[w[2]] = $1; else got[w[2]] = $1
        } }
      END { for (id in sent) if (id in got) printf "%s\t%.6f\t%.6f\n", id, (got[id] - sent[id]) * 1000, sent[id] }'
}

# ws_rtt samples of one run's --out json: "id<TAB>jload_ms". A VU's samples come in the order it took
# them (one message at a time), so its k-th is message VU.(k / MSGS).(k % MSGS); a VU with a sample
# missing (an expect that timed out) cannot be numbered and is left out (counted as lost).
jload_rtts() {
  grep '^{"metric":"ws_rtt","type":"Point"' "$1" |
    sed -n 's/.*"value":\([0-9.eE+-]*\),.*"vu":"\([0-9]*\)".*/\2\t\1/p' |
    awk -F'\t' -v msgs="$MSGS" -v per_vu=$((CONNS * MSGS)) '
      { k = n[$1]++; v[$1, k] = $2 }
      END { for (vu in n) if (n[vu] == per_vu) for (k = 0; k < per_vu; k++)
              printf "%s.%d.%d\t%s\n", vu, int(k / msgs), k % msgs, v[vu, k] }'
}

# Percentiles (nearest rank) of the numbers on stdin: "p50 p99 max", or "- - -".
pcts() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "- - -"; exit }
    r50 = int(NR * 0.50 + 0.999999); r99 = int(NR * 0.99 + 0.999999)
    printf "%.2f %.2f %.2f\n", v[r50], v[r99], v[NR] }'
}

printf '%-4s %6s %6s | %-19s %-19s | %-17s %-17s %-17s %-17s | %s\n' run joined lost "wire p50/p99/max" "jload p50/p99/max" \
  "extra all" "extra 1st msg" "extra reconnect" "extra after 10 s" "extra 1st 10 s: p99 · share of all extra"
for run in $(seq "$RUNS"); do
  pcap="$RESULTS_DIR/run$run.pcap" json="$RESULTS_DIR/run$run.json" joined="$RESULTS_DIR/run$run-joined.tsv"
  taskset -c "$TARGET_CPU" tshark -i lo -f "tcp port $port" -w "$pcap" -q >"$RESULTS_DIR/run$run-tshark.log" 2>&1 &
  capture_pid=$!
  for _ in $(seq 100); do grep -q 'Capturing on' "$RESULTS_DIR/run$run-tshark.log" 2>/dev/null && break; sleep 0.1; done
  rc=0
  JLOAD_JAVA_OPTS="${CLIENT_JAVA_OPTS:-}" taskset -c "$CLIENT_CPU" "$JLOAD" run -q --no-color --out json="$json" \
    -e TARGET="$target_ws" -e VUS="$VUS" -e CONNS="$CONNS" -e MSGS="$MSGS" -e INTERVAL_MS="$INTERVAL_MS" \
    -e RAMP_S="$RAMP_S" "$bench_dir/ws/wire.js" >"$RESULTS_DIR/run$run.out" 2>&1 || rc=$?
  sleep 0.5
  kill -INT "$capture_pid" 2>/dev/null || true
  wait "$capture_pid" 2>/dev/null || true
  capture_pid=""
  [ "$rc" -eq 0 ] || echo "bench: run $run: jload exited with $rc (see $RESULTS_DIR/run$run.out)" >&2

  # joined: id iteration seq sent_s_from_first wire_ms jload_ms extra_ms
  join -t $'\t' <(wire_rtts "$pcap" | sort -k1,1) <(jload_rtts "$json" | sort -k1,1) |
    awk -F'\t' '{ split($1, p, "."); rows[NR] = $1 "\t" p[2] "\t" p[3]; w[NR] = $2; s[NR] = $3; j[NR] = $4
                  if (NR == 1 || $3 < t0) t0 = $3 }
      END { for (i = 1; i <= NR; i++) printf "%s\t%.3f\t%.3f\t%.3f\t%.3f\n", rows[i], s[i] - t0, w[i], j[i], j[i] - w[i] }' \
      >"$joined"
  expected=$((VUS * CONNS * MSGS))
  n=$(wc -l <"$joined")
  col() { awk -F'\t' "$1 { print \$$2 }" "$joined" | pcts | tr ' ' /; }
  share=$(awk -F'\t' '{ x = $7 > 0 ? $7 : 0; all += x; if ($4 < 10) early += x }
                      END { printf "%.0f %%", (all > 0 ? 100 * early / all : 0) }' "$joined")
  printf '%-4s %6s %6s | %-19s %-19s | %-17s %-17s %-17s %-17s | %s · %s\n' "$run" "$n" "$((expected - n))" \
    "$(col 1 5)" "$(col 1 6)" "$(col 1 7)" "$(col '$3 == 0' 7)" "$(col '$2 > 0 && $3 == 0' 7)" "$(col '$4 >= 10' 7)" \
    "$(col '$4 < 10' 7 | cut -d/ -f2)" "$share"
done
echo "(ms; extra = jload ws_rtt - wire RTT per message; 'lost': messages not joined on both sides)" >&2
# Replies the target's WebSocket library left unwritten and the sandbox found late (StalledWriteRescuer):
# each one is a wire RTT of up to ~40 ms that is the target's, not jload's.
echo "target: $(curl -sf --max-time 5 "$target_http/metrics" | grep '^sandbox_write_stalls_total' || echo 'no metrics')" >&2
