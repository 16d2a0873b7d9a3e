// call-requests-jload — call-requests.js with jload/socketio instead of Socket.IO framing by hand: the same test,
// parameters, metrics and pass criteria (see that file's header). Each side reads top to bottom: jload answers the
// heartbeat on its event loop, so a VU may sleep while it "reads the widget" or "talks", and expectAny() waits for
// whichever answer comes first.
//
//   bin/jload run --sandbox scripts/call-requests-jload.js -e CALL_RATE=5 -e TEST_DURATION=20s
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import socketio from 'jload/socketio';
import { uuidv4 } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';
import { CALLS, ANSWERS, agentId, callOptions, callsRequested, connectionFailures, visitorsUnassigned, countAnswer, jitter } from './lib/calls.js';

export const options = callOptions();

export default caller; // for -u/-d, as call-requests.js

export function agent() {
  const n = exec.scenario.iterationInTest + 1;
  const io = socketio.connect(CALLS.SERVER, { timeout: '10s' });
  if (!check(io, { 'agent connected': (s) => s.ok })) return;
  io.on('agent:marked_away', () => io.emit('agent:back'));
  io.emit('agent:login', { agentId: agentId(n), orgId: CALLS.ORG_ID, profile: { displayName: `Load Agent ${n}` } });
  const end = Date.now() + CALLS.AGENT_HOLD;
  while (io.connected && Date.now() < end) {
    const incoming = io.expect('call:incoming', () => true, { timeout: end - Date.now() });
    if (!incoming) break;
    const roll = Math.random();
    if (roll < CALLS.RING_OUT) continue; // let it ring out
    sleep(jitter(CALLS.ANSWER) / 1000);
    io.emit(roll < CALLS.RING_OUT + CALLS.ACCEPT ? 'call:accept' : 'call:reject', { requestId: incoming[0].request.requestId });
  }
  io.close();
}

export function caller() {
  const io = socketio.connect(CALLS.SERVER, { timeout: CALLS.JOIN_TIMEOUT });
  if (!check(io, { 'WebSocket connected': (s) => s.ok })) {
    connectionFailures.add(1, { reason: 'connect' });
    return;
  }
  io.emit('visitor:join', { visitorId: uuidv4(), orgId: CALLS.ORG_ID, pageUrl: 'https://example.com/load-test', referrer: 'https://google.com' });
  const [joined, assigned] = io.expectAny(['agent:assigned', 'agent:unavailable', 'org:paused'], { timeout: CALLS.JOIN_TIMEOUT }) ?? [null];
  if (joined !== 'agent:assigned') {
    if (joined === null) connectionFailures.add(1, { reason: 'no_join_answer' });
    else visitorsUnassigned.add(1, { reason: assigned?.reason ?? joined });
    io.close();
    return;
  }
  sleep(jitter(CALLS.CLICK) / 1000); // reads the widget, then clicks Call
  const requestedAt = Date.now();
  callsRequested.add(1);
  io.emit('call:request', { agentId: CALLS.AGENT_ID || assigned.agent.id });
  const [event, data] = io.expectAny(ANSWERS, { timeout: CALLS.WAIT }) ?? [null, null];
  if (countAnswer(event, data, event === null ? CALLS.WAIT : io.receivedAt - requestedAt)) {
    sleep(jitter(CALLS.CALL, 0.33) / 1000);
    io.emit('call:end', { callId: data.callId, reason: 'visitor_ended' });
  }
  io.close();
}
