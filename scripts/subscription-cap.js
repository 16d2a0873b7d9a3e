// subscription-cap — seed 001's subscription-cap scenario: one socket may hold SOCKET_MAX_SUBSCRIPTIONS_PER_CLIENT
// rooms; each join beyond it is refused with one error event, and the socket stays connected.
//
// What it proves: LIMIT joins are accepted; each of EXTRAS more is refused with MESSAGE, told exactly once per
// request on ERROR_EVENT; the socket is still connected at the end.
//
// Parameters (-e KEY=value) [default]:
//   SIO          the Socket.IO URL [TARGET_SIO under --sandbox]
//   LIMIT        rooms one socket may hold [SANDBOX_SIO_MAX_SUBSCRIPTIONS under --sandbox, else 5]
//   EXTRAS       joins tried past it [3]                  ROOM_PREFIX   rooms are <prefix>1, <prefix>2, … [job-]
//   JOIN_EVENT   the event that joins a room, acked [join]; its one argument is the room's name
//   ERROR_EVENT  [SANDBOX_SIO_ERROR_EVENT under --sandbox, else novel.error]
//   MESSAGE      the refusal's message [Subscription limit reached]      SETTLE  wait for stray errors [500ms]
//
// Pass criteria (thresholds): every check (joins under the limit acked without error, one refusal per join beyond
// with the message, no other error, the socket stays), quota_refused count == EXTRAS.
//
//   bin/jload run --sandbox --sio-max-subscriptions 5 scripts/subscription-cap.js
import { check } from 'k6';
import { Counter } from 'k6/metrics';
import socketio from 'jload/socketio';
import { str, int, duration } from './lib/params.js';
import { ordinal } from './lib/quota.js';

const SIO = str('SIO', str('TARGET_SIO', 'http://127.0.0.1:3000'));
const LIMIT = int('LIMIT', int('SANDBOX_SIO_MAX_SUBSCRIPTIONS', 5, 1), 1);
const EXTRAS = int('EXTRAS', 3, 1);
const ROOM_PREFIX = str('ROOM_PREFIX', 'job-');
const JOIN_EVENT = str('JOIN_EVENT', 'join');
const ERROR_EVENT = str('ERROR_EVENT', str('SANDBOX_SIO_ERROR_EVENT', 'novel.error'));
const MESSAGE = str('MESSAGE', 'Subscription limit reached');
const SETTLE_MS = duration('SETTLE', '500ms');

const refused = new Counter('quota_refused');

export const options = {
  scenarios: { probe: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '2m' } },
  thresholds: { checks: ['rate==1'], quota_refused: [`count==${EXTRAS}`] },
};

const told = (io, ms) => io.expect(ERROR_EVENT, () => true, { timeout: `${ms}ms` });

export default function () {
  const io = socketio.connect(SIO, { timeout: '10s' });
  if (!check(io, { 'connected': (s) => s.ok })) return;
  for (let i = 1; i <= LIMIT; i++) {
    const ack = io.emitWithAck(JOIN_EVENT, `${ROOM_PREFIX}${i}`, { timeout: '5s' });
    const ok = ack !== null && (ack[0] === undefined || ack[0] === null || ack[0].error === undefined);
    if (!ok) console.error(`${ordinal(i)} subscription was ${ack === null ? 'not acked' : `refused (${JSON.stringify(ack[0])})`}; expected it accepted under the limit of ${LIMIT}`);
    check(ack, { 'subscriptions under the limit are accepted': () => ok });
  }
  check(null, { 'no error while under the limit': () => told(io, 50) === null });
  for (let j = 1; j <= EXTRAS; j++) {
    const n = LIMIT + j;
    io.emitWithAck(JOIN_EVENT, `${ROOM_PREFIX}${n}`, { timeout: '5s' });
    const why = told(io, 2000);
    const right = why !== null && String((why[0] ?? {}).message ?? '').includes(MESSAGE);
    if (why === null) console.error(`${ordinal(n)} subscription was accepted; expected rejection '${MESSAGE}'`);
    else if (!right) console.error(`${ordinal(n)} subscription was refused with '${JSON.stringify(why[0])}'; expected '${MESSAGE}'`);
    check(why, { 'each subscription over the limit is refused with the message': () => right });
    if (right) refused.add(1);
  }
  const stray = told(io, SETTLE_MS);
  if (stray !== null) console.error(`an error event more than once per refused subscription: ${JSON.stringify(stray[0])}`);
  check(null, { 'told once per refused request': () => stray === null });
  if (!io.connected) console.error(`the socket was disconnected (${io.disconnectReason}); a refused subscription must not end it`);
  check(io, { 'the socket stays connected': (s) => s.connected });
  io.close();
}
