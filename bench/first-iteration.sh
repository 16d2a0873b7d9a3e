#!/usr/bin/env bash
# Time from launching `bin/jload run` to the first iteration.
#
#   bench/first-iteration.sh
#
# Each run: takes a wall-clock timestamp (ms) just before starting `bin/jload run -q --no-summary`
# (launcher script, JVM start, GraalJS engine, script compile, init of every VU, scenario start),
# and reads the earliest timestamp the script logs (Date.now()) at the start of a first iteration.
# The difference is "launch -> first iteration". jload is built beforehand (`bin/jload version`),
# so no build is included; the launcher's source-change check and JIT probe cache are included.
# Runs RUNS (5) times with 1 VU and RUNS_BIG (3) times with BIG_N (1000) VUs; each VU logs once and
# then sleeps, and the JVM is stopped once the first iteration is seen. Prints median and min..max.
# Also records, at the moment the first iteration is seen (polled every 50 ms, so slightly after),
# the CPU time the jload process has used (utime+stime from /proc/PID/stat, all threads) and the
# 1-minute load average: on a shared machine wall time depends on what else runs, CPU time less so.
#
# Environment: SCRIPT_LANG (js or groovy: the VU script's language), RUNS (5), RUNS_BIG (3), BIG_N (1000), JLOAD_JAVA_OPTS (passed on, default none),
# TIMEOUT_S (120 per run), RESULTS_DIR (bench/results/first-iter-<date>), JLOAD (bin/jload).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=${RUNS:-5}
RUNS_BIG=${RUNS_BIG:-3}
BIG_N=${BIG_N:-1000}
TIMEOUT_S=${TIMEOUT_S:-120}
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/first-iter-$SCRIPT_LANG-$(date +%Y%m%d-%H%M%S)}

mkdir -p "$RESULTS_DIR"
work=$(mktemp -d)
pid=""
cleanup() { stop_pid "$pid"; pid=""; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

once="$work/once.$SCRIPT_LANG"; write_script "$once" 0
idle="$work/idle.$SCRIPT_LANG"; write_script "$idle" 3600

# Build (if needed) and warm the OS file cache, outside of any measurement.
"$JLOAD" version >/dev/null
"$JLOAD" run -q --no-summary -i 1 "$once" >/dev/null 2>&1

# one_run LABEL ARGS... -> sets ms (launch->first iteration), cpu (CPU ms so far), load (load
# average). Runs in this shell (not a subshell) so the EXIT trap always knows the JVM's pid.
one_run() {
  local label=$1 log="$work/$1.log" deadline first t0
  shift
  cpu=NA load=NA
  t0=$(now_ms)
  "$JLOAD" run -q --no-summary "$@" >/dev/null 2>"$log" &
  pid=$!
  deadline=$(( $(date +%s) + TIMEOUT_S ))
  while :; do
    first=$(first_iter_ms "$log")
    [ -n "$first" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      first=$(first_iter_ms "$log")
      [ -n "$first" ] && break
      echo "bench: jload exited without a first iteration; its stderr:" >&2; tail -20 "$log" >&2; exit 1
    fi
    [ "$(date +%s)" -lt "$deadline" ] || { echo "bench: no first iteration within ${TIMEOUT_S}s" >&2; exit 1; }
    sleep 0.05
  done
  local hz
  hz=$(getconf CLK_TCK)
  if [ -r "/proc/$pid/stat" ]; then
    # Fields after the ")" that ends the command name: utime is the 12th, stime the 13th.
    cpu=$(sed 's/.*) //' "/proc/$pid/stat" | awk -v hz="$hz" '{ printf "%d", ($12 + $13) * 1000 / hz }')
  fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  stop_pid "$pid"; pid=""
  cp "$log" "$RESULTS_DIR/$label.log"
  ms=$(( first - t0 ))
}

echo "# vus run launch_to_first_iteration_ms cpu_ms_at_first_iteration loadavg_1min" >"$RESULTS_DIR/raw.txt"
echo "first-iteration ($SCRIPT_LANG): $RUNS runs x 1 VU, $RUNS_BIG runs x $BIG_N VUs ($(nproc) cores); raw data: $RESULTS_DIR" >&2
for r in $(seq "$RUNS"); do
  one_run "u1-r$r" -u 1 -d 2h "$idle"
  echo "1 $r $ms $cpu $load" >>"$RESULTS_DIR/raw.txt"
  echo "  1 VU, run $r: $ms ms (CPU $cpu ms, load $load)" >&2
done
for r in $(seq "$RUNS_BIG"); do
  one_run "u$BIG_N-r$r" -u "$BIG_N" -d 2h "$idle"
  echo "$BIG_N $r $ms $cpu $load" >>"$RESULTS_DIR/raw.txt"
  echo "  $BIG_N VUs, run $r: $ms ms (CPU $cpu ms, load $load)" >&2
done

{
  printf '%-6s %-5s %-28s %-28s %s\n' "VUs" "runs" "wall s: median [min..max]" "CPU s: median [min..max]" "load avg [min..max]"
  for n in 1 "$BIG_N"; do
    read -r m lo hi < <(awk -v n="$n" '!/^#/ && $1 == n { print $3 / 1000 }' "$RESULTS_DIR/raw.txt" | median_spread)
    read -r cm clo chi < <(awk -v n="$n" '!/^#/ && $1 == n && $4 != "NA" { print $4 / 1000 }' "$RESULTS_DIR/raw.txt" | median_spread)
    read -r _ llo lhi < <(awk -v n="$n" '!/^#/ && $1 == n { print $5 }' "$RESULTS_DIR/raw.txt" | median_spread)
    runs=$(awk -v n="$n" '!/^#/ && $1 == n' "$RESULTS_DIR/raw.txt" | wc -l)
    printf '%-6s %-5s %-28s %-28s %s\n' "$n" "$runs" "$m [$lo..$hi]" "$cm [$clo..$chi]" "[$llo..$lhi]"
  done
} | tee "$RESULTS_DIR/summary.txt"
