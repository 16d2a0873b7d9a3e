// seed 004's call metrics, and what a visitor's call request was answered with — shared by call-requests.js (k6/ws)
// and call-requests-jload.js (jload/socketio), so both count the same way.
import { Counter, Rate, Trend } from 'k6/metrics';

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
