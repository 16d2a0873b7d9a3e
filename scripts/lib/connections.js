// seed 004's connection stress test: its parameters, options and metrics — shared by websocket-connections.js (k6/ws)
// and websocket-connections-jload.js (jload/socketio), so both run and count the same way. Plain JavaScript: k6
// imports it too.
import { Counter, Rate, Trend } from 'k6/metrics';

/** The parameters (websocket-connections.js's header lists them). SERVER_URL is ws(s)://. */
export const SERVER_URL = __ENV.SERVER_URL || (__ENV.TARGET_SIO ? __ENV.TARGET_SIO.replace(/^http/, 'ws') : 'ws://127.0.0.1:3000');
export const TARGET = Number(__ENV.TARGET || 1000);
export const HOLD_MIN = Number(__ENV.HOLD_MIN || 30000);
export const HOLD_MAX = Number(__ENV.HOLD_MAX || 60000);

/** The seed's metrics. */
export const connectionTime = new Trend('ws_connection_time', true);
export const connectionFailures = new Counter('ws_connection_failures');
export const connectionSuccess = new Rate('ws_connection_success_rate');

/** The ramp to TARGET connections and the seed's thresholds. */
export function connectionOptions() {
  return {
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
}
