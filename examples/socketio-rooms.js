// Socket.IO rooms with jload's synchronous client: each VU joins a room (acked), then broadcasts to
// it and waits for its own broadcast to come back through the server. The ack's time
// (sio_ack_duration) and the broadcast's round trip (sio_rtt) are judged.
//
//   bin/jload run --sandbox examples/socketio-rooms.js                 # against jload's built-in target
//   bin/jload run -e TARGET_SIO=http://127.0.0.1:3000 examples/socketio-rooms.js
//   (a socket.io 4 server with the same events: join(room, ack), broadcast(room, data, ack) → 'broadcast')
import { check, sleep } from 'k6';
import socketio from 'jload/socketio';

export const options = {
  vus: 20,
  duration: __ENV.DURATION || '10s',
  thresholds: {
    sio_ack_duration: ['p(95)<50'],
    sio_rtt: ['p(95)<100'],
    checks: ['rate>0.99'],
    sio_errors: ['count==0'],
  },
};

let io = null; // one connection per VU, kept across iterations
const room = `room-${__VU % 5}`;
let seq = 0;

export default function () {
  if (io === null || !io.connected) {
    io = socketio.connect(__ENV.TARGET_SIO, { headers: { Origin: 'http://localhost' }, persist: true });
    check(io, { 'connected': (s) => s.ok });
    if (!io.ok) return;
    const joined = io.emitWithAck('join', room, { timeout: '2s' });
    check(joined, { 'joined the room': (a) => a !== null && a[0].room === room });
  }
  seq++;
  const delivered = io.emitWithAck('broadcast', room, { seq }, { timeout: '2s' });
  check(delivered, { 'broadcast acked': (a) => a !== null && a[0].delivered >= 1 });
  const mine = io.expect('broadcast', (m) => m.from === io.id && m.data.seq === seq, { timeout: '2s' });
  check(mine, { 'own broadcast came back': (a) => a !== null });
  sleep(0.1);
}
