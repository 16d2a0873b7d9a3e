// Seed 001's broadcast burst: SUBSCRIBERS Socket.IO sockets join one room; EVENTS events are then
// published on a Redis channel that the server relays to the room. jload stamps each publish, so
// every socket's receipt records fanout_latency (Redis publish → the frame read), however the
// server reshapes the payload. Events a socket never got are counted in fanout_dropped.
// -e WARMUP_EVENTS=N publishes N events without a stamp first: jload's own JIT warm-up (the first seconds
// of a process) then stays out of fanout_latency.
//
//   bin/jload run --sandbox examples/broadcast-fanout.js      # the sandbox relays REDIS_CHANNEL to its rooms;
//                                                            # it starts a redis-server unless REDIS_URL is set
//   bin/jload run -e TARGET_SIO=http://127.0.0.1:3000 -e REDIS_URL=redis://127.0.0.1:6379 \
//                 -e REDIS_CHANNEL=novel.realtime.events examples/broadcast-fanout.js
//   (a socket.io 4 server whose join(room, ack) joins a room and which emits each {room, ...} published
//    on the channel to that room)
import { check, sleep } from 'k6';
import { Counter } from 'k6/metrics';
import redis from 'jload/redis';
import socketio from 'jload/socketio';

const SUBSCRIBERS = Number(__ENV.SUBSCRIBERS || 50);
const EVENTS = Number(__ENV.EVENTS || 100);
const EVERY_MS = Number(__ENV.EVERY_MS || 10);
const WARMUP_EVENTS = Number(__ENV.WARMUP_EVENTS || 0);
const ALL = WARMUP_EVENTS + EVENTS; // numbered 1..ALL; the warm-up ones first
const CHANNEL = __ENV.REDIS_CHANNEL || 'jload.sandbox.rooms';
const ROOM = __ENV.ROOM || 'burst';
const JOINED = `${ROOM}:joined`; // how many sockets are in the room: the publisher waits for all of them

export const options = {
  scenarios: {
    subscribers: { executor: 'per-vu-iterations', vus: SUBSCRIBERS, iterations: 1, exec: 'subscribe', maxDuration: '2m' },
    publisher: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'publish', maxDuration: '2m' },
  },
  thresholds: {
    fanout_latency: ['p(95)<500'],
    fanout_dropped: ['count==0'],
    checks: ['rate>0.99'],
  },
};

const dropped = new Counter('fanout_dropped');
const r = redis.client(__ENV.REDIS_URL || 'redis://127.0.0.1:6379');

export function setup() {
  r.del(JOINED);
}

export function subscribe() {
  const io = socketio.connect(__ENV.TARGET_SIO);
  if (!check(io, { 'connected': (s) => s.ok })) {
    dropped.add(EVENTS);
    return;
  }
  check(io.emitWithAck('join', ROOM, { timeout: '5s' }), { 'joined the room': (a) => a !== null && a[0].room === ROOM });
  r.incr(JOINED);
  const seen = new Set();
  while (seen.size < ALL) {
    const args = io.expect('broadcast', (m) => m.room === ROOM, { timeout: '5s' });
    if (args === null) break; // the rest are not coming
    seen.add(args[0].data.n); // the server's {room, from, data: <what was published>, ts}
  }
  let missed = 0;
  for (let n = WARMUP_EVENTS + 1; n <= ALL; n++) if (!seen.has(n)) missed++;
  dropped.add(missed);
  check(seen, { 'every event arrived': (s) => s.size === ALL });
  io.close();
}

export function publish() {
  const deadline = Date.now() + 30000;
  while (Number(r.get(JOINED)) < SUBSCRIBERS && Date.now() < deadline) sleep(0.05);
  check(r, { 'every subscriber joined before the burst': (c) => Number(c.get(JOINED)) === SUBSCRIBERS });
  for (let n = 1; n <= ALL; n++) {
    const receivers = r.publish(CHANNEL, { room: ROOM, event: 'broadcast', n }, { stamp: n > WARMUP_EVENTS });
    check(receivers, { 'the server is subscribed to the channel': (k) => k >= 1 });
    sleep(EVERY_MS / 1000);
  }
}
