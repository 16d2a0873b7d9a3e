// origin-quota — seed 001's per-origin quota scenario: the gateway admits SOCKET_MAX_CONNECTIONS_PER_ORIGIN clients
// from one Origin and refuses the next ones from it, while another origin is still admitted.
//
// What it proves: LIMIT connections from ORIGIN are admitted and stay; each of EXTRAS more from ORIGIN is refused
// with MESSAGE within REJECT_WITHIN; OTHERS connections from OTHER_ORIGIN are admitted meanwhile; the gateway's
// per-origin METRIC for ORIGIN is at most LIMIT.
//
// Parameters (-e KEY=value) [default]:
//   SIO            the Socket.IO URL [TARGET_SIO under --sandbox]
//   LIMIT          the per-origin cap [SANDBOX_SIO_MAX_CONNECTIONS_PER_ORIGIN under --sandbox, else 25]
//   EXTRAS         connections tried past it [3]              ORIGIN        the capped origin [http://localhost:5173]
//   OTHERS         connections from another origin [2]        OTHER_ORIGIN  [http://other.localhost]
//   ERROR_EVENT    [SANDBOX_SIO_ERROR_EVENT under --sandbox, else novel.error]
//   MESSAGE        the refusal's message [Too many connections from this origin]
//   REJECT_WITHIN  [200ms]    SETTLE [500ms]
//   METRICS_URL    [TARGET_HTTP/metrics; 'none']               METRIC  [sandbox_socketio_connections_by_origin]
//   METRIC_LABEL   the label naming the origin in METRIC [origin]
//
// Pass criteria (thresholds): every check, quota_refused count == EXTRAS, quota_refusal_duration max < REJECT_WITHIN.
//
//   bin/jload run --sandbox --sio-max-connections-per-origin 25 scripts/origin-quota.js
import { check } from 'k6';
import socketio from 'jload/socketio';
import { str, int, duration } from './lib/params.js';
import { probeConnectionQuota, quotaOptions } from './lib/quota.js';

const SIO = str('SIO', str('TARGET_SIO', 'http://127.0.0.1:3000'));
const LIMIT = int('LIMIT', int('SANDBOX_SIO_MAX_CONNECTIONS_PER_ORIGIN', 25, 1), 1);
const EXTRAS = int('EXTRAS', 3, 1);
const ORIGIN = str('ORIGIN', 'http://localhost:5173');
const OTHERS = int('OTHERS', 2);
const OTHER_ORIGIN = str('OTHER_ORIGIN', 'http://other.localhost');
const ERROR_EVENT = str('ERROR_EVENT', str('SANDBOX_SIO_ERROR_EVENT', 'novel.error'));
const MESSAGE = str('MESSAGE', 'Too many connections from this origin');
const REJECT_WITHIN_MS = duration('REJECT_WITHIN', '200ms');
const SETTLE_MS = duration('SETTLE', '500ms');
const METRICS_URL = str('METRICS_URL', __ENV.TARGET_HTTP ? `${__ENV.TARGET_HTTP}/metrics` : 'none');
const METRIC = str('METRIC', 'sandbox_socketio_connections_by_origin');
const METRIC_LABEL = str('METRIC_LABEL', 'origin');

export const options = quotaOptions(EXTRAS, REJECT_WITHIN_MS);

export default function () {
  const kept = probeConnectionQuota({
    url: SIO, headers: () => ({ Origin: ORIGIN }), limit: LIMIT, extras: EXTRAS, errorEvent: ERROR_EVENT, message: MESSAGE,
    rejectWithinMs: REJECT_WITHIN_MS, settleMs: SETTLE_MS, metricsUrl: METRICS_URL, metric: METRIC,
    metricLabels: { [METRIC_LABEL]: ORIGIN }, what: `connection from ${ORIGIN}`,
  });
  const others = [];
  for (let i = 0; i < OTHERS; i++) others.push(socketio.connect(SIO, { headers: { Origin: OTHER_ORIGIN }, timeout: '10s' }));
  const welcome = others.filter((io) => io.ok && io.expect(ERROR_EVENT, () => true, { timeout: '300ms' }) === null && io.connected);
  if (welcome.length < OTHERS) console.error(`${OTHERS - welcome.length} of ${OTHERS} connections from ${OTHER_ORIGIN} were refused; another origin's cap must not apply`);
  check(null, { 'another origin is still admitted': () => welcome.length === OTHERS });
  kept.concat(others).forEach((io) => io.close());
}
