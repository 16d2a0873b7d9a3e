// The fault drill's k6/ws VU (an unmodified k6 script): a session of one second with a message
// on open, closed from a socket timer; one iteration a second.
import ws from 'k6/ws';
import { sleep, check } from 'k6';

export const options = { vus: Number(__ENV.VUS || 200), duration: __ENV.DURATION || '40s' };

export default function () {
  const res = ws.connect(`${__ENV.TARGET}/ws/echo`, {}, (socket) => {
    socket.on('open', () => socket.send('hello'));
    socket.on('message', (m) => check(m, { echoed: (x) => x === 'hello' }));
    socket.setTimeout(() => socket.close(), 1000);
  });
  check(res, { 'status 101': (r) => r && r.status === 101 });
  if (res.status !== 101) sleep(1);
}
