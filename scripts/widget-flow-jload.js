// widget-flow-jload — widget-flow.js with jload/socketio instead of Socket.IO framing by hand: the same test,
// parameters, metrics and pass criteria (see that file's header). A visitor reads top to bottom — join, wait for
// the answer, browse, maybe interact, leave — because jload answers the heartbeat while the VU waits.
//
//   bin/jload run --sandbox scripts/widget-flow-jload.js -e VISITORS=50 -e RAMP_UP=10s -e STEADY=20s -e RAMP_DOWN=5s \
//     -e SESSION_MIN=5s -e SESSION_MAX=15s
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Rate, Trend } from 'k6/metrics';
import socketio from 'jload/socketio';
import { uuidv4, randomItem } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';
import { str, int, num, duration, seconds } from './lib/params.js';
import { SAMPLE_PAGES, SAMPLE_REFERRERS, JOIN_ANSWERS } from './lib/widget.js';

const SERVER_URL = str('SERVER_URL', __ENV.TARGET_SIO || 'http://127.0.0.1:3000').replace(/^ws/, 'http');
const ORG_ID = str('ORG_ID', 'test-org-load-test');
const VISITORS = int('VISITORS', 200, 1);
const RAMP_UP_MS = duration('RAMP_UP', '2m');
const STEADY_MS = duration('STEADY', '5m');
const RAMP_DOWN_MS = duration('RAMP_DOWN', '1m');
const SESSION_MIN_MS = duration('SESSION_MIN', '60s');
const SESSION_MAX_MS = duration('SESSION_MAX', '180s');
const INTERACT = num('INTERACT', 0.3);
const AGENTS = int('AGENTS', 4);
const MAX_VISITORS = int('MAX_VISITORS', 25, 1);
const AGENT_HOLD_MS = RAMP_UP_MS + STEADY_MS + RAMP_DOWN_MS + Math.min(30000, SESSION_MAX_MS + 1000);

const connectionTime = new Trend('ws_connection_time', true);
const joinTime = new Trend('widget_join_time', true);
const agentAssignedCount = new Counter('agent_assigned_count');
const agentUnavailableCount = new Counter('agent_unavailable_count');
const connectionFailures = new Counter('connection_failures');
const joinSuccessRate = new Rate('join_success_rate');

const scenarios = {
  visitors: {
    executor: 'ramping-vus', exec: 'visitor', startTime: AGENTS > 0 ? '2s' : '0s',
    stages: [
      { duration: seconds(RAMP_UP_MS), target: VISITORS },
      { duration: seconds(STEADY_MS), target: VISITORS },
      { duration: seconds(RAMP_DOWN_MS), target: 0 },
    ],
  },
};
if (AGENTS > 0) {
  scenarios.agents = { executor: 'per-vu-iterations', exec: 'agent', vus: AGENTS, iterations: 1, maxDuration: seconds(AGENT_HOLD_MS + 15000) };
}

export const options = {
  scenarios,
  thresholds: {
    ws_connection_time: ['p(95)<3000'],
    widget_join_time: ['p(95)<1000'],
    connection_failures: ['count<20'],
    join_success_rate: ['rate>0.90'],
  },
};

export function agent() {
  const n = exec.scenario.iterationInTest + 1;
  const io = socketio.connect(SERVER_URL, { timeout: '10s' });
  if (!check(io, { 'agent connected': (s) => s.ok })) return;
  io.emit('agent:login', { agentId: `load-agent-${n}`, orgId: ORG_ID, maxSimultaneousSimulations: MAX_VISITORS, profile: { displayName: `Load Agent ${n}` } });
  io.wait(AGENT_HOLD_MS + 2000);
  io.close();
}

export default visitor; // for -u/-d, as widget-flow.js

export function visitor() {
  const startedAt = Date.now();
  const io = socketio.connect(SERVER_URL, { timeout: '10s' });
  if (!check(io, { 'WebSocket connected': (s) => s.ok })) {
    connectionFailures.add(1);
    return;
  }
  connectionTime.add(Date.now() - startedAt);
  const joinSentAt = Date.now();
  io.emit('visitor:join', { visitorId: uuidv4(), orgId: ORG_ID, pageUrl: randomItem(SAMPLE_PAGES), referrer: randomItem(SAMPLE_REFERRERS) });
  const [answer] = io.expectAny(JOIN_ANSWERS, { timeout: '10s' }) ?? [null];
  joinSuccessRate.add(answer !== null);
  if (answer === null) {
    io.close();
    return;
  }
  joinTime.add(io.receivedAt - joinSentAt);
  if (answer === 'agent:assigned') agentAssignedCount.add(1);
  else agentUnavailableCount.add(1);

  const stay = SESSION_MIN_MS + Math.random() * (SESSION_MAX_MS - SESSION_MIN_MS);
  if (Math.random() < INTERACT) {
    const before = Math.random() * stay;
    io.wait(before);
    io.emit('visitor:interaction', { interactionType: 'click', timestamp: Date.now() });
    io.wait(stay - before);
  } else {
    io.wait(stay);
  }
  io.close();
}
