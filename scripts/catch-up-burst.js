// Seed 001's catch-up burst: the server keeps a room's events in MongoDB and replays the ones a client
// missed when it joins with {since: n}. setup() seeds EVENTS events for the room; every VU then joins
// with {since: 0} and times the replay, from its join to the server's 'catch-up-complete'.
//
//   bin/jload run --sandbox examples/catch-up-replay.js       # the sandbox's replay reads the MongoDB it is given
//                                                            # (MONGO_URL), else an in-memory one of its own
//   bin/jload run -e TARGET_SIO=http://127.0.0.1:3000 -e MONGO_URL=mongodb://127.0.0.1:27017 \
//                 -e CATCHUP_DATABASE=app -e CATCHUP_COLLECTION=events examples/catch-up-replay.js
//   (a socket.io 4 server whose join(room, {since}, ack) acks, emits each stored event after `since` as
//    'catch-up', then 'catch-up-complete' {room, count}; events stored as {room, seq, ...})
import { check } from 'k6';
import { Rate, Trend } from 'k6/metrics';
import mongo from 'jload/mongo';
import socketio from 'jload/socketio';

const EVENTS = Number(__ENV.EVENTS || 50);
const ROOM = __ENV.ROOM || 'catch-up-job';

export const options = {
  scenarios: {
    replay: { executor: 'per-vu-iterations', vus: Number(__ENV.VUS || 10), iterations: Number(__ENV.ITERATIONS || 3) },
  },
  thresholds: {
    catchup_replay_duration: ['p(95)<1000'],
    catchup_failed: ['rate<0.01'],
  },
};

const replayDuration = new Trend('catchup_replay_duration', true);
const failed = new Rate('catchup_failed');
const events = mongo.client(__ENV.MONGO_URL || 'mongodb://127.0.0.1:27017')
  .collection(__ENV.CATCHUP_DATABASE || 'jload_sandbox', __ENV.CATCHUP_COLLECTION || 'catchup_events');

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
  if (complete !== null) replayDuration.add(io.receivedAt - joinedAt);
  const ok = check(null, {
    'the join was acked with the replay size': () => joined !== null && joined[0].replay === EVENTS,
    'every missed event was replayed, in order': () => replayed.length === EVENTS && replayed.every((seq, i) => seq === i + 1),
    'the replay said it was complete': () => complete !== null && complete[0].count === EVENTS,
  });
  failed.add(!ok);
  io.close();
}
