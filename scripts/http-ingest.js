// Seed 002's ingest load test: MESSAGES messages POSTed by CONCURRENCY virtual users as fast as the
// ingestor takes them (shared-iterations: a message is an iteration), each with a random user, channel
// and content. The summary gives the throughput (http_reqs/s) and p95/p99; http_req_failed judges it.
//
//   bin/jload run --sandbox examples/http-ingest.js                      # the quick preset against the sandbox
//   bin/jload run --sandbox -e PRESET=stress examples/http-ingest.js     # quick 1k/50, stress 10k/200, extreme 50k/500
//   bin/jload run -e TARGET_HTTP=http://localhost:8000 -e INGEST_PATH=/messages examples/http-ingest.js
//   bin/jload run --sandbox -e MESSAGES=5000 -e CONCURRENCY=100 examples/http-ingest.js
//   (the sandbox's /ingest takes ?delay=ms and ?fail=0.1: -e QUERY='?fail=0.05' shows a failing threshold)
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';

const PRESETS = { quick: [1000, 50], stress: [10000, 200], extreme: [50000, 500] };
const preset = PRESETS[__ENV.PRESET || 'quick'];
if (preset === undefined) throw new Error(`PRESET must be quick, stress or extreme, not '${__ENV.PRESET}'`);
const MESSAGES = Number(__ENV.MESSAGES || preset[0]);
const CONCURRENCY = Number(__ENV.CONCURRENCY || preset[1]);
const URL = `${__ENV.TARGET_HTTP || 'http://localhost:8000'}${__ENV.INGEST_PATH || '/ingest'}${__ENV.QUERY || ''}`;

export const options = {
  scenarios: {
    ingest: { executor: 'shared-iterations', vus: CONCURRENCY, iterations: MESSAGES, maxDuration: '10m' },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{name:ingest}': ['p(95)<500', 'p(99)<1000'],
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
