// websocket-connections-jload — websocket-connections.js with jload/socketio instead of Socket.IO framing by hand:
// the same test, the same metrics and pass criteria (see that file's header), in a third of the lines. jload answers
// the heartbeat on its event loop and times the CONNECT itself (sio_connecting), so the script only says what to do.
//
//   bin/jload run --sandbox scripts/websocket-connections-jload.js -e TARGET=100 -e RAMP_UP=10s -e STEADY=20s
import { check } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import socketio from 'jload/socketio';

const SERVER_URL = __ENV.SERVER_URL || (__ENV.TARGET_SIO ? __ENV.TARGET_SIO.replace(/^http/, 'ws') : 'ws://127.0.0.1:3000');
const TARGET = Number(__ENV.TARGET || 1000);
const HOLD_MIN = Number(__ENV.HOLD_MIN || 30000);
const HOLD_MAX = Number(__ENV.HOLD_MAX || 60000);

const connectionTime = new Trend('ws_connection_time', true);
const connectionFailures = new Counter('ws_connection_failures');
const connectionSuccess = new Rate('ws_connection_success_rate');

export const options = {
  stages: [
    { duration: __ENV.RAMP_UP || '1m', target: TARGET },
    { duration: __ENV.STEADY || '2m', target: TARGET },
    { duration: __ENV.RAMP_DOWN || '30s', target: 0 },
  ],
  thresholds: {
    ws_connection_time: ['p(95)<1000'],
    ws_connection_success_rate: ['rate>0.99'],
  },
};

export default function () {
  const startedAt = Date.now();
  const io = socketio.connect(SERVER_URL.replace(/^ws/, 'http'), { timeout: '10s' });
  connectionSuccess.add(io.ok);
  if (!check(io, { 'connected': (s) => s.ok })) {
    connectionFailures.add(1);
    return;
  }
  connectionTime.add(Date.now() - startedAt);
  io.wait(HOLD_MIN + Math.random() * (HOLD_MAX - HOLD_MIN)); // held: jload answers the pings meanwhile
  io.close();
}
