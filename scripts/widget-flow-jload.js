// widget-flow-jload — widget-flow.js with jload/socketio instead of Socket.IO framing by hand: the same test,
// parameters, metrics and pass criteria (see that file's header). A visitor reads top to bottom — join, wait for
// the answer, browse, maybe interact, leave — because jload answers the heartbeat while the VU waits.
//
//   bin/jload run --sandbox scripts/widget-flow-jload.js -e VISITORS=50 -e RAMP_UP=10s -e STEADY=20s -e RAMP_DOWN=5s \
//     -e SESSION_MIN=5s -e SESSION_MAX=15s
import { check } from 'k6';
import exec from 'k6/execution';
import socketio from 'jload/socketio';
import { uuidv4, randomItem } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';
import {
  WIDGET, widgetOptions, agentLogin, SAMPLE_PAGES, SAMPLE_REFERRERS, JOIN_ANSWERS,
  connectionTime, joinTime, agentAssignedCount, agentUnavailableCount, connectionFailures, joinSuccessRate,
} from './lib/widget.js';

export const options = widgetOptions();

export function agent() {
  const n = exec.scenario.iterationInTest + 1;
  const io = socketio.connect(WIDGET.SERVER, { timeout: '10s' });
  if (!check(io, { 'agent connected': (s) => s.ok })) return;
  io.emit('agent:login', agentLogin(n));
  io.wait(WIDGET.AGENT_HOLD + 2000);
  io.close();
}

export default visitor; // for -u/-d, as widget-flow.js

export function visitor() {
  const startedAt = Date.now();
  const io = socketio.connect(WIDGET.SERVER, { timeout: '10s' });
  if (!check(io, { 'WebSocket connected': (s) => s.ok })) {
    connectionFailures.add(1);
    return;
  }
  connectionTime.add(Date.now() - startedAt);
  const joinSentAt = Date.now();
  io.emit('visitor:join', { visitorId: uuidv4(), orgId: WIDGET.ORG_ID, pageUrl: randomItem(SAMPLE_PAGES), referrer: randomItem(SAMPLE_REFERRERS) });
  const [answer] = io.expectAny(JOIN_ANSWERS, { timeout: '10s' }) ?? [null];
  joinSuccessRate.add(answer !== null);
  if (answer === null) {
    io.close();
    return;
  }
  joinTime.add(io.receivedAt - joinSentAt);
  if (answer === 'agent:assigned') agentAssignedCount.add(1);
  else agentUnavailableCount.add(1);

  const stay = WIDGET.SESSION_MIN + Math.random() * (WIDGET.SESSION_MAX - WIDGET.SESSION_MIN);
  if (Math.random() < WIDGET.INTERACT) {
    const before = Math.random() * stay;
    io.wait(before);
    io.emit('visitor:interaction', { interactionType: 'click', timestamp: Date.now() });
    io.wait(stay - before);
  } else {
    io.wait(stay);
  }
  io.close();
}
