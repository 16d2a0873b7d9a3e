#!/usr/bin/env bash
# Live Java heap per idle VU.
#
#   bench/heap-per-vu.sh [N...]          (default: 1000 10000)
#
# For each repetition, and for the baseline BASE_N and then each N: starts `jload run` with N VUs
# running a minimal script (each VU logs a marker once, then sleeps for an hour), waits until all N
# markers are logged (every VU initialised, started and parked in sleep), waits SETTLE_S, forces two
# full GCs (jcmd GC.run) and takes a live class histogram (jcmd GC.class_histogram, itself a full
# GC). Live heap = histogram total minus G1's filler arrays (dead space, not objects).
#   KB per VU = (live(N) - live(BASE_N)) / (N - BASE_N) / 1024, paired within a repetition.
# Prints the median and min..max over REPEATS. Raw histograms and heap_info go to RESULTS_DIR.
#
# Environment: SCRIPT_LANG (js or groovy: the VU script's language), REPEATS (3), BASE_N (10), XMX (8g), GC (-XX:+UseG1GC), SETTLE_S (3),
# START_TIMEOUT_S (60 + N/40), RESULTS_DIR (bench/results/heap-<date>), JLOAD (bin/jload).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPEATS=${REPEATS:-3}
BASE_N=${BASE_N:-10}
XMX=${XMX:-8g}
GC=${GC:--XX:+UseG1GC}
SETTLE_S=${SETTLE_S:-3}
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/heap-$SCRIPT_LANG-$(date +%Y%m%d-%H%M%S)}
# REPORT_ONLY=1 RESULTS_DIR=... recomputes the summary from an earlier run's raw data.
if [ $# -gt 0 ]; then NS=("$@"); else NS=(1000 10000); fi
for n in "${NS[@]}"; do
  [[ $n =~ ^[0-9]+$ ]] && [ "$n" -gt "$BASE_N" ] || { echo "bench: N must be an integer > BASE_N ($BASE_N): $n" >&2; exit 2; }
done

jdk=$(bench_jdk)
JCMD="$jdk/bin/jcmd"
mkdir -p "$RESULTS_DIR"
work=$(mktemp -d)
pid=""
cleanup() { stop_pid "$pid"; pid=""; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

script="$work/idle.$SCRIPT_LANG"
write_script "$script" 3600

# Build (if needed) outside of any measurement.
[ -n "${REPORT_ONLY:-}" ] || "$JLOAD" version >/dev/null

# measure N REP -> prints live heap bytes; saves raw data under RESULTS_DIR
measure() {
  local n=$1 rep=$2 log="$work/stderr-$1-$2.log" tag="n$1-r$2"
  local timeout_s=${START_TIMEOUT_S:-$((60 + n / 40))}
  local t0 deadline count
  t0=$(now_ms)
  JLOAD_JAVA_OPTS="-Xmx$XMX $GC ${JLOAD_JAVA_OPTS:-}" \
    "$JLOAD" run -q --no-summary -u "$n" -d 2h "$script" >"$work/stdout-$tag.log" 2>"$log" &
  pid=$!
  deadline=$(( $(date +%s) + timeout_s ))
  while :; do
    count=$(started_count "$log")
    [ "$count" -ge "$n" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: jload exited before all VUs started (N=$n); its stderr:" >&2; tail -20 "$log" >&2; exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "bench: only $count of $n VUs started within ${timeout_s}s" >&2; exit 1
    fi
    sleep 0.5
  done
  local started_ms=$(( $(now_ms) - t0 ))
  sleep "$SETTLE_S"
  timeout 120 "$JCMD" "$pid" GC.run >/dev/null
  timeout 120 "$JCMD" "$pid" GC.run >/dev/null
  timeout 120 "$JCMD" "$pid" GC.heap_info >"$RESULTS_DIR/heapinfo-$tag.txt"
  timeout 300 "$JCMD" "$pid" GC.class_histogram >"$RESULTS_DIR/histo-$tag.txt"
  stop_pid "$pid"; pid=""
  cp "$log" "$RESULTS_DIR/stderr-$tag.log" 2>/dev/null || true
  local total filler used_k
  total=$(awk '$1 == "Total" { print $3 }' "$RESULTS_DIR/histo-$tag.txt")
  filler=$(awk '/jdk\.internal\.vm\.Filler/ { s += $3 } END { print s + 0 }' "$RESULTS_DIR/histo-$tag.txt")
  graal=$(awk '/\(jdk\.graal\.compiler/ { s += $3 } END { print s + 0 }' "$RESULTS_DIR/histo-$tag.txt")
  used_k=$(sed -n 's/.* used \([0-9]*\)K.*/\1/p' "$RESULTS_DIR/heapinfo-$tag.txt" | head -1)
  [ -n "$total" ] || { echo "bench: no Total in class histogram (N=$n)" >&2; exit 1; }
  printf '%s %s %s %s %s %s %s\n' "$n" "$rep" "$((total - filler))" "$((used_k * 1024))" "$filler" "$started_ms" "$((total - filler - graal))" >>"$RESULTS_DIR/raw.txt"
  echo "  N=$n rep=$rep: all started after ${started_ms} ms; live $((total - filler)) B (histogram), used $((used_k * 1024)) B (heap_info)" >&2
}

if [ -z "${REPORT_ONLY:-}" ]; then
echo "# n rep live_bytes heapinfo_used_bytes filler_bytes launch_to_all_started_ms live_minus_graal_compiler_bytes" >"$RESULTS_DIR/raw.txt"
echo "heap-per-vu ($SCRIPT_LANG): N=${NS[*]} baseline=$BASE_N repeats=$REPEATS -Xmx$XMX $GC ($(nproc) cores); raw data: $RESULTS_DIR" >&2
for rep in $(seq "$REPEATS"); do
  measure "$BASE_N" "$rep"
  for n in "${NS[@]}"; do measure "$n" "$rep"; done
done
fi

# Per-VU figures, each N paired with the baseline of the same repetition.
per_vu() { # N COLUMN -> one KB/VU figure per repetition
  awk -v n="$1" -v b="$BASE_N" -v c="$2" '!/^#/ {
      if ($1 == b) base[$2] = $c; else if ($1 == n) v[$2] = $c }
    END { for (r in v) printf "%.1f\n", (v[r] - base[r]) / (n - b) / 1024 }' "$RESULTS_DIR/raw.txt"
}
{
  printf '%-7s %-24s %-24s %-24s %s\n' "N" "live KB/VU med [range]" "-graal KB/VU med [range]" "heap_info KB/VU med [rng]" "launch->all started s (med)"
  for n in "${NS[@]}"; do
    read -r lm llo lhi < <(per_vu "$n" 3 | median_spread)
    read -r um ulo uhi < <(per_vu "$n" 4 | median_spread)
    read -r gm glo ghi < <(per_vu "$n" 7 | median_spread)
    read -r sm _ _ < <(awk -v n="$n" '!/^#/ && $1 == n { print $6 / 1000 }' "$RESULTS_DIR/raw.txt" | median_spread)
    printf '%-7s %-24s %-24s %-24s %s\n' "$n" "$lm [$llo..$lhi]" "$gm [$glo..$ghi]" "$um [$ulo..$uhi]" "$sm"
  done
  read -r bm blo bhi < <(awk -v b="$BASE_N" '!/^#/ && $1 == b { printf "%.1f\n", $3 / 1048576 }' "$RESULTS_DIR/raw.txt" | median_spread)
  echo "baseline N=$BASE_N live heap: $bm MB [$blo..$bhi]"

  # Where the per-VU bytes go: class histogram diff, each N vs the baseline, repetition 1.
  for n in "${NS[@]}"; do
    echo
    echo "Top 10 classes by bytes per VU (histogram N=$n minus N=$BASE_N, repetition 1):"
    awk -v n="$n" -v b="$BASE_N" '
      FNR == 1 { f++ }
      $1 ~ /^[0-9]+:$/ { if (f == 1) { bb[$4] = $3; bi[$4] = $2 } else { nb[$4] = $3; ni[$4] = $2 } }
      END { for (k in nb) printf "%10.1f %10.2f  %s\n", (nb[k] - bb[k]) / (n - b), (ni[k] - bi[k]) / (n - b), k }' \
      "$RESULTS_DIR/histo-n$BASE_N-r1.txt" "$RESULTS_DIR/histo-n$n-r1.txt" \
      | sort -gr | awk 'NR <= 10' | awk 'BEGIN { printf "%10s %10s  %s\n", "B/VU", "inst/VU", "class" } { print }'
  done
} | tee "$RESULTS_DIR/summary.txt"
