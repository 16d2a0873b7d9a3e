// progressive-ramp — seed 003's progressive WebSocket test (quick 100 → medium 1,000 → stress 5,000 connections,
// with cooldowns) as a jload scenario.
//
// What it proves: at each step the server takes the connections (JWT-authenticated) at the ramp's pace, keeps them
// for the hold, and answers each client's ping within the step's bound; that it is healthy before the first step and
// still after the last (its health endpoint); and, step by step, where it stops meeting the bounds. Each step is a
// scenario of its own (its name is the `scenario` tag), so the summary and the thresholds judge each separately.
//
// Parameters (-e KEY=value) [default]; the lists have one item per step:
//   NAMES        the steps' names [quick,medium,stress]      ONLY       run only this step (e.g. quick) []
//   STEPS        connections at each step [100,1000,5000]
//   RAMPS        ramp-up of each [10s,30s,60s]                HOLDS      hold of each [30s,120s,300s]
//   INTERVALS    ping interval per client [5s,10s,15s]        COOLDOWN   between steps [30s]; RAMP_DOWN [5s]
//   SUCCESS      least share of connections that succeed [1,0.99,0.95]
//   RTT_P95      ping → pong p(95) bound in ms [5,10,20]
//   URL          the WebSocket URL [${TARGET}/ws/presence, the sandbox's]
//   TOKEN        the JWT [SANDBOX_TOKEN under --sandbox]      TOKEN_IN   query (?token=) or header (Bearer) [query]
//   PING         what a ping is [{"type":"ping"}]             REPLY_TYPE the JSON type of the answer [pong]
//   HEALTH_URL   checked before and after [${TARGET_HTTP}/health; 'none': not checked]
//
// Pass criteria (thresholds), per step: connection_success rate ≥ SUCCESS, ws_rtt p(95) < RTT_P95, every ping
// answered; and the health checks before and after.
//
//   bin/jload run --sandbox scripts/progressive-ramp.js -e ONLY=quick
//   bin/jload run scripts/progressive-ramp.js -e URL=ws://localhost:3001/ws -e TOKEN="$AUTH_TOKEN" -e HEALTH_URL=http://localhost:3001/health
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import { Rate } from 'k6/metrics';
import { ws } from 'jload';
import { str, list, duration, toMs, toInt, toNum, seconds } from './lib/params.js';

const NAMES = list('NAMES', 'quick,medium,stress');
const perStep = (name, fallback, read) => {
  const items = list(name, fallback);
  if (items.length !== NAMES.length) throw new Error(`-e ${name}=${items.join(',')}: expected ${NAMES.length} items, one per step (${NAMES.join(', ')})`);
  return items.map((v) => read(v, name));
};
const STEPS = perStep('STEPS', '100,1000,5000', (v, name) => toInt(v, name, 1));
const RAMPS = perStep('RAMPS', '10s,30s,60s', toMs);
const HOLDS = perStep('HOLDS', '30s,120s,300s', toMs);
const INTERVALS = perStep('INTERVALS', '5s,10s,15s', toMs);
const SUCCESS = perStep('SUCCESS', '1,0.99,0.95', toNum);
const RTT_P95 = perStep('RTT_P95', '5,10,20', toNum);
const COOLDOWN_MS = duration('COOLDOWN', '30s');
const RAMP_DOWN_MS = duration('RAMP_DOWN', '5s');
const ONLY = str('ONLY', '');
if (ONLY !== '' && !NAMES.includes(ONLY)) throw new Error(`-e ONLY=${ONLY}: expected one of ${NAMES.join(', ')}`);

const TOKEN = str('TOKEN', str('SANDBOX_TOKEN', ''));
const TOKEN_IN = str('TOKEN_IN', 'query');
if (TOKEN_IN !== 'query' && TOKEN_IN !== 'header') throw new Error(`-e TOKEN_IN=${TOKEN_IN}: expected query or header`);
const BASE_URL = str('URL', `${str('TARGET', 'ws://127.0.0.1:8080')}/ws/presence`);
const URL = TOKEN === '' || TOKEN_IN === 'header' ? BASE_URL
  : `${BASE_URL}${BASE_URL.includes('?') ? '&' : '?'}token=${encodeURIComponent(TOKEN)}`;
const HEADERS = TOKEN !== '' && TOKEN_IN === 'header' ? { Authorization: `Bearer ${TOKEN}` } : {};
const PING = str('PING', '{"type":"ping"}');
const REPLY_TYPE = str('REPLY_TYPE', 'pong');
const HEALTH_URL = str('HEALTH_URL', __ENV.TARGET_HTTP ? `${__ENV.TARGET_HTTP}/health` : 'none');

const connectionSuccess = new Rate('connection_success');

// One ramping-vus scenario per step, each starting after the previous one's ramp-down and the cooldown.
const steps = NAMES.map((name, i) => ({ name, i })).filter((s) => ONLY === '' || s.name === ONLY);
const scenarios = {};
const thresholds = { 'checks{phase:health}': ['rate==1'] };
let startMs = 0;
for (const { name, i } of steps) {
  scenarios[name] = {
    executor: 'ramping-vus',
    startTime: seconds(startMs),
    startVUs: 0,
    stages: [
      { duration: seconds(RAMPS[i]), target: STEPS[i] },
      { duration: seconds(HOLDS[i]), target: STEPS[i] },
      { duration: seconds(RAMP_DOWN_MS), target: 0 },
    ],
    gracefulRampDown: '5s',
    env: { STEP_INTERVAL_MS: String(INTERVALS[i]), STEP_HOLD_ENDS_MS: String(RAMPS[i] + HOLDS[i]) },
  };
  thresholds[`connection_success{scenario:${name}}`] = [`rate>=${SUCCESS[i]}`];
  thresholds[`ws_rtt{scenario:${name}}`] = [`p(95)<${RTT_P95[i]}`];
  thresholds[`checks{scenario:${name}}`] = ['rate==1'];
  startMs += RAMPS[i] + HOLDS[i] + RAMP_DOWN_MS + COOLDOWN_MS;
}

export const options = { scenarios, thresholds };

function healthy(when) {
  if (HEALTH_URL === 'none') return;
  const res = http.get(HEALTH_URL, { tags: { name: 'health' }, timeout: '10s' });
  check(res, { [`healthy ${when}`]: (r) => r.status === 200 }, { phase: 'health' });
}

export function setup() {
  healthy('before the first step');
}

export function teardown() {
  healthy('after the last step');
}

const isPong = (m) => {
  try {
    return m.json().type === REPLY_TYPE;
  } catch (notJson) {
    return false;
  }
};

// One connection per VU, kept across its iterations while its step holds; closed when the step's ramp-down starts
// (so connections drain before the cooldown) and when the VU is taken into another step.
let socket = null;
let socketStep = '';

function closeSocket() {
  if (socket !== null) socket.close();
  socket = null;
}

export default function () {
  const intervalMs = Number(__ENV.STEP_INTERVAL_MS);
  if (socketStep !== exec.scenario.name) closeSocket();
  if (Date.now() >= exec.scenario.startTime + Number(__ENV.STEP_HOLD_ENDS_MS)) {
    closeSocket(); // ramping down: this VU is about to be stopped
    sleep(intervalMs / 1000);
    return;
  }
  if (socket === null || !socket.open) {
    socket = ws.connect(URL, { headers: HEADERS, tags: { name: 'ws' }, timeout: '10s', persist: true });
    socketStep = exec.scenario.name;
    connectionSuccess.add(socket.ok);
    if (!socket.ok) {
      socket = null;
      sleep(1);
      return;
    }
  }
  socket.send(PING);
  check(socket.expect(isPong, { timeout: '5s' }), { 'pong arrived': (m) => m !== null });
  sleep(intervalMs / 1000);
}
