// websocket-connections-jload — websocket-connections.js with jload/socketio instead of Socket.IO framing by hand:
// the same test, the same metrics and pass criteria (see that file's header; both take them from lib/connections.js),
// its test function 12 lines instead of 42. jload answers the heartbeat on its event loop and times the CONNECT
// itself (sio_connecting), so the script only says what to do.
//
//   bin/jload run --sandbox scripts/websocket-connections-jload.js -e TARGET=100 -e RAMP_UP=10s -e STEADY=20s
import { check } from 'k6';
import socketio from 'jload/socketio';
import {
  SERVER_URL, HOLD_MIN, HOLD_MAX, connectionTime, connectionFailures, connectionSuccess, connectionOptions,
} from './lib/connections.js';

export const options = connectionOptions();

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
