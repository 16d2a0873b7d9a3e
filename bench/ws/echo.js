// The jload side of bench/ws/run.sh: the same closed-loop echo workload as BareNettyEchoClient.java.
// Each VU owns one WebSocket (module state, opened on its first iteration and kept across iterations);
// each iteration sends a 100-byte text message, expects its echo (ws_rtt) and sleeps INTERVAL seconds.
//
//   bin/jload run -e TARGET=ws://127.0.0.1:PORT -e VUS=1000 -e INTERVAL=1 -e WARMUP=20 -e MEASURE=40 \
//       --summary-export summary.json bench/ws/echo.js          (bin/jload run --sandbox … works too)
//
// Timeline (test time, from the start of the test after VU init; VU 1 logs "JLOAD_BENCH_T0 <epoch ms>"):
//   [0, RAMP)                 VUs start spread evenly over RAMP (each sleeps (VU-1)/VUS*RAMP once)
//   [0, WARMUP)               warm-up: exec.vu.tags.phase = 'warmup' / 'warmup-b' (alternating every 5 s)
//   [WARMUP, WARMUP+MEASURE)  the measured window (run.sh samples CPU and the target's counter); an
//                             iteration that starts in it is tagged phase=measure. ws_rtt carries the
//                             VU's tags at the expect, so 'ws_rtt{phase:measure}' is the window's
//                             round trips; the socket stays the same one throughout (no reconnects).
//   [WARMUP+MEASURE, +HOLD)   no more sends: idle VUs with open sockets (run.sh measures heap here)
import { sleep } from 'k6';
import exec from 'k6/execution';
import { ws } from 'jload';
import { Counter } from 'k6/metrics';

const VUS = parseInt(__ENV.VUS || '100', 10);
const INTERVAL = parseFloat(__ENV.INTERVAL || '1');
const WARMUP = parseFloat(__ENV.WARMUP || '20');
const MEASURE = parseFloat(__ENV.MEASURE || '40');
const HOLD = parseFloat(__ENV.HOLD || '15');
const RAMP = parseFloat(__ENV.RAMP || String(Math.min(10, Math.max(1, WARMUP / 4))));
const URL = `${__ENV.TARGET || 'ws://127.0.0.1:8080'}/ws/echo`;
const START_MS = WARMUP * 1000;
const PHASES = ['warmup', 'warmup-b', 'measure', 'measure'];
const END_MS = (WARMUP + MEASURE) * 1000;
const MESSAGE_BYTES = 100;

const timeouts = new Counter('bench_echo_timeouts');

export const options = {
  scenarios: {
    echo: { executor: 'constant-vus', vus: VUS, duration: `${WARMUP + MEASURE + HOLD}s`, gracefulStop: '5s' },
  },
  // Declares the submetric so that the summary (and --summary-export) has it; never fails.
  thresholds: { 'ws_rtt{phase:measure}': ['max>=0'] },
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(99)', 'max', 'count'],
};

let socket = null;
let message = null;
let phase = null;

export default function () {
  if (message === null) {
    message = `${__VU}:`.padEnd(MESSAGE_BYTES, '.');
    if (__VU === 1) console.log(`JLOAD_BENCH_T0 ${Date.now() - exec.instance.currentTestRunDuration}`);
    if (VUS > 1) sleep((RAMP * (__VU - 1)) / VUS);
  }
  const t = exec.instance.currentTestRunDuration;
  if (t >= END_MS) {
    sleep(1); // idle: the socket stays open, no traffic
    return;
  }
  // Branch-free on purpose, and changing every 5 s during the warm-up: entering the window must not
  // be a first-time code path. A branch that flips in 1,000 parked VUs at once made the JIT
  // deoptimise and recompile for ~2 s of one core's CPU, right at the window's start (measured).
  const p = PHASES[(t >= START_MS) * 2 + (Math.floor(t / 5000) % 2)];
  if (p !== phase) exec.vu.tags.phase = phase = p;
  if (socket === null || !socket.open) {
    socket = ws.connect(URL, { persist: true });
    if (!socket.ok) {
      console.error(`VU ${__VU}: connect failed: ${socket.error}`);
      socket = null;
      sleep(INTERVAL);
      return;
    }
  }
  socket.send(message);
  const echo = socket.expect((m) => m.text === message, { timeout: '5s' });
  if (echo === null) timeouts.add(1);
  sleep(INTERVAL);
}
