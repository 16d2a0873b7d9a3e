// http-ingest — seed 002's ingest load test: MESSAGES messages POSTed by CONCURRENCY virtual users as fast as the
// ingestor takes them (shared-iterations: a message is an iteration), each a random user, channel and content.
//
// What it proves: the ingest endpoint takes the preset's volume at the preset's concurrency with under 1 % failed
// requests and p95/p99 under the bounds; the summary gives the throughput (http_reqs/s) and p95/p99.
//
// Parameters (-e KEY=value) [default]:
//   PRESET       quick (1,000 messages / 50 VUs), stress (10,000 / 200) or extreme (50,000 / 500) [quick]
//   MESSAGES, CONCURRENCY   override the preset's
//   TARGET_HTTP  the server [the sandbox's under --sandbox, else http://localhost:8000]
//   INGEST_PATH  [/ingest]      QUERY  appended to the URL [] (the sandbox's /ingest takes ?delay=ms and ?fail=0.1)
//   P95, P99     the duration bounds in ms [500, 1000]     FAILED  the largest share of failed requests [0.01]
//
// Pass criteria (thresholds): http_req_failed rate < FAILED, http_req_duration{name:ingest} p(95) < P95, p(99) < P99.
//
//   bin/jload run --sandbox scripts/http-ingest.js
//   bin/jload run --sandbox -e PRESET=stress scripts/http-ingest.js
//   bin/jload run -e TARGET_HTTP=http://localhost:8000 -e INGEST_PATH=/messages scripts/http-ingest.js
//   bin/jload run --sandbox -e QUERY='?fail=0.05' scripts/http-ingest.js     # a failing threshold
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import { str, int, num } from './lib/params.js';

const PRESETS = { quick: [1000, 50], stress: [10000, 200], extreme: [50000, 500] };
const PRESET = str('PRESET', 'quick');
const preset = PRESETS[PRESET];
if (preset === undefined) throw new Error(`-e PRESET=${PRESET}: expected quick, stress or extreme`);
const MESSAGES = int('MESSAGES', preset[0], 1);
const CONCURRENCY = int('CONCURRENCY', preset[1], 1);
const URL = `${str('TARGET_HTTP', 'http://localhost:8000')}${str('INGEST_PATH', '/ingest')}${str('QUERY', '')}`;
const P95 = num('P95', 500);
const P99 = num('P99', 1000);
const FAILED = num('FAILED', 0.01);

export const options = {
  scenarios: {
    ingest: { executor: 'shared-iterations', vus: CONCURRENCY, iterations: MESSAGES, maxDuration: '10m' },
  },
  thresholds: {
    http_req_failed: [`rate<${FAILED}`],
    'http_req_duration{name:ingest}': [`p(95)<${P95}`, `p(99)<${P99}`],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(95)', 'p(99)', 'max'],
};

const PARAMS = { headers: { 'Content-Type': 'application/json' }, tags: { name: 'ingest' } };

export default function () {
  const message = {
    user_id: 1 + Math.floor(Math.random() * 10000),
    channel_id: 1 + Math.floor(Math.random() * 100),
    content: `load test message ${exec.scenario.iterationInTest} ${Math.random().toString(36).slice(2)}`,
  };
  const res = http.post(URL, JSON.stringify(message), PARAMS);
  check(res, { 'accepted': (r) => r.status === 202 || r.status === 200 || r.status === 201 });
}
