// idle-eviction — seed 001's idle-eviction scenario: a connection that sends nothing for SOCKET_IDLE_TIMEOUT_MS is
// told why and disconnected, in time, and frees its slot; a busy one stays.
//
// What it proves: each of CLIENTS idle sockets receives MESSAGE on ERROR_EVENT and is disconnected by the server
// within IDLE_TIMEOUT + GRACE of connecting; BUSY sockets that keep emitting meanwhile stay connected; afterwards the
// gateway's METRIC (open connections) no longer counts the evicted.
//
// Parameters (-e KEY=value) [default]:
//   SIO           the Socket.IO URL [TARGET_SIO under --sandbox]
//   IDLE_TIMEOUT  the gateway's timeout [SANDBOX_SIO_IDLE_TIMEOUT under --sandbox, else 2s]
//   GRACE         allowed past it [500ms]           CLIENTS  idle sockets [20]     BUSY  busy sockets [2]
//   BUSY_EVENT    what a busy socket emits, every IDLE_TIMEOUT / 4 [echo]
//   ERROR_EVENT   [SANDBOX_SIO_ERROR_EVENT under --sandbox, else novel.error]
//   MESSAGE       [Disconnected due to inactivity.]
//   METRICS_URL   [TARGET_HTTP/metrics; 'none']     METRIC   open connections [sandbox_socketio_connections]
//
// Pass criteria (thresholds): every check, idle_eviction_duration max < IDLE_TIMEOUT + GRACE, evicted == CLIENTS.
//
//   bin/jload run --sandbox --sio-idle-timeout 2s scripts/idle-eviction.js
import { check, sleep } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import socketio from 'jload/socketio';
import { scrape } from 'jload/metrics';
import { str, int, duration } from './lib/params.js';

const SIO = str('SIO', str('TARGET_SIO', 'http://127.0.0.1:3000'));
const IDLE_MS = duration('IDLE_TIMEOUT', str('SANDBOX_SIO_IDLE_TIMEOUT', '2s')); // the sandbox gives ms: a bare number is ms
const GRACE_MS = duration('GRACE', '500ms');
const CLIENTS = int('CLIENTS', 20, 1);
const BUSY = int('BUSY', 2);
const BUSY_EVENT = str('BUSY_EVENT', 'echo');
const ERROR_EVENT = str('ERROR_EVENT', str('SANDBOX_SIO_ERROR_EVENT', 'novel.error'));
const MESSAGE = str('MESSAGE', 'Disconnected due to inactivity.');
const METRICS_URL = str('METRICS_URL', __ENV.TARGET_HTTP ? `${__ENV.TARGET_HTTP}/metrics` : 'none');
const METRIC = str('METRIC', 'sandbox_socketio_connections');

const evicted = new Counter('evicted');
const evictionTime = new Trend('idle_eviction_duration', true);

export const options = {
  scenarios: {
    idle: { executor: 'per-vu-iterations', vus: CLIENTS, iterations: 1, exec: 'idle', maxDuration: '2m' },
    ...(BUSY > 0 ? { busy: { executor: 'per-vu-iterations', vus: BUSY, iterations: 1, exec: 'busy', maxDuration: '2m' } } : {}),
    ...(METRICS_URL === 'none' ? {} : {
      afterwards: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'afterwards', startTime: `${IDLE_MS + GRACE_MS + 2500}ms` },
    }),
  },
  thresholds: {
    checks: ['rate==1'],
    idle_eviction_duration: [`max<${IDLE_MS + GRACE_MS}`],
    evicted: [`count==${CLIENTS}`],
  },
};

export function idle() {
  const t0 = Date.now();
  const io = socketio.connect(SIO, { timeout: '10s' });
  if (!check(io, { 'connected': (s) => s.ok })) return;
  const why = io.expect(ERROR_EVENT, () => true, { timeout: `${IDLE_MS + GRACE_MS + 5000}ms` });
  io.wait(200); // the disconnect follows the message
  const tookMs = Date.now() - t0;
  const right = why !== null && String((why[0] ?? {}).message ?? '').includes(MESSAGE) && !io.connected;
  if (why === null) console.error(`an idle socket was not evicted within ${IDLE_MS + GRACE_MS + 5000} ms; expected '${MESSAGE}' after ${IDLE_MS} ms`);
  else if (!right) console.error(`an idle socket was told ${JSON.stringify(why[0])} and is ${io.connected ? 'still connected' : 'disconnected'}; expected '${MESSAGE}' and a disconnect`);
  else if (tookMs > IDLE_MS + GRACE_MS) console.error(`an idle socket was evicted after ${tookMs} ms; expected within ${IDLE_MS} + ${GRACE_MS} ms`);
  check(why, { 'an idle socket is told and disconnected': () => right });
  if (right) {
    evicted.add(1);
    evictionTime.add(tookMs);
  }
  io.close();
}

export function busy() {
  const io = socketio.connect(SIO, { timeout: '10s' });
  if (!check(io, { 'connected': (s) => s.ok })) return;
  const until = Date.now() + IDLE_MS + GRACE_MS + 1000;
  while (Date.now() < until && io.connected) {
    io.emit(BUSY_EVENT, 'still here');
    sleep(IDLE_MS / 4000);
  }
  if (!io.connected) console.error(`a busy socket was disconnected (${io.disconnectReason}); only idle ones may be`);
  check(io, { 'a busy socket stays': (s) => s.connected });
  io.close();
}

export function afterwards() {
  const page = scrape(METRICS_URL, { timeout: '5s' });
  const open = page.value(METRIC);
  if (page.ok && open > 0) console.error(`the metrics still show ${METRIC} = ${open} after the evictions; expected the slots freed`);
  check(page, { 'the evicted slots are freed in the metrics': (p) => p.ok && open === 0 });
}
