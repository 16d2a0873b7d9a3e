// seed 004's call request burst: its parameters, options and metrics, and what a visitor's call request was answered
// with — shared by call-requests.js (k6/ws) and call-requests-jload.js (jload/socketio), so both read, run and count
// the same way. Plain JavaScript: k6 imports it too.
import { Counter, Rate, Trend } from 'k6/metrics';
import { str, int, num, duration, seconds } from './params.js';

/** The parameters (call-requests.js's header lists them); times in ms. SERVER is http(s)://, each twin takes its scheme. */
export const CALLS = (() => {
  const ringTimeout = duration('RING_TIMEOUT', __ENV.SANDBOX_SIO_RING_TIMEOUT || '15s');
  const p = {
    SERVER: str('SERVER_URL', __ENV.TARGET_SIO || 'http://127.0.0.1:3000').replace(/^ws/, 'http'),
    ORG_ID: str('ORG_ID', 'test-org-load-test'),
    AGENT_ID: str('AGENT_ID', ''),
    CALL_RATE: int('CALL_RATE', 10, 1),
    TEST_DURATION: duration('TEST_DURATION', '2m'),
    MAX_VUS: int('MAX_VUS', 200, 1),
    AGENTS: int('AGENTS', 5),
    ACCEPT: num('ACCEPT', 0.8),
    RING_OUT: num('RING_OUT', 0.02),
    ANSWER: duration('ANSWER_MS', '1000'),
    CLICK: duration('CLICK_MS', '2000'),
    CALL: duration('CALL_MS', '7500'),
    WAIT: duration('WAIT', String(ringTimeout + 5000)),
    JOIN_TIMEOUT: duration('JOIN_TIMEOUT', '15s'),
    AGENTS_LEAD: 2000, // agents log in before the first visitor arrives
  };
  // The agents stay until the last visitor could have finished: arrivals, then the join, the click, the wait and the
  // call, or k6's gracefulStop (30 s), when the last iterations are cut.
  p.AGENT_HOLD = p.AGENTS_LEAD + p.TEST_DURATION + Math.min(30000, p.JOIN_TIMEOUT + p.CLICK * 1.5 + p.WAIT + p.CALL * 1.34);
  return Object.freeze(p);
})();

/** Visitors at CALL_RATE a second ('caller'), and AGENTS agents logged in for the whole test ('agent'); the seed's thresholds. */
export function callOptions() {
  const scenarios = {
    call_burst: {
      executor: 'constant-arrival-rate', exec: 'caller', rate: CALLS.CALL_RATE, timeUnit: '1s', duration: seconds(CALLS.TEST_DURATION),
      preAllocatedVUs: Math.min(CALLS.MAX_VUS, 50), maxVUs: CALLS.MAX_VUS, startTime: CALLS.AGENTS > 0 ? seconds(CALLS.AGENTS_LEAD) : '0s',
    },
  };
  if (CALLS.AGENTS > 0) {
    scenarios.agents = { executor: 'per-vu-iterations', exec: 'agent', vus: CALLS.AGENTS, iterations: 1, maxDuration: seconds(CALLS.AGENT_HOLD + 10000) };
  }
  return {
    scenarios,
    thresholds: { call_request_time: ['p(95)<5000'], calls_requested: ['count>0'], connection_failures: ['count<10'] },
  };
}

/** The id the n-th played agent (from 1) logs in with. */
export function agentId(n) {
  return n === 1 && CALLS.AGENT_ID ? CALLS.AGENT_ID : `load-agent-${n}`;
}

export const callsRequested = new Counter('calls_requested');
export const callsAccepted = new Counter('calls_accepted');
export const callsRejected = new Counter('calls_rejected');
export const callsTimedOut = new Counter('calls_timed_out');
export const callRequestTime = new Trend('call_request_time', true);
export const callAcceptTime = new Trend('call_accept_time', true);
export const callSuccessRate = new Rate('call_success_rate');
export const connectionFailures = new Counter('connection_failures');
export const visitorsUnassigned = new Counter('visitors_unassigned');

/** The events that answer a call:request: the sandbox's, and the seed's server's (agent:unavailable with a reason). */
export const ANSWERS = ['call:accepted', 'call:rejected', 'agent:unavailable', 'error'];

/**
 * Counts one call request's answer: `event` one of ANSWERS (null: none came in time), `data` its payload,
 * `ms` request → answer. A ring-no-answer (reason rna_timeout) and no answer at all are timeouts, tagged
 * with their reason; every other refusal is a rejection, tagged with the server's reason or error code.
 * Returns whether the call was accepted.
 */
export function countAnswer(event, data, ms) {
  if (event === 'call:accepted') {
    callsAccepted.add(1);
    callSuccessRate.add(true);
    callRequestTime.add(ms);
    callAcceptTime.add(ms);
    return true;
  }
  callSuccessRate.add(false);
  if (event === null) {
    callsTimedOut.add(1, { reason: 'no_answer' });
    return false;
  }
  callRequestTime.add(ms);
  const reason = (data && (data.reason || data.code)) || event;
  if (reason === 'rna_timeout') callsTimedOut.add(1, { reason });
  else callsRejected.add(1, { reason });
  return false;
}

/** A delay around `ms`, ± `spread` of it (the seed's "1–3 s" is jitter(2000, 0.5)). */
export function jitter(ms, spread = 0.5) {
  return ms * (1 - spread + 2 * spread * Math.random());
}
