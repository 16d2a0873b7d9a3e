// presence-soak — seed 000's realtime soak test ("realtime_load_test.py") as a jload scenario.
//
// What it proves: CONNECTIONS authenticated WebSocket sessions (a JWT in the URL) stay connected for SESSION while
// each sends PAYLOAD every INTERVAL; with EXPECT_REPLY, that every send is answered, and how fast (ws_rtt: the send
// → the reply, both timed where the bytes move). The target's own Prometheus metrics are read every 5 s during the
// run (target_<name> in the summary), so the server's view sits beside the load's.
//
// Parameters (-e KEY=value) [default]:
//   URL           the WebSocket URL [${TARGET}/ws/presence, the sandbox's]
//   TOKEN         the JWT, added to the URL as ?TOKEN_PARAM=… [SANDBOX_TOKEN under --sandbox; empty: none]
//   TOKEN_PARAM   the query parameter that carries it [token]
//   CONNECTIONS   sessions open at once [50]             SESSION    how long each lasts [60s]
//   INTERVAL      between two sends [10s]                PAYLOAD    what is sent [{"type":"ping"}]
//   EXPECT_REPLY  wait for a reply to each send [true]   REPLY_TYPE a reply is a JSON message of this type [pong];
//                                                                   empty: the next message of any kind
//   REPLY_TIMEOUT how long a reply may take [5s]         HEADERS    extra upgrade headers: 'Name: value; Name: value'
//   METRICS_URL   the target's Prometheus page [${TARGET_HTTP}/metrics; 'none': not read]
//   METRICS       the series read from it [sandbox_connections,sandbox_messages_total]
//   RTT_P95       the round-trip bound in ms [100]
//
// Pass criteria (thresholds): no WebSocket error (refused, rejected, dropped: ws_errors), every session connected
// and still open at its end, every reply arrived (checks), ws_rtt p(95) < RTT_P95.
//
//   bin/jload run --sandbox scripts/presence-soak.js -e CONNECTIONS=20 -e SESSION=10s -e INTERVAL=1s
//   bin/jload run scripts/presence-soak.js -e URL=ws://localhost:8000/ws/presence -e TOKEN="$JWT" \
//     -e METRICS_URL=http://localhost:8000/metrics -e METRICS=realtime_active_connections,realtime_events_total
import { check, sleep } from 'k6';
import { ws } from 'jload';
import { str, int, bool, duration, list, headers, seconds } from './lib/params.js';

const TOKEN = str('TOKEN', str('SANDBOX_TOKEN', ''));
const TOKEN_PARAM = str('TOKEN_PARAM', 'token');
const BASE_URL = str('URL', `${str('TARGET', 'ws://127.0.0.1:8080')}/ws/presence`);
const CONNECTIONS = int('CONNECTIONS', 50, 1);
const SESSION_MS = duration('SESSION', '60s');
const INTERVAL_MS = duration('INTERVAL', '10s');
const PAYLOAD = str('PAYLOAD', '{"type":"ping"}');
const EXPECT_REPLY = bool('EXPECT_REPLY', true);
const REPLY_TYPE = str('REPLY_TYPE', 'pong');
const REPLY_TIMEOUT_MS = duration('REPLY_TIMEOUT', '5s');
const HEADERS = headers('HEADERS');
const METRICS_URL = str('METRICS_URL', __ENV.TARGET_HTTP ? `${__ENV.TARGET_HTTP}/metrics` : 'none');
const METRICS = list('METRICS', 'sandbox_connections,sandbox_messages_total');
const RTT_P95 = int('RTT_P95', 100, 1);

const URL = TOKEN === '' ? BASE_URL : `${BASE_URL}${BASE_URL.includes('?') ? '&' : '?'}${TOKEN_PARAM}=${encodeURIComponent(TOKEN)}`;

export const options = {
  scenarios: {
    soak: {
      executor: 'per-vu-iterations',
      vus: CONNECTIONS,
      iterations: 1,
      maxDuration: seconds(SESSION_MS + REPLY_TIMEOUT_MS + 30000),
      gracefulStop: seconds(REPLY_TIMEOUT_MS + 5000),
    },
  },
  thresholds: {
    ws_errors: ['count==0'],
    checks: ['rate==1'],
    ...(EXPECT_REPLY ? { ws_rtt: [`p(95)<${RTT_P95}`] } : {}),
  },
  ...(METRICS_URL === 'none' ? {} : { scrape: [{ url: METRICS_URL, every: '5s', select: METRICS }] }),
};

const isReply = (m) => {
  if (REPLY_TYPE === '') return true;
  try {
    return m.json().type === REPLY_TYPE;
  } catch (notJson) {
    return false;
  }
};

export default function () {
  const socket = ws.connect(URL, { headers: HEADERS, tags: { name: 'presence' }, timeout: '10s' });
  if (!check(socket, { 'session connected': (s) => s.ok })) return;
  const end = Date.now() + SESSION_MS;
  while (Date.now() < end && socket.open) {
    socket.send(PAYLOAD);
    if (EXPECT_REPLY) {
      const reply = socket.expect(isReply, { timeout: `${REPLY_TIMEOUT_MS}ms` });
      check(reply, { 'reply arrived': (m) => m !== null });
    }
    const left = end - Date.now();
    if (left > 0) sleep(Math.min(INTERVAL_MS, left) / 1000);
  }
  check(socket, { 'session open until its end': (s) => s.open });
  socket.close();
}
