// websocket-connections — seed 004's k6 connection stress test, in k6's own terms: this file runs unchanged under
// k6 and under jload. It speaks Socket.IO's framing over k6/ws by hand (Engine.IO v4: '0' open, '40' connect to '/',
// '2' ping → '3' pong), as the seed's script had to, and — unlike a script that calls sleep() inside a socket
// callback, which blocks the VU's event loop in k6 — holds each connection with socket.setTimeout.
// websocket-connections-jload.js is the same test with jload/socketio, for comparison.
//
// What it proves: the server takes the ramp to TARGET concurrent Socket.IO connections, each held HOLD_MIN–HOLD_MAX,
// with connection time p(95) under 1 s and more than 99 % of connections succeeding.
//
// Parameters (--env KEY=value / -e) [default]:
//   SERVER_URL  ws(s)://host:port of the Socket.IO server [ws:// of TARGET_SIO under jload --sandbox,
//               else ws://127.0.0.1:3000]
//   TARGET      concurrent connections at the top of the ramp [1000]
//   RAMP_UP     [1m]     STEADY  [2m]     RAMP_DOWN  [30s]
//   HOLD_MIN, HOLD_MAX  how long each connection is held, in ms [30000, 60000]
//
// Metrics (the seed's): ws_connection_time (Trend, ms: dial → the namespace's CONNECT answered),
// ws_connection_failures (Counter), ws_connection_success_rate (Rate).
// Pass criteria (thresholds): ws_connection_time p(95) < 1000, ws_connection_success_rate > 0.99.
//
//   bin/jload run --sandbox scripts/websocket-connections.js -e TARGET=100 -e RAMP_UP=10s -e STEADY=20s
//   bin/jload run --sandbox -u 50 -d 2m scripts/websocket-connections.js        # the seed's smoke test
//   k6 run --env SERVER_URL=wss://staging.example.com scripts/websocket-connections.js
import ws from 'k6/ws';
import { check } from 'k6';
import {
  SERVER_URL, HOLD_MIN, HOLD_MAX, connectionTime, connectionFailures, connectionSuccess, connectionOptions,
} from './lib/connections.js';

export const options = connectionOptions();

export default function () {
  const url = `${SERVER_URL}/socket.io/?EIO=4&transport=websocket`;
  const startedAt = Date.now();
  const holdMs = HOLD_MIN + Math.random() * (HOLD_MAX - HOLD_MIN);
  let outcome = null; // true once connected, false once failed: each connection counts once

  const settle = (ok) => {
    if (outcome !== null) return;
    outcome = ok;
    connectionSuccess.add(ok);
    if (ok) connectionTime.add(Date.now() - startedAt);
    else connectionFailures.add(1);
  };

  const res = ws.connect(url, {}, (socket) => {
    socket.on('message', (msg) => {
      if (msg.startsWith('0')) {
        socket.send('40'); // Engine.IO is open: join the default namespace
      } else if (msg.startsWith('40')) {
        settle(true);
        socket.setTimeout(() => socket.close(), holdMs); // hold the connection, then leave
      } else if (msg.startsWith('44')) {
        settle(false); // the namespace refused us (CONNECT_ERROR)
        socket.close();
      } else if (msg === '2') {
        socket.send('3'); // answer the server's heartbeat, or it drops us
      }
    });
    socket.on('error', () => {
      settle(false);
    });
    socket.setTimeout(() => {
      if (outcome === null) {
        settle(false); // no CONNECT answer in 10 s
        socket.close();
      }
    }, 10000);
  });

  check(res, { 'status is 101': (r) => r && r.status === 101 });
  if (!res || res.status !== 101) settle(false);
}
