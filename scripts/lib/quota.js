// A connection quota, probed the way seed 001's harness does: open `limit` Socket.IO connections (which must be
// admitted and stay), then `extras` more (each must be refused with `message`, on `errorEvent` or as a refused
// CONNECT, within `rejectWithinMs`), then read the gateway's metrics page and check that it shows the limit held.
// A criterion that fails is logged in the seed's words ("51st connection was accepted; expected rejection '…'").
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import socketio from 'jload/socketio';
import { scrape } from 'jload/metrics';

const refused = new Counter('quota_refused');
const admitted = new Counter('quota_admitted');
const refusalTime = new Trend('quota_refusal_duration', true);

/** The options of a quota probe: one VU, one pass; every check, exactly `extras` refusals, each within the bound. */
export function quotaOptions(extras, rejectWithinMs) {
  return {
    scenarios: { probe: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '5m' } },
    thresholds: {
      checks: ['rate==1'],
      quota_refused: [`count==${extras}`],
      quota_refusal_duration: [`max<${rejectWithinMs}`],
    },
  };
}

export function ordinal(n) {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The refusal a connection got: its error event's {code, message}, or a refused CONNECT's error; null if admitted. */
function refusal(io, errorEvent, waitMs) {
  if (!io.ok) return { message: io.error };
  const told = io.expect(errorEvent, () => true, { timeout: `${waitMs}ms` });
  return told === null ? null : (told[0] ?? {});
}

/**
 * @param o {url, headers(i) → the i-th connection's headers, limit, extras, errorEvent, message, rejectWithinMs,
 *           settleMs, metricsUrl ('none' to skip), metric, metricLabels, what ('connection', 'connection from <origin>')}
 * @returns the admitted sockets, still open (the caller closes them)
 */
export function probeConnectionQuota(o) {
  const kept = [];
  for (let i = 1; i <= o.limit; i++) {
    const io = socketio.connect(o.url, { headers: o.headers(i), timeout: '10s' });
    if (!io.ok) console.error(`${ordinal(i)} ${o.what} was refused (${io.error}); expected it admitted under the limit of ${o.limit}`);
    check(io, { 'connections under the limit are admitted': (s) => s.ok });
    if (io.ok) {
      kept.push(io);
      admitted.add(1);
    }
  }
  for (let j = 1; j <= o.extras; j++) {
    const n = o.limit + j;
    const t0 = Date.now();
    const io = socketio.connect(o.url, { headers: o.headers(n), timeout: '10s' });
    const why = refusal(io, o.errorEvent, Math.max(2000, o.rejectWithinMs * 5));
    const tookMs = Date.now() - t0;
    const right = why !== null && String(why.message ?? '').includes(o.message);
    if (why === null) console.error(`${ordinal(n)} ${o.what} was accepted; expected rejection '${o.message}'`);
    else if (!right) console.error(`${ordinal(n)} ${o.what} was refused with '${why.message}'; expected '${o.message}'`);
    else if (tookMs > o.rejectWithinMs) console.error(`${ordinal(n)} ${o.what} was refused after ${tookMs} ms; expected within ${o.rejectWithinMs} ms`);
    check(why, { 'connections over the limit are refused with the expected message': () => right });
    if (right) {
      refused.add(1);
      refusalTime.add(tookMs);
    }
    if (io.ok && io.connected) io.close();
  }
  if (kept.length > 0) kept[0].wait(o.settleMs); // a late refusal of an admitted one would arrive meanwhile
  const stayed = kept.filter((io) => io.connected && io.expect(o.errorEvent, () => true, { timeout: '1ms' }) === null);
  if (stayed.length < kept.length) console.error(`${kept.length - stayed.length} admitted ${o.what}s were disconnected or told off afterwards`);
  check(null, { 'admitted connections stay': () => stayed.length === kept.length });
  if (o.metricsUrl !== 'none') {
    const page = scrape(o.metricsUrl, { timeout: '5s' });
    const shown = page.value(o.metric, o.metricLabels ?? {});
    const held = page.ok && shown <= o.limit;
    if (!page.ok) console.error(`the metrics page ${o.metricsUrl} could not be read: ${page.error}`);
    else if (Number.isNaN(shown)) console.error(`the metrics page has no ${o.metric}; set -e METRIC to the series that counts connections`);
    else if (!held) console.error(`the metrics show ${o.metric} = ${shown}, above the limit of ${o.limit}`);
    check(null, { 'the metrics show the limit held': () => held });
  }
  return kept;
}
