// The most common shape of a realtime k6 script: log in over HTTP, take the token from the response,
// open the WebSocket with it. Unchanged k6 code (k6/http, k6/ws). Against the sandbox: POST /login
// {user} answers {token}, and /ws/presence takes ?token=, answering each {"type":"ping"} with a pong.
//
//   bin/jload run --sandbox examples/login-then-socket.js
import http from 'k6/http';
import ws from 'k6/ws';
import { check } from 'k6';

export const options = {
  vus: 5,
  duration: __ENV.DURATION || '10s',
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{name:login}': ['p(95)<200'],
    checks: ['rate>0.99'],
  },
};

export default function () {
  const login = http.post(`${__ENV.TARGET_HTTP}/login`, JSON.stringify({ user: `user-${__VU}` }), {
    headers: { 'Content-Type': 'application/json' },
    tags: { name: 'login' },
  });
  if (!check(login, { 'logged in': (r) => r.status === 200 && typeof r.json('token') === 'string' })) return;

  const res = ws.connect(`${__ENV.TARGET}/ws/presence?token=${login.json('token')}`, {}, (socket) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'ping' })));
    socket.on('message', (text) => {
      if (JSON.parse(text).type === 'pong') {
        check(text, { 'pong with the token': () => true });
        socket.close();
      }
    });
    socket.setTimeout(() => socket.close(), 2000);
  });
  check(res, { 'upgraded with the token': (r) => r && r.status === 101 });
}
