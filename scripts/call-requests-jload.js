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
import { str, int, num, duration, seconds } from './lib/params.js';
import { ANSWERS, callsRequested, connectionFailures, visitorsUnassigned, countAnswer, jitter } from './lib/calls.js';

const SERVER_URL = str('SERVER_URL', __ENV.TARGET_SIO || 'http://127.0.0.1:3000').replace(/^ws/, 'http');
const ORG_ID = str('ORG_ID', 'test-org-load-test');
const AGENT_ID = str('AGENT_ID', '');
const CALL_RATE = int('CALL_RATE', 10, 1);
const TEST_DURATION_MS = duration('TEST_DURATION', '2m');
const MAX_VUS = int('MAX_VUS', 200, 1);
const AGENTS = int('AGENTS', 5);
const ACCEPT = num('ACCEPT', 0.8);
const RING_OUT = num('RING_OUT', 0.02);
const ANSWER_MS = duration('ANSWER_MS', '1000');
const CLICK_MS = duration('CLICK_MS', '2000');
const CALL_MS = duration('CALL_MS', '7500');
const RING_TIMEOUT_MS = duration('RING_TIMEOUT', __ENV.SANDBOX_SIO_RING_TIMEOUT || '15s');
const WAIT_MS = duration('WAIT', String(RING_TIMEOUT_MS + 5000));
const JOIN_TIMEOUT_MS = duration('JOIN_TIMEOUT', '15s');
const AGENTS_LEAD_MS = 2000;
const AGENT_HOLD_MS = AGENTS_LEAD_MS + TEST_DURATION_MS + Math.min(30000, JOIN_TIMEOUT_MS + CLICK_MS * 1.5 + WAIT_MS + CALL_MS * 1.34);

const scenarios = {
  call_burst: {
    executor: 'constant-arrival-rate', exec: 'caller', rate: CALL_RATE, timeUnit: '1s', duration: seconds(TEST_DURATION_MS),
    preAllocatedVUs: Math.min(MAX_VUS, 50), maxVUs: MAX_VUS, startTime: AGENTS > 0 ? seconds(AGENTS_LEAD_MS) : '0s',
  },
};
if (AGENTS > 0) {
  scenarios.agents = { executor: 'per-vu-iterations', exec: 'agent', vus: AGENTS, iterations: 1, maxDuration: seconds(AGENT_HOLD_MS + 10000) };
}

export const options = {
  scenarios,
  thresholds: {
    call_request_time: ['p(95)<5000'],
    calls_requested: ['count>0'],
    connection_failures: ['count<10'],
  },
};

export default caller; // for -u/-d, as call-requests.js

export function agent() {
  const n = exec.scenario.iterationInTest + 1;
  const io = socketio.connect(SERVER_URL, { timeout: '10s' });
  if (!check(io, { 'agent connected': (s) => s.ok })) return;
  io.on('agent:marked_away', () => io.emit('agent:back'));
  io.emit('agent:login', { agentId: n === 1 && AGENT_ID ? AGENT_ID : `load-agent-${n}`, orgId: ORG_ID, profile: { displayName: `Load Agent ${n}` } });
  const end = Date.now() + AGENT_HOLD_MS;
  while (io.connected && Date.now() < end) {
    const incoming = io.expect('call:incoming', () => true, { timeout: end - Date.now() });
    if (!incoming) break;
    const roll = Math.random();
    if (roll < RING_OUT) continue; // let it ring out
    sleep(jitter(ANSWER_MS) / 1000);
    io.emit(roll < RING_OUT + ACCEPT ? 'call:accept' : 'call:reject', { requestId: incoming[0].request.requestId });
  }
  io.close();
}

export function caller() {
  const io = socketio.connect(SERVER_URL, { timeout: JOIN_TIMEOUT_MS });
  if (!check(io, { 'WebSocket connected': (s) => s.ok })) {
    connectionFailures.add(1, { reason: 'connect' });
    return;
  }
  io.emit('visitor:join', { visitorId: uuidv4(), orgId: ORG_ID, pageUrl: 'https://example.com/load-test', referrer: 'https://google.com' });
  const [joined, assigned] = io.expectAny(['agent:assigned', 'agent:unavailable', 'org:paused'], { timeout: JOIN_TIMEOUT_MS }) ?? [null];
  if (joined !== 'agent:assigned') {
    if (joined === null) connectionFailures.add(1, { reason: 'no_join_answer' });
    else visitorsUnassigned.add(1, { reason: assigned?.reason ?? joined });
    io.close();
    return;
  }
  sleep(jitter(CLICK_MS) / 1000); // reads the widget, then clicks Call
  const requestedAt = Date.now();
  callsRequested.add(1);
  io.emit('call:request', { agentId: AGENT_ID || assigned.agent.id });
  const [event, data] = io.expectAny(ANSWERS, { timeout: WAIT_MS }) ?? [null, null];
  if (countAnswer(event, data, event === null ? WAIT_MS : io.receivedAt - requestedAt)) {
    sleep(jitter(CALL_MS, 0.33) / 1000);
    io.emit('call:end', { callId: data.callId, reason: 'visitor_ended' });
  }
  io.close();
}
