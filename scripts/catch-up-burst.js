// catch-up-burst — seed 001's catch-up burst: the gateway keeps a room's events in MongoDB and replays the ones a
// client missed when it joins with {since: n}. setup() seeds EVENTS events for a room; each VU then joins with
// {since: 0} and times the replay, from its join to the gateway's 'catch-up-complete'.
//
// What it proves: a fresh subscriber gets every persisted event, in order, and the replay completes within
// REPLAY_WITHIN; at most FAILED of the attempts fail (an attempt that is late, short or out of order fails).
//
// Parameters (-e KEY=value) [default]:
//   TARGET_SIO     the Socket.IO URL [the sandbox's under --sandbox]
//   MONGO_URL, CATCHUP_DATABASE, CATCHUP_COLLECTION   where the gateway reads its history [the sandbox's]
//   EVENTS         events seeded [50]           ROOM  [catch-up-job]
//   VUS            subscribers at once [10]     ITERATIONS  joins each [3]
//   REPLAY_WITHIN  [1s]                          FAILED  the largest share of failed attempts [0.01]
//
// Pass criteria (thresholds): catchup_failed rate < FAILED, catchup_replay_duration p(95) < REPLAY_WITHIN.
//
//   bin/jload run --sandbox scripts/catch-up-burst.js      # the sandbox's replay reads the MongoDB it is given
//                                                         # (MONGO_URL), else an in-memory one of its own
//   bin/jload run -e TARGET_SIO=http://127.0.0.1:3000 -e MONGO_URL=mongodb://127.0.0.1:27017 \
//                 -e CATCHUP_DATABASE=app -e CATCHUP_COLLECTION=events scripts/catch-up-burst.js
//   (a socket.io 4 server whose join(room, {since}, ack) acks, emits each stored event after `since` as
//    'catch-up', then 'catch-up-complete' {room, count}; events stored as {room, seq, ...})
import { check } from 'k6';
import { Rate, Trend } from 'k6/metrics';
import mongo from 'jload/mongo';
import socketio from 'jload/socketio';
import { str, int, num, duration } from './lib/params.js';

const EVENTS = int('EVENTS', 50, 1);
const ROOM = str('ROOM', 'catch-up-job');
const REPLAY_WITHIN_MS = duration('REPLAY_WITHIN', '1s');
const FAILED = num('FAILED', 0.01);

export const options = {
  scenarios: {
    replay: { executor: 'per-vu-iterations', vus: int('VUS', 10, 1), iterations: int('ITERATIONS', 3, 1) },
  },
  thresholds: {
    catchup_replay_duration: [`p(95)<${REPLAY_WITHIN_MS}`],
    catchup_failed: [`rate<${FAILED}`],
  },
};

const replayDuration = new Trend('catchup_replay_duration', true);
const failed = new Rate('catchup_failed');
const events = mongo.client(str('MONGO_URL', 'mongodb://127.0.0.1:27017'))
  .collection(str('CATCHUP_DATABASE', 'jload_sandbox'), str('CATCHUP_COLLECTION', 'catchup_events'));

export function setup() {
  events.deleteMany({ room: ROOM });
  const seeded = events.insertMany(Array.from({ length: EVENTS }, (_, i) => ({ room: ROOM, seq: i + 1, data: { n: i + 1 } })));
  check(seeded, { 'seeded the history': (n) => n === EVENTS });
}

export default function () {
  const io = socketio.connect(__ENV.TARGET_SIO);
  if (!check(io, { 'connected': (s) => s.ok })) {
    failed.add(true);
    return;
  }
  const replayed = [];
  io.on('catch-up', (event) => { replayed.push(event.seq); });
  const joinedAt = Date.now();
  const joined = io.emitWithAck('join', ROOM, { since: 0 }, { timeout: '5s' });
  const complete = io.expect('catch-up-complete', (c) => c.room === ROOM, { timeout: '5s' });
  const tookMs = complete === null ? NaN : io.receivedAt - joinedAt;
  if (complete !== null) replayDuration.add(tookMs);
  if (tookMs > REPLAY_WITHIN_MS) console.error(`a replay of ${EVENTS} events took ${Math.round(tookMs)} ms; expected under ${REPLAY_WITHIN_MS} ms`);
  const ok = check(null, {
    'the join was acked with the replay size': () => joined !== null && joined[0].replay === EVENTS,
    'every missed event was replayed, in order': () => replayed.length === EVENTS && replayed.every((seq, i) => seq === i + 1),
    'the replay said it was complete': () => complete !== null && complete[0].count === EVENTS,
    'the replay completed in time': () => tookMs <= REPLAY_WITHIN_MS,
  });
  failed.add(!ok);
  io.close();
}
