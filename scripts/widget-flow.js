// widget-flow — seed 004's widget visitor flow, in k6's own terms: this file runs unchanged under k6 and jload.
// Visitors ramp up to VISITORS. Each one joins the widget (visitor:join with a random page and referrer) and is
// answered agent:assigned or agent:unavailable. It browses for SESSION_MIN–SESSION_MAX, interacting once with the
// page with probability INTERACT (visitor:interaction), then leaves. Agents are played so that visitors can be
// assigned: AGENTS VUs log in (agent:login) for the whole test, each shown to at most MAX_VISITORS visitors at once.
// Use AGENTS=0 when real agents are logged in. The browsing is a socket timer, not sleep() inside the socket
// callback: in k6 a sleep there blocks the event loop, so the heartbeat goes unanswered and the server drops the
// visitor after 45 s. widget-flow-jload.js is the same test with jload/socketio.
//
// What it proves: the server takes VISITORS concurrent widget sessions, connects 95 % of them within 3 s, answers
// 95 % of joins within 1 s and more than 90 % at all, with fewer than 20 connection failures. agent_assigned_count
// and agent_unavailable_count show how far the agents went.
//
// Parameters (--env KEY=value / -e) [default]:
//   SERVER_URL   ws(s)://host:port of the signalling server [ws:// of TARGET_SIO under jload --sandbox, else
//                ws://127.0.0.1:3000]
//   ORG_ID       [test-org-load-test]     VISITORS  concurrent visitors at the top [200]
//   RAMP_UP      [2m]    STEADY  [5m]    RAMP_DOWN  [1m]
//   SESSION_MIN, SESSION_MAX   a visitor's stay [60s, 180s]     INTERACT  chance of a page interaction [0.3]
//   AGENTS       agents played [4]       MAX_VISITORS  visitors one agent is shown to at once [25]
//
// Metrics (the seed's): ws_connection_time (dial → the namespace's CONNECT answered), widget_join_time (visitor:join →
// its answer), agent_assigned_count, agent_unavailable_count, connection_failures, join_success_rate.
// Pass criteria (thresholds, the seed's): ws_connection_time p(95) < 3000, widget_join_time p(95) < 1000,
// connection_failures count < 20, join_success_rate rate > 0.90.
//
//   bin/jload run --sandbox scripts/widget-flow.js -e VISITORS=50 -e RAMP_UP=10s -e STEADY=20s -e RAMP_DOWN=5s \
//     -e SESSION_MIN=5s -e SESSION_MAX=15s
//   bin/jload run --sandbox -u 200 -d 30m scripts/widget-flow.js   # the seed's soak: -u/-d replace the scenarios
//                                                                   # (visitors only, as in k6: no agents are played)
//   k6 run --env SERVER_URL=wss://staging.example.com --env ORG_ID=test-org --env AGENTS=0 scripts/widget-flow.js
import ws from 'k6/ws';
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Rate, Trend } from 'k6/metrics';
import { uuidv4, randomItem } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';
import { str, int, num, duration, seconds } from './lib/params.js';
import { socketIoUrl, emitFrame, speakSocketIo, DISCONNECT_FRAME } from './lib/sio-frames.js';
import { SAMPLE_PAGES, SAMPLE_REFERRERS, JOIN_ANSWERS } from './lib/widget.js';

const SERVER_URL = str('SERVER_URL', __ENV.TARGET_SIO ? __ENV.TARGET_SIO.replace(/^http/, 'ws') : 'ws://127.0.0.1:3000');
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
const JOIN_TIMEOUT_MS = 10000;
// Agents stay until the ramp has ended and its last visitors have left: their stay, or k6's gracefulRampDown (30 s).
const AGENT_HOLD_MS = RAMP_UP_MS + STEADY_MS + RAMP_DOWN_MS + Math.min(30000, SESSION_MAX_MS + 1000);

const connectionTime = new Trend('ws_connection_time', true);
const joinTime = new Trend('widget_join_time', true);
const agentAssignedCount = new Counter('agent_assigned_count');
const agentUnavailableCount = new Counter('agent_unavailable_count');
const connectionFailures = new Counter('connection_failures');
const joinSuccessRate = new Rate('join_success_rate');

const scenarios = {
  visitors: {
    executor: 'ramping-vus',
    exec: 'visitor',
    startTime: AGENTS > 0 ? '2s' : '0s', // agents log in first
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

const URL = socketIoUrl(SERVER_URL);

/** A played agent: logs in and stays, so visitors can be assigned to it. */
export function agent() {
  const n = exec.scenario.iterationInTest + 1;
  const res = ws.connect(URL, {}, (socket) => {
    speakSocketIo(socket, {
      connected: () => socket.send(emitFrame('agent:login', {
        agentId: `load-agent-${n}`, orgId: ORG_ID, maxSimultaneousSimulations: MAX_VISITORS, profile: { displayName: `Load Agent ${n}` },
      })),
    });
    socket.setTimeout(() => {
      socket.send(DISCONNECT_FRAME);
      socket.close();
    }, AGENT_HOLD_MS + 2000);
  });
  check(res, { 'agent connected': (r) => r && r.status === 101 });
}

// `-u N -d D` on the command line replaces the scenarios with N visitors (and no agents), as in k6.
export default visitor;

export function visitor() {
  const startedAt = Date.now();
  let connected = false;
  let joinSentAt = 0;
  let answered = false;

  const res = ws.connect(URL, {}, (socket) => {
    const stay = SESSION_MIN_MS + Math.random() * (SESSION_MAX_MS - SESSION_MIN_MS);
    speakSocketIo(socket, {
      connected: () => {
        connected = true;
        connectionTime.add(Date.now() - startedAt);
        joinSentAt = Date.now();
        socket.send(emitFrame('visitor:join', {
          visitorId: uuidv4(), orgId: ORG_ID, pageUrl: randomItem(SAMPLE_PAGES), referrer: randomItem(SAMPLE_REFERRERS),
        }));
      },
      connectError: () => {
        connectionFailures.add(1);
        socket.close();
      },
      event: (name) => {
        if (answered || !JOIN_ANSWERS.includes(name)) return;
        answered = true;
        joinTime.add(Date.now() - joinSentAt);
        joinSuccessRate.add(true);
        if (name === 'agent:assigned') agentAssignedCount.add(1);
        else agentUnavailableCount.add(1); // agent:unavailable, or org:paused: the widget shows it is away
      },
    });
    socket.on('close', () => {
      if (!connected) connectionFailures.add(1);
      else if (!answered) joinSuccessRate.add(false);
    });
    socket.setTimeout(() => {
      if (!answered) socket.close(); // no join answer: counted as a failed join on close
    }, JOIN_TIMEOUT_MS);
    if (Math.random() < INTERACT) {
      socket.setTimeout(() => socket.send(emitFrame('visitor:interaction', { interactionType: 'click', timestamp: Date.now() })),
        Math.random() * stay);
    }
    socket.setTimeout(() => {
      socket.send(DISCONNECT_FRAME);
      socket.close();
    }, stay);
  });
  check(res, { 'WebSocket connected': (r) => r && r.status === 101 });
}
