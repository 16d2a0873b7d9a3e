// connection-quota — seed 001's connection-quota scenario: the gateway admits SOCKET_MAX_CONNECTIONS Socket.IO clients
// and refuses the next ones, in its own words, quickly, and its metrics show the limit held.
//
// What it proves: LIMIT connections are admitted and stay; each of EXTRAS more is refused with MESSAGE (on ERROR_EVENT,
// or as a refused CONNECT) within REJECT_WITHIN; the gateway's METRIC is at most LIMIT.
//
// Parameters (-e KEY=value) [default]:
//   SIO            the Socket.IO URL (a path names the namespace) [TARGET_SIO under --sandbox]
//   LIMIT          the gateway's connection cap [SANDBOX_SIO_MAX_CONNECTIONS under --sandbox, else 50]
//   EXTRAS         connections tried past it [3]              ORIGIN   their Origin header [http://localhost:5173]
//   ERROR_EVENT    the event refusals come on [SANDBOX_SIO_ERROR_EVENT under --sandbox, else novel.error]
//   MESSAGE        the refusal's message [Too many realtime connections]
//   REJECT_WITHIN  how fast a refusal must come [200ms]      SETTLE   how long the admitted must stay [500ms]
//   METRICS_URL    the gateway's metrics page [TARGET_HTTP/metrics; 'none': not checked]
//   METRIC         the series that must not exceed LIMIT [sandbox_socketio_connections_peak]
//
// Pass criteria (thresholds): every check (admitted, refused with the message, admitted stay, metrics agree),
// quota_refused count == EXTRAS, quota_refusal_duration max < REJECT_WITHIN.
//
//   bin/jload run --sandbox --sio-max-connections 50 scripts/connection-quota.js
//   bin/jload run -e SIO=http://localhost:3000 -e LIMIT=50 -e METRICS_URL=http://localhost:3000/metrics \
//     -e METRIC=gateway_connections_peak scripts/connection-quota.js
import { str, int, duration } from './lib/params.js';
import { probeConnectionQuota, quotaOptions } from './lib/quota.js';

const SIO = str('SIO', str('TARGET_SIO', 'http://127.0.0.1:3000'));
const LIMIT = int('LIMIT', int('SANDBOX_SIO_MAX_CONNECTIONS', 50, 1), 1);
const EXTRAS = int('EXTRAS', 3, 1);
const ORIGIN = str('ORIGIN', 'http://localhost:5173');
const ERROR_EVENT = str('ERROR_EVENT', str('SANDBOX_SIO_ERROR_EVENT', 'novel.error'));
const MESSAGE = str('MESSAGE', 'Too many realtime connections');
const REJECT_WITHIN_MS = duration('REJECT_WITHIN', '200ms');
const SETTLE_MS = duration('SETTLE', '500ms');
const METRICS_URL = str('METRICS_URL', __ENV.TARGET_HTTP ? `${__ENV.TARGET_HTTP}/metrics` : 'none');
const METRIC = str('METRIC', 'sandbox_socketio_connections_peak');

export const options = quotaOptions(EXTRAS, REJECT_WITHIN_MS);

export default function () {
  const kept = probeConnectionQuota({
    url: SIO, headers: () => ({ Origin: ORIGIN }), limit: LIMIT, extras: EXTRAS, errorEvent: ERROR_EVENT, message: MESSAGE,
    rejectWithinMs: REJECT_WITHIN_MS, settleMs: SETTLE_MS, metricsUrl: METRICS_URL, metric: METRIC, what: 'connection',
  });
  kept.forEach((io) => io.close());
}
