// The target's own metrics beside the load: every VU keeps a WebSocket to the echo endpoint, and VU 1
// also reads the server's Prometheus page each iteration (jload/metrics scrape), records what the server
// counts as a Gauge and checks that it sees our sockets — so thresholds judge the server side too.
// A failed scrape never throws: it is counted in target_scrape_errors (judged below) and the run goes on.
//
//   bin/jload run --sandbox examples/scrape.js
//   bin/jload run -e TARGET=ws://127.0.0.1:8080 -e TARGET_HTTP=http://127.0.0.1:9090 examples/scrape.js
import { check, sleep } from 'k6';
import { ws } from 'jload';
import { scrape, Gauge } from 'jload/metrics';

const serverSockets = new Gauge('server_echo_connections');

export const options = {
  vus: 10,
  duration: __ENV.DURATION || '10s',
  thresholds: {
    checks: ['rate>0.99'],
    target_scrape_errors: ['count==0'],
    server_echo_connections: ['value>=1'],
  },
};

let socket = null;

export default function () {
  if (socket === null || !socket.open) socket = ws.connect(`${__ENV.TARGET}/ws/echo`, { persist: true });
  socket.send(`${__VU}-${__ITER}`);
  check(socket.expect(() => true, { timeout: '2s' }), { 'echo arrived': (m) => m !== null });
  if (__VU === 1) {
    const page = scrape(`${__ENV.TARGET_HTTP}/metrics`, { timeout: '2s' });
    const open = page.value('sandbox_connections', { endpoint: 'echo' });
    if (page.ok) serverSockets.add(open);
    check(page, {
      'the metrics page was read': (p) => p.ok && p.status === 200,
      'the server counts our sockets': () => open >= 1,
    });
  }
  sleep(0.5);
}
