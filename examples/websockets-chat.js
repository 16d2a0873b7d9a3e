// A chat room with the browser-style k6/websockets API: each VU opens several sockets, joins a
// room on each, sends a message every second and reads everyone's. The iteration ends when
// every socket has closed and no timer is left. Server timestamps give each message's fan-out
// delay (server send → this socket), recorded as a custom Trend.
//
//   bin/jload run --sandbox examples/websockets-chat.js
import { WebSocket } from 'k6/websockets';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';

const SESSION_MS = Number(__ENV.SESSION_MS || 4000);
const SOCKETS_PER_VU = 3;

const delivered = new Counter('chat_messages_delivered');
const fanout = new Trend('chat_fanout_delay', true);

export const options = {
  vus: 4,
  iterations: 8,
  thresholds: {
    checks: ['rate==1'],
    chat_fanout_delay: ['p(95)<100'],
  },
};

export default function () {
  const room = `room-${__VU % 2}`;
  for (let i = 0; i < SOCKETS_PER_VU; i++) chatter(room, `vu${__VU}-s${i}`);
}

function chatter(room, name) {
  const socket = new WebSocket(`${__ENV.TARGET}/ws/rooms`);
  socket.binaryType = 'arraybuffer';

  socket.addEventListener('open', () => {
    socket.send(JSON.stringify({ type: 'join', room }));
    const talking = setInterval(() => {
      socket.send(JSON.stringify({ type: 'broadcast', room, data: { from: name, text: 'hello' } }));
    }, 1000);
    setTimeout(() => {
      clearInterval(talking);
      socket.close();
    }, SESSION_MS);
  });

  socket.addEventListener('message', (event) => {
    const msg = JSON.parse(event.data);
    if (msg.type === 'joined') check(msg, { 'joined the room': (m) => m.room === room });
    if (msg.type === 'message') {
      delivered.add(1);
      fanout.add(Math.max(0, Date.now() - msg.ts));
    }
  });

  socket.onerror = (e) => console.error(`${name}: ${e.error}`);
}
