// jload's own floor for bench/http/run.sh (JLOAD_SCRIPT=bench/http/minimal-post.js): the same POST as the bare client
// and wrk send, with no payload building and no check, so what is left is jload's per-request cost.
import http from 'k6/http';

export const options = {
  scenarios: {
    ingest: { executor: 'shared-iterations', vus: Number(__ENV.CONCURRENCY), iterations: Number(__ENV.MESSAGES), maxDuration: '10m' },
  },
};

const URL = `${__ENV.TARGET_HTTP}/ingest`;
const BODY = '{"user_id":4242,"channel_id":42,"content":"load test message 123456 k3j5h6g7f8d9"}';
const PARAMS = { headers: { 'Content-Type': 'application/json' } };

export default function () {
  http.post(URL, BODY, PARAMS);
}
