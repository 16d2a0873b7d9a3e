// The jload side of bench/socketio/ack.sh: CONNS Socket.IO clients arriving over RAMP_S seconds,
// each emitting an event with a ~100-byte payload and awaiting its ack, MSGS times, INTERVAL_MS apart.
import socketio from 'jload/socketio';
import { sleep } from 'k6';

const CONNS = Number(__ENV.CONNS || 1000);
const RAMP_S = Number(__ENV.RAMP_S || 10);
const MSGS = Number(__ENV.MSGS || 60);
const INTERVAL_S = Number(__ENV.INTERVAL_MS || 1000) / 1000;
const PAYLOAD = 'x'.repeat(100);

export const options = {
  scenarios: { ack: { executor: 'per-vu-iterations', vus: CONNS, iterations: 1, maxDuration: '10m' } },
  summaryTrendStats: ['med', 'p(95)', 'p(99)', 'max', 'count'],
};

export default function () {
  sleep(((__VU - 1) / CONNS) * RAMP_S);
  const io = socketio.connect(__ENV.TARGET, { timeout: '30s' });
  if (!io.ok) return;
  for (let i = 0; i < MSGS; i++) {
    io.emitWithAck('ack', PAYLOAD, { timeout: '10s' });
    sleep(INTERVAL_S);
  }
  io.close();
}
