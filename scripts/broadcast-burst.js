// broadcast-burst — seed 001's broadcast burst: SUBSCRIBERS Socket.IO sockets join one room; EVENTS events are then
// published on a Redis channel that the gateway relays to the room, optionally with a Redis outage in the middle.
//
// What it proves: every subscriber receives every event, and the fan-out (Redis PUBLISH → the Socket.IO frame read,
// fanout_latency: jload stamps each publish, however the gateway reshapes the payload) stays under P95. With
// OUTAGE_AT, Redis goes away before that event for OUTAGE_MS; the publisher retries what failed to publish, and
// fanout_dropped counts what the gateway lost while it reconnected.
//
// Parameters (-e KEY=value) [default]:
//   TARGET_SIO     the Socket.IO URL [the sandbox's under --sandbox]; several, comma-separated, spread the subscribers
//                  over a cluster's instances round robin (so the fan-out crosses the cluster's adapter)
//   REDIS_URL      [a redis-server of the run's own under --sandbox]     REDIS_CHANNEL  [the sandbox's rooms channel]
//   SUBSCRIBERS    [200]      EVENTS  [100]      EVERY_MS  between two publishes [10]      ROOM  [burst]
//   WARMUP_EVENTS  events published first without a stamp, to keep jload's own JIT warm-up out of the numbers [0]
//   P95            the fan-out bound in ms [500]          DROPPED_MAX  deliveries that may be lost [0]
//   OUTAGE_AT      the event before which Redis goes away [0: no outage]       OUTAGE_MS  for how long [1000]
//   OUTAGE_KIND    restart: a redis-server this run started (--sandbox without REDIS_URL) is stopped and started
//                  again, empty; pause: CLIENT PAUSE; kill: CLIENT KILL of every client but the publisher's [restart]
//
// Pass criteria (thresholds): fanout_latency p(95) < P95, fanout_dropped count ≤ DROPPED_MAX, checks > 99 % (without
// an outage, every subscriber must get every event).
//
//   bin/jload run --sandbox scripts/broadcast-burst.js
//   bin/jload run --sandbox -e OUTAGE_AT=50 -e OUTAGE_MS=1500 -e DROPPED_MAX=20000 scripts/broadcast-burst.js
//   bin/jload run -e TARGET_SIO=http://127.0.0.1:3000 -e REDIS_URL=redis://127.0.0.1:6379 \
//                 -e REDIS_CHANNEL=novel.realtime.events scripts/broadcast-burst.js
//   (a socket.io 4 server whose join(room, ack) joins a room and which emits each {room, ...} published on the
//    channel to that room)
//   bin/jload run -e TARGET_SIO=http://10.0.0.1:3000,http://10.0.0.2:3000 -e REDIS_URL=… -e REDIS_CHANNEL=… \
//                 -e OUTAGE_AT=50 -e OUTAGE_KIND=kill -e DROPPED_MAX=20000 scripts/broadcast-burst.js
//   (two instances joined by @socket.io/redis-adapter; the Redis clients of both are killed at event 50)
import { check, sleep } from 'k6';
import { Counter } from 'k6/metrics';
import redis from 'jload/redis';
import socketio from 'jload/socketio';
import { str, int, num, list } from './lib/params.js';

const SUBSCRIBERS = int('SUBSCRIBERS', 200, 1);
const EVENTS = int('EVENTS', 100, 1);
const EVERY_MS = int('EVERY_MS', 10);
const WARMUP_EVENTS = int('WARMUP_EVENTS', 0);
const ALL = WARMUP_EVENTS + EVENTS; // numbered 1..ALL; the warm-up ones first
const CHANNEL = str('REDIS_CHANNEL', 'jload.sandbox.rooms');
const ROOM = str('ROOM', 'burst');
const P95 = num('P95', 500);
const DROPPED_MAX = int('DROPPED_MAX', 0);
const OUTAGE_AT = int('OUTAGE_AT', 0);
const OUTAGE_MS = int('OUTAGE_MS', 1000);
const OUTAGE_KIND = str('OUTAGE_KIND', 'restart');
if (!['restart', 'pause', 'kill'].includes(OUTAGE_KIND)) throw new Error(`-e OUTAGE_KIND=${OUTAGE_KIND}: expected restart, pause or kill`);
const TARGETS = list('TARGET_SIO', 'http://127.0.0.1:3000');
const JOINED = `${ROOM}:joined`; // how many sockets are in the room: the publisher waits for all of them

export const options = {
  scenarios: {
    subscribers: { executor: 'per-vu-iterations', vus: SUBSCRIBERS, iterations: 1, exec: 'subscribe', maxDuration: '3m' },
    publisher: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'publish', maxDuration: '3m' },
  },
  thresholds: {
    fanout_latency: [`p(95)<${P95}`],
    fanout_dropped: [`count<=${DROPPED_MAX}`],
    checks: ['rate>0.99'],
  },
};

const dropped = new Counter('fanout_dropped');
const unheard = new Counter('fanout_unheard'); // publishes no subscriber of the channel heard (the gateway away)
const r = redis.client(str('REDIS_URL', 'redis://127.0.0.1:6379'));

export function setup() {
  r.del(JOINED);
}

export function subscribe() {
  const io = socketio.connect(TARGETS[(__VU - 1) % TARGETS.length]);
  if (!check(io, { 'connected': (s) => s.ok })) {
    dropped.add(EVENTS);
    return;
  }
  check(io.emitWithAck('join', ROOM, { timeout: '5s' }), { 'joined the room': (a) => a !== null && a[0].room === ROOM });
  r.incr(JOINED);
  const seen = new Set();
  const patience = OUTAGE_AT > 0 ? `${OUTAGE_MS + 10000}ms` : '5s';
  while (seen.size < ALL) {
    const args = io.expect('broadcast', (m) => m.room === ROOM, { timeout: patience });
    if (args === null) break; // the rest are not coming
    seen.add(args[0].data.n); // the gateway's {room, from, data: <what was published>, ts}
  }
  let missed = 0;
  for (let n = WARMUP_EVENTS + 1; n <= ALL; n++) if (!seen.has(n)) missed++;
  dropped.add(missed);
  if (OUTAGE_AT === 0) check(seen, { 'every event arrived': (s) => s.size === ALL });
  io.close();
}

function outage() {
  if (OUTAGE_KIND === 'restart') r.outage(OUTAGE_MS);
  else if (OUTAGE_KIND === 'pause') r.pause(OUTAGE_MS, { mode: 'all' });
  else r.killClients();
}

// A publish that failed (Redis away) is retried until Redis takes it: the test is about what the gateway loses.
function publishUntilTaken(n) {
  const until = Date.now() + OUTAGE_MS + 15000;
  let receivers = r.publish(CHANNEL, { room: ROOM, event: 'broadcast', n }, { stamp: n > WARMUP_EVENTS });
  while (receivers < 0 && Date.now() < until) {
    sleep(0.05);
    receivers = r.publish(CHANNEL, { room: ROOM, event: 'broadcast', n }, { stamp: n > WARMUP_EVENTS });
  }
  return receivers;
}

export function publish() {
  const deadline = Date.now() + 30000;
  while (Number(r.get(JOINED)) < SUBSCRIBERS && Date.now() < deadline) sleep(0.05);
  check(r, { 'every subscriber joined before the burst': (c) => Number(c.get(JOINED)) === SUBSCRIBERS });
  for (let n = 1; n <= ALL; n++) {
    if (n === WARMUP_EVENTS + OUTAGE_AT && OUTAGE_AT > 0) outage();
    const receivers = publishUntilTaken(n);
    if (receivers === 0) unheard.add(1);
    check(receivers, { 'Redis took every publish': (k) => k >= 0 });
    sleep(EVERY_MS / 1000);
  }
}
