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
import { uuidv4, randomItem } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';
import { socketIoUrl, emitFrame, speakSocketIo, DISCONNECT_FRAME } from './lib/sio-frames.js';
import {
  WIDGET, widgetOptions, agentLogin, SAMPLE_PAGES, SAMPLE_REFERRERS, JOIN_ANSWERS,
  connectionTime, joinTime, agentAssignedCount, agentUnavailableCount, connectionFailures, joinSuccessRate,
} from './lib/widget.js';

export const options = widgetOptions();

const URL = socketIoUrl(WIDGET.SERVER.replace(/^http/, 'ws'));

/** A played agent: logs in and stays, so visitors can be assigned to it. */
export function agent() {
  const n = exec.scenario.iterationInTest + 1;
  const res = ws.connect(URL, {}, (socket) => {
    speakSocketIo(socket, {
      connected: () => socket.send(emitFrame('agent:login', agentLogin(n))),
    });
    socket.setTimeout(() => {
      socket.send(DISCONNECT_FRAME);
      socket.close();
    }, WIDGET.AGENT_HOLD + 2000);
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
    const stay = WIDGET.SESSION_MIN + Math.random() * (WIDGET.SESSION_MAX - WIDGET.SESSION_MIN);
    speakSocketIo(socket, {
      connected: () => {
        connected = true;
        connectionTime.add(Date.now() - startedAt);
        joinSentAt = Date.now();
        socket.send(emitFrame('visitor:join', {
          visitorId: uuidv4(), orgId: WIDGET.ORG_ID, pageUrl: randomItem(SAMPLE_PAGES), referrer: randomItem(SAMPLE_REFERRERS),
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
    }, WIDGET.JOIN_TIMEOUT);
    if (Math.random() < WIDGET.INTERACT) {
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
