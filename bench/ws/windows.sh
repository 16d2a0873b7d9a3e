#!/usr/bin/env bash
# A Trend's percentiles per time window, from a jload `--out json` file: where in a run (start, ramp,
# hold, close) the latency was made.
#
#   bench/ws/windows.sh OUT.json [METRIC [WINDOW_S [HOLD_FROM_S HOLD_TO_S]]]
#                       (defaults: ws_rtt, 5, and the hold from 10 s to 70 s: the peer bench's W1/W2)
#
# Windows are counted from the metric's first sample. Prints one row per window: samples, p50, p99,
# max (ms), and `> 3x hold` where the window's p99 exceeds three times the hold's p99 (the hold: all
# samples between HOLD_FROM_S and HOLD_TO_S).
set -euo pipefail

[ $# -ge 1 ] && [ -f "$1" ] || { echo "usage: $0 OUT.json [METRIC [WINDOW_S [HOLD_FROM_S HOLD_TO_S]]]" >&2; exit 2; }
json=$1 metric=${2:-ws_rtt} window=${3:-5} hold_from=${4:-10} hold_to=${5:-70}

grep -F "{\"metric\":\"$metric\",\"type\":\"Point\"" "$json" |
  sed -n 's/.*"time":"[0-9-]*T\([0-9]*\):\([0-9]*\):\([0-9.]*\)Z","value":\([0-9.eE+-]*\).*/\1 \2 \3 \4/p' |
  awk -v w="$window" -v hf="$hold_from" -v ht="$hold_to" -v metric="$metric" '
    function pct(a, n, q) { return a[int(n * q + 0.999999) < 1 ? 1 : int(n * q + 0.999999)] }
    { t = $1 * 3600 + $2 * 60 + $3
      if (NR == 1) t0 = t
      if (t < t0 - 43200) t += 86400            # the run crossed midnight
      s = t - t0; k = int(s / w)
      n[k]++; v[k, n[k]] = $4; if (k > last) last = k
      if (s >= hf && s < ht) hold[++nh] = $4 }
    END {
      if (NR == 0) { print "no samples of " metric > "/dev/stderr"; exit 1 }
      asort(hold); hp99 = nh ? pct(hold, nh, 0.99) : 0
      printf "%s per %g s window (from its first sample); hold [%g s, %g s): %d samples, p99 %.2f ms\n", metric, w, hf, ht, nh, hp99
      printf "%-13s %8s %9s %9s %9s\n", "window (s)", "samples", "p50", "p99", "max"
      for (k = 0; k <= last; k++) {
        m = n[k] + 0
        if (m == 0) { printf "%5g-%-7g %8d\n", k * w, (k + 1) * w, 0; continue }
        delete a; for (i = 1; i <= m; i++) a[i] = v[k, i]; asort(a)
        p99 = pct(a, m, 0.99)
        printf "%5g-%-7g %8d %9.2f %9.2f %9.2f%s\n", k * w, (k + 1) * w, m, pct(a, m, 0.5), p99, a[m],
          (nh && p99 > 3 * hp99) ? "   > 3x hold" : ""
      }
    }'
