// The jload side of bench/socketio/broadcast.sh: CONNS Socket.IO clients arriving over RAMP_S seconds, each joins
// the room 'everyone' and listens to the server's 'tick' broadcasts ({n, ts}) until END_S seconds after setup.
// broadcast_receipt: the tick's send time on the server (ts) → its frame read on jload's event loop
// (io.receivedAt); same machine, same wall clock. Only ticks sent between FROM_S and TO_S s after setup count.
import socketio from 'jload/socketio';
import { sleep } from 'k6';
import { Counter, Trend } from 'k6/metrics';

const CONNS = Number(__ENV.CONNS || 5000);
const RAMP_S = Number(__ENV.RAMP_S || 20);
const FROM_S = Number(__ENV.FROM_S || 35);
const TO_S = Number(__ENV.TO_S || 95);
const END_S = Number(__ENV.END_S || 102);
const receipt = new Trend('broadcast_receipt', true);
const received = new Counter('broadcast_ticks');
const gaps = new Counter('broadcast_gaps'); // ticks a VU never got: holes in the n it saw

export const options = {
  setupTimeout: '10s',
  scenarios: { room: { executor: 'per-vu-iterations', vus: CONNS, iterations: 1, maxDuration: `${END_S + 60}s` } },
  summaryTrendStats: ['med', 'p(90)', 'p(99)', 'max', 'count'],
};

export function setup() {
  const t0 = Date.now();
  console.log(`broadcast-bench t0=${t0}`); // broadcast.sh times its CPU window and heap snapshot from it
  return { t0 };
}

export default function (data) {
  sleep(((__VU - 1) / CONNS) * RAMP_S);
  const io = socketio.connect(__ENV.TARGET, { timeout: '60s' });
  if (!io.ok) return;
  io.emitWithAck('join', 'everyone', { timeout: '60s' });
  const from = data.t0 + FROM_S * 1000, to = data.t0 + TO_S * 1000;
  let lastN = null;
  io.on('tick', (t) => {
    if (t.ts < from || t.ts >= to) return;
    receipt.add(io.receivedAt - t.ts);
    received.add(1);
    if (lastN !== null && t.n > lastN + 1) gaps.add(t.n - lastN - 1);
    lastN = t.n;
  });
  io.wait(Math.max(0, data.t0 + END_S * 1000 - Date.now()));
  io.close();
}
