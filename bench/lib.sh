# Helpers shared by bench/*.sh. Sourced, not run. Bash + JDK tools only.

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$bench_dir")
JLOAD=${JLOAD:-$repo_root/bin/jload}

# The JDK bin/jload itself would pick (JAVA_HOME, java on PATH, /usr/lib/jvm), for jcmd.
# shellcheck source=../bin/find-jdk
source "$repo_root/bin/find-jdk"
bench_jdk() {
  local jdk
  jdk=$(find_jdk25) || { echo "bench: no JDK 25 found (set JAVA_HOME)" >&2; return 1; }
  echo "$jdk"
}

now_ms() { date +%s%3N; }

# The language of the bench's VU script: js (default) or groovy; also its file extension.
SCRIPT_LANG=${SCRIPT_LANG:-js}
case $SCRIPT_LANG in
  js | groovy) ;;
  *) echo "bench: SCRIPT_LANG must be js or groovy, not '$SCRIPT_LANG'" >&2; exit 2 ;;
esac

# The bench's VU script: every VU logs one marker line, with a wall-clock timestamp, at the start
# of its first iteration, then (if SLEEP_S > 0) parks in sleep() for SLEEP_S seconds.
# write_script FILE SLEEP_S    (FILE should end in .$SCRIPT_LANG)
write_script() {
  if [ "$SCRIPT_LANG" = groovy ]; then
    cat >"$1" <<EOF
boolean first = true
iteration {
  if (first) { first = false; console.log('JLOAD_BENCH_FIRST_ITER ' + System.currentTimeMillis()) }
  if ($2 > 0) sleep($2)
}
EOF
    return
  fi
  cat >"$1" <<EOF
import { sleep } from 'k6';
let first = true;
export default function () {
  if (first) { first = false; console.log('JLOAD_BENCH_FIRST_ITER ' + Date.now()); }
  if ($2 > 0) sleep($2);
}
EOF
}

# Number of VUs that have logged their first iteration so far, in stderr log FILE.
started_count() {
  local c
  c=$(grep -c 'JLOAD_BENCH_FIRST_ITER' "$1" 2>/dev/null) || true
  echo "${c:-0}"
}

# Earliest first-iteration timestamp (epoch ms) in FILE, or nothing.
first_iter_ms() {
  { grep -o 'JLOAD_BENCH_FIRST_ITER [0-9]*' "$1" 2>/dev/null || true; } | awk 'NR == 1 || $2 < m { m = $2 } END { if (NR) print m }'
}

# Stops a JVM we started: SIGTERM, up to 10 s to exit, then SIGKILL. Never fails.
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Starts `jload sandbox` (the target) pinned to CPU, on free ports, its output and GC log in DIR; sets
# sandbox_pid, target_ws (ws://127.0.0.1:PORT) and target_http. The caller stops it (stop_pid).
# Extra arguments go to `jload sandbox` (--redis URL, --sio-max-connections N, …).
# start_sandbox DIR CPU [ARG...]
start_sandbox() {
  local dir=$1 cpu=$2
  shift 2
  JLOAD_JAVA_OPTS="-Xlog:gc:file=$dir/gc-target.log:uptime,timemillis ${SANDBOX_JAVA_OPTS:-}" taskset -c "$cpu" \
    "$JLOAD" sandbox --ws-port 0 --http-port 0 "$@" >"$dir/sandbox.out" 2>&1 &
  sandbox_pid=$!
  local _
  for _ in $(seq 600); do
    grep -q '^HTTP ' "$dir/sandbox.out" 2>/dev/null && break
    kill -0 "$sandbox_pid" 2>/dev/null || { echo "bench: the sandbox exited:" >&2; cat "$dir/sandbox.out" >&2; exit 1; }
    sleep 0.1
  done
  target_ws=$(awk '$1 == "WebSocket" { print $2; exit }' "$dir/sandbox.out")
  target_http=$(awk '$1 == "HTTP" { print $2; exit }' "$dir/sandbox.out")
  [ -n "$target_ws" ] && [ -n "$target_http" ] || { echo "bench: no sandbox address" >&2; exit 1; }
}

# CPU time (ms) used so far by PID and all its descendants (utime+stime from /proc; processes that
# already exited are not counted: sample while the tree runs).
tree_cpu_ms() {
  local tck; tck=$(getconf CLK_TCK)
  awk -v root="$1" -v tck="$tck" '
    FNR == 1 { line = $0; sub(/^[0-9]+ \(.*\) /, "", line); split(line, f, " ")
               pid = FILENAME; sub("/stat$", "", pid); sub("^/proc/", "", pid)
               parent[pid] = f[2]; cpu[pid] = f[12] + f[13] }
    END { keep[root] = 1; changed = 1
          while (changed) { changed = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } }
          for (p in keep) total += cpu[p]; printf "%d\n", total * 1000 / tck }' /proc/[0-9]*/stat 2>/dev/null
}

# Reads numbers (one a line) on stdin; prints "median min max" (median of an even count: mean of
# the middle two). Numbers may be fractional.
median_spread() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "NA NA NA"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s %s %s\n", m, v[1], v[NR] }'
}

# CPU time (ms) used so far by each kind of thread of PID: one "ms name" line per thread name with its
# digits dropped (so "ForkJoinPool-1-worker-3" and "-7" add up), largest first. Diff two samples to see
# where a window's CPU went (VU carriers, event loops, JIT compiler threads, GC).
thread_cpu_ms() {
  local tck; tck=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/[0-9]*; do
    printf '%s\t%s\n' "$(tr -d '0-9' <"$t/comm" 2>/dev/null)" "$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{ print $12 + $13 }')"
  done | awk -F'\t' -v tck="$tck" '$2 != "" { ms[$1] += $2 * 1000 / tck } END { for (k in ms) printf "%d\t%s\n", ms[k], k }' | sort -rn
}

# The interop tests' real socket.io server (engine/src/test/socketio-server), npm ci'd on first use, pinned to
# CPU; its output in OUT. Sets server_pid and port; the caller stops it (stop_pid). Extra VAR=value arguments
# go to its environment (BROADCAST_MS=1000, PING_INTERVAL=…).
# start_socketio_server OUT CPU [VAR=value...]
start_socketio_server() {
  local fixture="$repo_root/engine/src/test/socketio-server" out=$1 cpu=$2 _
  shift 2
  [ -d "$fixture/node_modules/socket.io" ] || (cd "$fixture" && npm ci --no-audit --no-fund >/dev/null)
  (cd "$fixture" && exec env "$@" taskset -c "$cpu" node server.js) >"$out" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do grep -q '^LISTENING' "$out" && break; sleep 0.1; done
  port=$(awk '/^LISTENING/ { print $2 }' "$out")
  [ -n "$port" ] || { echo "bench: the socket.io server did not start:" >&2; cat "$out" >&2; exit 1; }
}
