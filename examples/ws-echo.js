// WebSocket round trips with jload's synchronous API: each VU keeps one socket open across
// iterations ({ persist: true }; without it jload closes a socket when the iteration that opened
// it ends), sends a message and waits for its echo. ws_rtt (send → matching reply) is judged.
//
//   bin/jload run --sandbox examples/ws-echo.js                  # against jload's built-in target
//   bin/jload run -e TARGET=ws://127.0.0.1:8080 examples/ws-echo.js
import { check, sleep } from 'k6';
import { ws } from 'jload';

export const options = {
  vus: 20,
  duration: __ENV.DURATION || '10s',
  thresholds: {
    ws_rtt: ['p(95)<50', 'p(99)<100'],
    checks: ['rate>0.99'],
    ws_errors: ['count==0'],
  },
};

let socket = null; // module state lives for the VU's lifetime: one socket per VU, reused

export default function () {
  if (socket === null || !socket.open) {
    socket = ws.connect(`${__ENV.TARGET}/ws/echo`, { headers: { Origin: 'http://localhost' }, tags: { name: 'echo' }, persist: true });
    check(socket, { 'connected (101)': (s) => s.ok && s.status === 101 });
    if (!socket.ok) return;
  }
  const id = `${__VU}-${__ITER}`;
  socket.send(JSON.stringify({ type: 'ping', id, sentAt: Date.now() }));
  const reply = socket.expect((m) => m.json().id === id, { timeout: '2s' });
  check(reply, { 'echo arrived': (m) => m !== null });
  sleep(0.1);
}
